import type { OutboundMessage } from "../../domain/messages.ts";
import type { CommandKey } from "../../domain/texts.ts";
import {
  beginRectification,
  type EvidencePhoto,
  type RectificationState,
  stepRectification,
} from "../../domain/ticket/rectification-flow.ts";
import { readPlan } from "../../domain/ticket/treatment-plan.ts";
import type { Tx } from "../../store/database.ts";
import type { Actor } from "../actor.ts";
import type { AppDeps } from "../app-deps.ts";
import { responsibleFor } from "../recipients.ts";
import { notifyPeople } from "./notify-people.ts";
import { findTicket, judge, minPhotosFor, recordTransition, refusal } from "./ticket-access.ts";

export type FlowOutcome<S> = { state: S | null; replies: OutboundMessage[] };

/** 整改 <编号>: the head starts rectifying; the ticket moves to 整改中 and the flow begins. */
export async function startRectification(
  tx: Tx,
  deps: AppDeps,
  actor: Actor,
  arg: string,
): Promise<FlowOutcome<RectificationState>> {
  const { texts } = deps.content;
  const number = arg.split(/\s+/)[0] ?? "";
  if (!number)
    return {
      state: null,
      replies: [{ text: texts.t("tickets.usage", { example: texts.t("example.rectify") }), expects: "text" }],
    };
  const ticket = await findTicket(tx, number);
  if (!ticket)
    return { state: null, replies: [{ text: texts.t("tickets.not_found", { number }), expects: "none" }] };
  const verdict = await judge(tx, deps, actor, ticket, "start_rectification");
  if (!verdict.ok) return { state: null, replies: [refusal(deps, actor, verdict.reason, ticket)] };
  if (ticket.status !== "rectifying")
    await recordTransition(tx, deps, actor, ticket, { kind: "rectification_started", to: "rectifying" });
  const step = beginRectification(texts, {
    ticketId: ticket.id,
    number: ticket.number,
    title: ticket.title,
    needsPlan: ticket.grade === "major" && readPlan(ticket.treatmentPlan) === null,
    minPhotos: minPhotosFor(deps, ticket.grade),
  });
  return { state: step.state, replies: step.replies };
}

/** Marks photos whose bytes equal one of the hazard's own "before" photos. */
async function evidencePhotos(
  tx: Tx,
  ticketId: string,
  photoIds: readonly string[],
): Promise<EvidencePhoto[]> {
  if (photoIds.length === 0) return [];
  const before = await tx.attachment.findMany({
    where: { ticketId, purpose: "hazard" },
    select: { sha256: true },
  });
  const shas = new Set(before.map((b) => b.sha256));
  const rows = await tx.attachment.findMany({
    where: { id: { in: [...photoIds] } },
    select: { id: true, sha256: true },
  });
  return rows.map((r) => ({ id: r.id, sameAsBefore: shas.has(r.sha256) }));
}

/** One message inside a rectification: plan parts, description, photos, confirmation. */
export async function continueRectification(
  tx: Tx,
  deps: AppDeps,
  actor: Actor,
  state: RectificationState,
  input: { text?: string; command?: CommandKey; photoIds: string[] },
): Promise<FlowOutcome<RectificationState>> {
  const { texts } = deps.content;
  const step = stepRectification(texts, state, {
    ...(input.text !== undefined ? { text: input.text } : {}),
    ...(input.command ? { command: input.command } : {}),
    photos: await evidencePhotos(tx, state.ticketId, input.photoIds),
  });
  const ticket = await tx.ticket.findUniqueOrThrow({
    where: { id: state.ticketId },
    include: { enterprise: true },
  });
  for (const effect of step.effects) {
    switch (effect.type) {
      case "cancel":
        return {
          state: null,
          replies: [
            {
              text: texts.t("rectify.cancelled", {
                number: ticket.number,
                status: texts.label("status", ticket.status),
              }),
              expects: "none",
            },
          ],
        };
      case "plan_complete":
        await recordTransition(tx, deps, actor, ticket, {
          kind: "plan_recorded",
          to: "rectifying",
          data: {
            treatmentPlan: JSON.stringify(effect.plan),
            funds: effect.plan.funds,
            contingencyPlan: effect.plan.safety,
            measures: effect.plan.methods,
          },
        });
        break;
      case "submit":
        return { state: null, replies: await submitRectification(tx, deps, actor, ticket.number, effect) };
    }
  }
  return { state: step.state, replies: step.replies };
}

/** Submits the rectification for review, behind the evidence gates, and tells the reviewers. */
async function submitRectification(
  tx: Tx,
  deps: AppDeps,
  actor: Actor,
  number: string,
  effect: { description: string; photoIds: string[] },
): Promise<OutboundMessage[]> {
  const { texts } = deps.content;
  const ticket = await findTicket(tx, number);
  if (!ticket) return [{ text: texts.t("tickets.not_found", { number }), expects: "none" }];
  const verdict = await judge(tx, deps, actor, ticket, "submit", { evidencePhotos: effect.photoIds.length });
  if (!verdict.ok) return [refusal(deps, actor, verdict.reason, ticket)];
  const now = deps.clock.now();
  const eventId = await recordTransition(tx, deps, actor, ticket, {
    kind: "submitted",
    to: verdict.to,
    note: effect.description,
    data: { rectifiedAt: now, measures: ticket.measures ?? effect.description },
  });
  await tx.attachment.updateMany({
    where: { id: { in: effect.photoIds } },
    data: { ticketId: ticket.id, ticketEventId: eventId, purpose: "rectification" },
  });
  const gridWorkers = await responsibleFor(tx, ticket.enterprise, "grid_worker");
  const reviewers = gridWorkers.length ? gridWorkers : await responsibleFor(tx, ticket.enterprise, "admin");
  const params = { enterprise: ticket.enterprise.name, number: ticket.number, title: ticket.title };
  await notifyPeople(
    tx,
    reviewers.filter((id) => id !== actor.person.id),
    `review:${eventId}`,
    { text: texts.t("notify.review_waiting", params), expects: "none" },
    now,
  );
  return [{ text: texts.t("rectify.submitted"), expects: "none" }];
}
