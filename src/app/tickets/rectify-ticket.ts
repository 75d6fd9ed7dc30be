import { AppError } from "../../domain/app-error.ts";
import type { OutboundMessage } from "../../domain/messages.ts";
import type { CommandKey } from "../../domain/texts.ts";
import {
  beginRectification,
  type EvidencePhoto,
  type RectificationState,
  stepRectification,
} from "../../domain/ticket/rectification-flow.ts";
import { readPlan } from "../../domain/ticket/treatment-plan.ts";
import type { Stores } from "../../store/stores.ts";
import type { Actor } from "../actor.ts";
import type { AppDeps } from "../app-deps.ts";
import { notifyPeople } from "./notify-people.ts";
import { findTicket, judge, minPhotosFor, recordTransition, refusal } from "./ticket-access.ts";

export type FlowOutcome<S> = { state: S | null; replies: OutboundMessage[] };

/** 整改 <编号>: the head starts rectifying; the ticket moves to 整改中 and the flow begins. */
export async function startRectification(
  s: Stores,
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
  const ticket = await findTicket(s, number);
  if (!ticket)
    return { state: null, replies: [{ text: texts.t("tickets.not_found", { number }), expects: "none" }] };
  const verdict = await judge(s, deps, actor, ticket, "start_rectification");
  if (!verdict.ok) return { state: null, replies: [refusal(deps, actor, verdict.reason, ticket)] };
  if (ticket.status !== "rectifying")
    await recordTransition(s, deps, actor, ticket, { kind: "rectification_started", to: "rectifying" });
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
  s: Stores,
  ticketId: string,
  photoIds: readonly string[],
): Promise<EvidencePhoto[]> {
  if (photoIds.length === 0) return [];
  const shas = await s.attachments.hazardPhotoHashes(ticketId);
  const rows = await s.attachments.hashes(photoIds);
  return rows.map((r) => ({ id: r.id, sameAsBefore: shas.has(r.sha256) }));
}

/** One message inside a rectification: plan parts, description, photos, confirmation. */
export async function continueRectification(
  s: Stores,
  deps: AppDeps,
  actor: Actor,
  state: RectificationState,
  input: { text?: string; command?: CommandKey; photoIds: string[] },
): Promise<FlowOutcome<RectificationState>> {
  const { texts } = deps.content;
  const step = stepRectification(texts, state, {
    ...(input.text !== undefined ? { text: input.text } : {}),
    ...(input.command ? { command: input.command } : {}),
    photos: await evidencePhotos(s, state.ticketId, input.photoIds),
  });
  const ticket = await s.tickets.byId(state.ticketId);
  if (!ticket)
    throw new AppError("not_found", `ticket ${state.ticketId} of a rectification in progress is gone`);
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
        await recordTransition(s, deps, actor, ticket, {
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
        return { state: null, replies: await submitRectification(s, deps, actor, ticket.number, effect) };
    }
  }
  return { state: step.state, replies: step.replies };
}

/** Submits the rectification for review, behind the evidence gates, and tells the reviewers. */
async function submitRectification(
  s: Stores,
  deps: AppDeps,
  actor: Actor,
  number: string,
  effect: { description: string; photoIds: string[] },
): Promise<OutboundMessage[]> {
  const { texts } = deps.content;
  const ticket = await findTicket(s, number);
  if (!ticket) return [{ text: texts.t("tickets.not_found", { number }), expects: "none" }];
  const verdict = await judge(s, deps, actor, ticket, "submit", { evidencePhotos: effect.photoIds.length });
  if (!verdict.ok) return [refusal(deps, actor, verdict.reason, ticket)];
  const now = deps.clock.now();
  const eventId = await recordTransition(s, deps, actor, ticket, {
    kind: "submitted",
    to: verdict.to,
    note: effect.description,
    data: { rectifiedAt: now, measures: ticket.measures ?? effect.description },
  });
  await s.attachments.hangOnTicket(effect.photoIds, {
    ticketId: ticket.id,
    ticketEventId: eventId,
    purpose: "rectification",
  });
  const gridWorkers = await s.people.responsibleFor(ticket.enterprise, "grid_worker");
  const reviewers = gridWorkers.length
    ? gridWorkers
    : await s.people.responsibleFor(ticket.enterprise, "admin");
  const params = { enterprise: ticket.enterprise.name, number: ticket.number, title: ticket.title };
  await notifyPeople(
    s,
    reviewers.filter((id) => id !== actor.person.id),
    `review:${eventId}`,
    { text: texts.t("notify.review_waiting", params), expects: "none" },
    now,
  );
  return [{ text: texts.t("rectify.submitted"), expects: "none" }];
}
