import type { TicketEvent, TicketWithEnterprise } from "../../domain/ticket/ticket.ts";
import { readPlan, type TreatmentPlan } from "../../domain/ticket/treatment-plan.ts";
import type { TicketPhoto } from "../../store/attachment-store.ts";
import type { AppDeps } from "../app-deps.ts";
import type { Viewer } from "./viewer.ts";

/** A ticket as its console page shows it: its events, photos before and after, plan and names. */
export type TicketView = {
  ticket: TicketWithEnterprise;
  areaName: string;
  gridName: string | null;
  events: TicketEvent[];
  before: TicketPhoto[];
  after: TicketPhoto[];
  plan: TreatmentPlan | null;
  /** Names of the people the page mentions (actors, finder, responsible), by id. */
  names: Map<string, string>;
};

function planOf(json: string | null): TreatmentPlan | null {
  try {
    return readPlan(json);
  } catch {
    return null;
  }
}

/** A ticket by number for the viewer; `out_of_scope` when its enterprise is outside what they may see. */
export async function ticketForViewer(
  deps: AppDeps,
  viewer: Viewer,
  rawNumber: string,
): Promise<TicketView | "out_of_scope" | null> {
  const number = rawNumber.trim().toUpperCase();
  return deps.uow.read(async (s) => {
    const ticket = await s.tickets.byNumber(number);
    if (!ticket) return null;
    if (!(await s.enterprises.isInScope(viewer.scope, ticket.enterpriseId))) return "out_of_scope";
    const [events, photos, areas, grids] = await Promise.all([
      s.tickets.history(ticket.id),
      s.attachments.onTicket(ticket.id),
      s.enterprises.areas(),
      s.enterprises.grids(),
    ]);
    const ids = [
      ...new Set(
        [ticket.foundById, ticket.responsibleId, ...events.map((e) => e.actorId)].filter(
          (id): id is string => id !== null,
        ),
      ),
    ];
    const people = await s.people.byIds(ids);
    return {
      ticket,
      areaName: areas.find((a) => a.id === ticket.enterprise.areaId)?.name ?? ticket.enterprise.areaId,
      gridName: grids.find((g) => g.id === ticket.enterprise.gridId)?.name ?? null,
      events,
      before: photos.filter((p) => p.purpose === "hazard"),
      after: photos.filter((p) => p.purpose === "rectification"),
      plan: planOf(ticket.treatmentPlan),
      names: new Map(people.map((p) => [p.id, p.name])),
    };
  });
}

/**
 * A stored photo for the viewer: only when the ticket or self-check it belongs to is in their
 * scope (a file of neither, an admin only).
 */
export async function fileForViewer(
  deps: AppDeps,
  viewer: Viewer,
  attachmentId: string,
): Promise<{ bytes: Buffer; mime: string } | "out_of_scope" | null> {
  const file = await deps.uow.read(async (s) => {
    const owned = await s.attachments.withOwner(attachmentId);
    if (!owned) return null;
    const allowed =
      owned.enterpriseId === null
        ? viewer.scope.kind === "all"
        : await s.enterprises.isInScope(viewer.scope, owned.enterpriseId);
    return allowed ? owned : ("out_of_scope" as const);
  });
  if (file === null || file === "out_of_scope") return file;
  return { bytes: await deps.files.get(file.sha256), mime: file.mime };
}
