import type { OutboundMessage } from "../../domain/messages.ts";
import type { Role } from "../../domain/people/role.ts";
import {
  type RefusalReason,
  type TicketAction,
  type TransitionResult,
  transition,
} from "../../domain/ticket/ticket-lifecycle.ts";
import type { TicketStatus } from "../../domain/ticket/ticket-status.ts";
import { readPlan } from "../../domain/ticket/treatment-plan.ts";
import type { Enterprise, Ticket } from "../../generated/prisma/client.ts";
import type { Tx } from "../../store/database.ts";
import type { Actor } from "../actor.ts";
import type { AppDeps } from "../app-deps.ts";
import { inScope } from "./ticket-scope.ts";

export type LoadedTicket = Ticket & { enterprise: Enterprise };

/** A ticket by its human number, typed in any case. */
export async function findTicket(tx: Tx, raw: string): Promise<LoadedTicket | null> {
  const number = raw.trim().toUpperCase();
  if (!number) return null;
  return tx.ticket.findUnique({ where: { number }, include: { enterprise: true } });
}

/** Evidence photos needed before a ticket of this grade can be submitted. */
export function minPhotosFor(deps: AppDeps, grade: string): number {
  return grade === "major"
    ? deps.content.policy.evidence.minPhotos.major
    : deps.content.policy.evidence.minPhotos.general;
}

/** Judges an action on a ticket with everything the state machine needs to know. */
export async function judge(
  tx: Tx,
  deps: AppDeps,
  actor: Actor,
  ticket: LoadedTicket,
  action: TicketAction,
  extra: { note?: string | null; evidencePhotos?: number } = {},
): Promise<TransitionResult> {
  const lastSubmission = await tx.ticketEvent.findFirst({
    where: { ticketId: ticket.id, kind: "submitted" },
    orderBy: { at: "desc" },
  });
  return transition(action, {
    status: ticket.status as TicketStatus,
    grade: ticket.grade === "major" ? "major" : "general",
    actorRole: actor.person.role as Role,
    inScope: await inScope(tx, actor.person, ticket.enterpriseId),
    submittedBy: lastSubmission?.actorId ?? null,
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

/** Records a transition: the new status and an event row with actor, time, channel and note. */
export async function recordTransition(
  tx: Tx,
  deps: AppDeps,
  actor: Actor,
  ticket: LoadedTicket,
  change: { kind: string; to: TicketStatus; note?: string | null; data?: Partial<Ticket> },
): Promise<string> {
  const now = deps.clock.now();
  await tx.ticket.update({ where: { id: ticket.id }, data: { ...change.data, status: change.to } });
  const event = await tx.ticketEvent.create({
    data: {
      ticketId: ticket.id,
      kind: change.kind,
      fromStatus: ticket.status,
      toStatus: change.to,
      actorId: actor.person.id,
      channel: actor.channel,
      note: change.note ?? null,
      at: now,
    },
  });
  await tx.auditLog.create({
    data: {
      at: now,
      actorId: actor.person.id,
      action: `ticket.${change.kind}`,
      subjectType: "ticket",
      subjectId: ticket.id,
      detail: JSON.stringify({ from: ticket.status, to: change.to }),
    },
  });
  return event.id;
}
