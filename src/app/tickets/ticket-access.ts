import type { OutboundMessage } from "../../domain/messages.ts";
import type { TicketChange, TicketWithEnterprise } from "../../domain/ticket/ticket.ts";
import {
  type RefusalReason,
  type TicketAction,
  type TransitionResult,
  transition,
} from "../../domain/ticket/ticket-lifecycle.ts";
import type { TicketEventKind, TicketStatus } from "../../domain/ticket/ticket-status.ts";
import { readPlan } from "../../domain/ticket/treatment-plan.ts";
import type { Stores } from "../../store/stores.ts";
import type { Actor } from "../actor.ts";
import type { AppDeps } from "../app-deps.ts";

/** A ticket as the chat use cases load it: with its enterprise. */
export type LoadedTicket = TicketWithEnterprise;

/**
 * A ticket by its human number, typed in any case, if it lies in the actor's scope. A number
 * outside it is answered exactly as a number that does not exist: numbers are sequential, and a
 * different answer would let anyone learn which ones are in use elsewhere.
 */
export async function findTicket(s: Stores, actor: Actor, raw: string): Promise<LoadedTicket | null> {
  const number = raw.trim().toUpperCase();
  if (!number) return null;
  const ticket = await s.tickets.byNumber(number);
  return ticket && (await actorMaySee(s, actor, ticket)) ? ticket : null;
}

/** Evidence photos needed before a ticket of this grade can be submitted. */
export function minPhotosFor(deps: AppDeps, grade: string): number {
  return grade === "major"
    ? deps.content.policy.evidence.minPhotos.major
    : deps.content.policy.evidence.minPhotos.general;
}

/** Whether the ticket's enterprise is inside the actor's scope. */
export async function actorMaySee(s: Stores, actor: Actor, ticket: LoadedTicket): Promise<boolean> {
  return s.enterprises.isInScope(await s.people.scopeOf(actor.person), ticket.enterpriseId);
}

/** Judges an action on a ticket with everything the state machine needs to know. */
export async function judge(
  s: Stores,
  deps: AppDeps,
  actor: Actor,
  ticket: LoadedTicket,
  action: TicketAction,
  extra: { note?: string | null; evidencePhotos?: number } = {},
): Promise<TransitionResult> {
  const submittedBy = await s.tickets.lastSubmitter(ticket.id);
  return transition(action, {
    status: ticket.status,
    grade: ticket.grade,
    actorRole: actor.person.role,
    inScope: await actorMaySee(s, actor, ticket),
    submittedBy,
    actorId: actor.person.id,
    hasTreatmentPlan: readPlan(ticket.treatmentPlan) !== null,
    evidencePhotos: extra.evidencePhotos ?? 0,
    minPhotos: minPhotosFor(deps, ticket.grade),
    note: extra.note ?? null,
  });
}

/** The sentence that says why an action was refused. */
export function refusal(
  deps: AppDeps,
  actor: Actor,
  reason: RefusalReason,
  ticket: LoadedTicket,
  example = "",
): OutboundMessage {
  const { texts } = deps.content;
  return {
    text: texts.t(`ticket.refused.${reason}`, {
      number: ticket.number,
      status: texts.label("status", ticket.status),
      role: texts.label("role", actor.person.role),
      min: minPhotosFor(deps, ticket.grade),
      example,
    }),
    expects: "none",
  };
}

/** Records a transition: the new status, an event row with actor, time, channel and note, and the audit entry. */
export async function recordTransition(
  s: Stores,
  deps: AppDeps,
  actor: Actor,
  ticket: LoadedTicket,
  change: { kind: TicketEventKind; to: TicketStatus; note?: string | null; data?: TicketChange },
): Promise<string> {
  const now = deps.clock.now();
  await s.tickets.moveTo(ticket.id, change.to, change.data);
  const eventId = await s.tickets.addEvent({
    ticketId: ticket.id,
    kind: change.kind,
    fromStatus: ticket.status,
    toStatus: change.to,
    actorId: actor.person.id,
    channel: actor.channel,
    note: change.note ?? null,
    at: now,
  });
  await s.audit.record({
    at: now,
    actorId: actor.person.id,
    action: `ticket.${change.kind}`,
    subjectType: "ticket",
    subjectId: ticket.id,
    detail: { from: ticket.status, to: change.to },
  });
  return eventId;
}
