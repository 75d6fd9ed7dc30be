/**
 * Photos on the demo history's tickets, stored as the chat stores them: the bytes in the
 * content-addressed file store, an attachment row for the upload, hung on the ticket (a hazard
 * photo) or on the event that brought it (a rectification photo). Which tickets get one is decided
 * from the ticket number, not from the history's random stream, so the history stays the same.
 */
import type { AppDeps } from "../app/app-deps.ts";
import type { Stores } from "../store/stores.ts";
import { type DemoPhotoKind, demoPhotos } from "./demo-photos.ts";

/** A stable small number for a text. */
export function hashOf(text: string): number {
  let h = 0;
  for (const ch of text) h = (Math.imul(h, 31) + (ch.codePointAt(0) ?? 0)) | 0;
  return h >>> 0;
}

/** Three tickets in four get photos (before, and after once rectified). */
export function hasDemoPhotos(ticketNumber: string): boolean {
  return hashOf(ticketNumber) % 4 !== 3;
}

/** The "before" picture that fits what a hazard is about (demoPhotos order), if one does. */
function beforeFor(subject: string): number | undefined {
  if (/通道|出口|堵|占用/.test(subject)) return 0;
  if (/电|线|插座|充电/.test(subject)) return 1;
  if (/灭火|消防器材|消火栓|消防设施/.test(subject)) return 2;
  return undefined;
}

/** Stores one demo photo as an upload by `uploadedById`, chosen to fit `pick` (what it shows); its attachment id. */
export async function uploadDemoPhoto(
  s: Stores,
  deps: AppDeps,
  kind: DemoPhotoKind,
  pick: string,
  uploadedById: string,
  at: Date,
): Promise<string> {
  const all = demoPhotos(kind);
  const bytes =
    all[kind === "before" ? (beforeFor(pick) ?? hashOf(pick) % all.length) : hashOf(pick) % all.length];
  if (!bytes) throw new Error("no demo photos");
  const sha256 = await deps.files.put(bytes);
  const [id] = await s.attachments.recordUploads(
    [{ sha256, mime: "image/png", size: bytes.length, name: null, uploadedById }],
    { runId: null, questionId: null },
    at,
  );
  if (!id) throw new Error("demo photo not recorded");
  return id;
}

/** Hangs a demo photo on a ticket: the hazard as found, or the fix on the event that reported it. */
export async function hangDemoPhoto(
  s: Stores,
  deps: AppDeps,
  ticket: { id: string; number: string; title: string; description: string | null },
  kind: DemoPhotoKind,
  uploadedById: string,
  at: Date,
  ticketEventId?: string,
): Promise<void> {
  const subject = `${ticket.title} ${ticket.description ?? ""} ${ticket.number}`;
  const id = await uploadDemoPhoto(s, deps, kind, subject, uploadedById, at);
  await s.attachments.hangOnTicket([id], {
    ticketId: ticket.id,
    purpose: kind === "before" ? "hazard" : "rectification",
    ...(ticketEventId ? { ticketEventId } : {}),
  });
}
