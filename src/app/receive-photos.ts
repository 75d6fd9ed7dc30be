import { checkPhoto, type PhotoProblem } from "../domain/image-type.ts";
import type { InboundAttachment } from "../domain/messages.ts";
import type { AppDeps } from "./app-deps.ts";
import { type ImageProblem, verifyImage } from "./verify-image.ts";

export type ReceivedPhoto = { sha256: string; mime: string; size: number; name: string | null };
export type RejectedFile = { name: string; size: number } & ({ problem: PhotoProblem } | ImageProblem);

function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return bytes >= 1024 ? `${Math.ceil(bytes / 1024)} KB` : `${bytes} B`;
}

/**
 * Fetches, checks and stores the files of a message, before any database transaction:
 * storage is content-addressed, so doing it again for a redelivered message is harmless.
 */
export async function receivePhotos(
  deps: AppDeps,
  channel: string,
  attachments: readonly InboundAttachment[],
): Promise<{ photos: ReceivedPhoto[]; rejected: RejectedFile[] }> {
  const photos: ReceivedPhoto[] = [];
  const rejected: RejectedFile[] = [];
  for (const [i, a] of attachments.entries()) {
    const name = a.name ?? `#${i + 1}`;
    let bytes = a.bytes;
    if (!bytes && a.ref) {
      try {
        bytes = await deps.attachments.fetch(channel, a.ref);
      } catch (err) {
        deps.log.warn({ err, channel }, "attachment fetch failed");
      }
    }
    if (!bytes) {
      rejected.push({ name, problem: "fetch", size: 0 });
      continue;
    }
    const check = checkPhoto(bytes, deps.config.maxPhotoBytes);
    if (!check.ok) {
      rejected.push({ name, problem: check.problem, size: bytes.length });
      continue;
    }
    // Decoded before it is stored: a file that only begins like an image, or a decompression
    // bomb, is refused here and costs neither an attachment row nor disk.
    const image = await verifyImage(bytes, check.mime, deps.config.maxPhotoPixels);
    if (!image.ok) {
      rejected.push({ ...image, name, size: bytes.length });
      continue;
    }
    photos.push({
      sha256: await deps.files.put(bytes),
      mime: check.mime,
      size: bytes.length,
      name: a.name ?? null,
    });
  }
  return { photos, rejected };
}

/** The sentence that tells a person why a file was refused. */
export function rejectionText(deps: AppDeps, r: RejectedFile): string {
  const { texts } = deps.content;
  const problem =
    r.problem === "pixels"
      ? texts.t("photo.problem.pixels", {
          width: r.width,
          height: r.height,
          limit: Math.floor(r.maxPixels / 10_000),
        })
      : texts.t(`photo.problem.${r.problem}`, {
          size: formatSize(r.size),
          limit: formatSize(deps.config.maxPhotoBytes),
        });
  return texts.t("photo.rejected", { name: r.name, problem });
}
