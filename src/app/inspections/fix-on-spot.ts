import type { Stores } from "../../store/stores.ts";
import type { Actor } from "../actor.ts";
import type { RegisteredTicket } from "../tickets/register-hazard.ts";

/**
 * 立即整改: the hazard was fixed while the team was there. The ticket is rectified and closed at
 * once, as the ledger records any rectification: a "submitted" event carrying the after photos,
 * then a "passed" event (销号) by the inspector, so it counts as found and as rectified.
 */
export async function fixOnSpot(
  s: Stores,
  actor: Actor,
  ticket: RegisteredTicket,
  afterPhotoIds: readonly string[],
  note: string,
  now: Date,
): Promise<void> {
  const current = await s.tickets.byId(ticket.id);
  if (!current || current.status === "closed") return;
  const submitted = await s.tickets.addEvent({
    ticketId: ticket.id,
    kind: "submitted",
    fromStatus: current.status,
    toStatus: "submitted",
    actorId: actor.person.id,
    channel: actor.channel,
    note,
    at: now,
  });
  await s.attachments.hangOnTicket(afterPhotoIds, {
    purpose: "rectification",
    ticketId: ticket.id,
    ticketEventId: submitted,
  });
  await s.tickets.addEvent({
    ticketId: ticket.id,
    kind: "passed",
    fromStatus: "submitted",
    toStatus: "closed",
    actorId: actor.person.id,
    channel: actor.channel,
    note,
    at: now,
  });
  await s.tickets.moveTo(ticket.id, "closed", { rectifiedAt: now, closedAt: now, measures: note });
  await s.audit.record({
    at: now,
    actorId: actor.person.id,
    action: "ticket.fixed_on_spot",
    subjectType: "ticket",
    subjectId: ticket.id,
    detail: { from: current.status, to: "closed" },
  });
}
