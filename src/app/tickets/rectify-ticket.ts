import { AppError } from "../../domain/app-error.ts";
import type { OutboundMessage } from "../../domain/messages.ts";
import type { CommandKey } from "../../domain/texts.ts";
import { formatDeadline } from "../../domain/ticket/deadline.ts";
import {
  beginRectification,
  type EvidencePhoto,
  type RectificationState,
  stepRectification,
} from "../../domain/ticket/rectification-flow.ts";
import type { TicketStatus } from "../../domain/ticket/ticket-status.ts";
import { readPlan, type TreatmentPlan } from "../../domain/ticket/treatment-plan.ts";
import type { Stores } from "../../store/stores.ts";
import type { Actor } from "../actor.ts";
import type { AppDeps } from "../app-deps.ts";
import { notifyPeople } from "./notify-people.ts";
import {
  findTicket,
  judge,
  type LoadedTicket,
  minPhotosFor,
  recordTransition,
  refusal,
} from "./ticket-access.ts";

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
  const ticket = await findTicket(s, actor, number);
  if (!ticket)
    return { state: null, replies: [{ text: texts.t("tickets.not_found", { number }), expects: "none" }] };
  const verdict = await judge(s, deps, actor, ticket, "start_rectification");
  if (!verdict.ok) return { state: null, replies: [refusal(deps, actor, verdict.reason, ticket)] };
  // A reopened or returned ticket keeps saying so (the reviewer's verdict) until the head records
  // something: a 取消 before then leaves it as it was, not 整改中.
  if (!KEEPS_STATUS_UNTIL_WORK.includes(ticket.status)) await markRectifying(s, deps, actor, ticket);
  const step = beginRectification(texts, {
    ticketId: ticket.id,
    number: ticket.number,
    title: ticket.title,
    needsPlan: ticket.grade === "major" && readPlan(ticket.treatmentPlan) === null,
    minPhotos: minPhotosFor(deps, ticket.grade),
  });
  return { state: step.state, replies: step.replies };
}

/** Statuses a started rectification leaves alone until the head records a plan or submits. */
const KEEPS_STATUS_UNTIL_WORK: readonly TicketStatus[] = ["reopened", "returned"];

/** Moves the ticket to 整改中 (rectifying) unless it is there already; the ticket as it is now. */
async function markRectifying(
  s: Stores,
  deps: AppDeps,
  actor: Actor,
  ticket: LoadedTicket,
): Promise<LoadedTicket> {
  if (ticket.status === "rectifying") return ticket;
  await recordTransition(s, deps, actor, ticket, { kind: "rectification_started", to: "rectifying" });
  return { ...ticket, status: "rectifying" };
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
    now: deps.clock.now(),
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
        await recordPlan(
          s,
          deps,
          actor,
          ticket,
          effect.plan,
          effect.deadline ? new Date(effect.deadline) : ticket.deadline,
        );
        break;
      case "submit":
        return { state: null, replies: await submitRectification(s, deps, actor, ticket.number, effect) };
    }
  }
  return { state: step.state, replies: step.replies };
}

/**
 * Records a major hazard's six-part treatment plan; its 治理时限 becomes the ticket's deadline,
 * and the grid workers and leaders who supervise it are told the new deadline.
 */
async function recordPlan(
  s: Stores,
  deps: AppDeps,
  actor: Actor,
  ticket: LoadedTicket,
  plan: TreatmentPlan,
  deadline: Date,
): Promise<void> {
  const eventId = await recordTransition(s, deps, actor, ticket, {
    kind: "plan_recorded",
    to: "rectifying",
    note: `${deps.content.texts.label("plan", "timeLimit")}：${plan.timeLimit}（${formatDeadline(ticket.deadline)} → ${formatDeadline(deadline)}）`,
    data: {
      treatmentPlan: JSON.stringify(plan),
      funds: plan.funds,
      contingencyPlan: plan.safety,
      measures: plan.methods,
      deadline,
    },
  });
  const supervisors = [
    ...(await s.people.responsibleFor(ticket.enterprise, "grid_worker")),
    ...(await s.people.responsibleFor(ticket.enterprise, "leader")),
  ];
  const text = deps.content.texts.t("notify.plan_recorded", {
    enterprise: ticket.enterprise.name,
    number: ticket.number,
    title: ticket.title,
    deadline: formatDeadline(deadline),
  });
  await notifyPeople(
    s,
    [...new Set(supervisors)],
    `plan:${eventId}`,
    { text, expects: "none" },
    deps.clock.now(),
  );
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
  const found = await findTicket(s, actor, number);
  if (!found) return [{ text: texts.t("tickets.not_found", { number }), expects: "none" }];
  const started = await judge(s, deps, actor, found, "start_rectification");
  if (found.status !== "rectifying" && !started.ok) return [refusal(deps, actor, started.reason, found)];
  const ticket = await markRectifying(s, deps, actor, found);
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
  const params = { enterprise: ticket.enterprise.name, number: ticket.number, title: ticket.title };
  const major = ticket.grade === "major";
  const reviewers = major ? await majorReviewers(s, ticket) : await generalReviewers(s, ticket);
  await notifyPeople(
    s,
    reviewers.filter((id) => id !== actor.person.id),
    `review:${eventId}`,
    {
      text: texts.t(major ? "notify.review_waiting_major" : "notify.review_waiting", params),
      expects: "none",
    },
    now,
  );
  return [{ text: texts.t(major ? "rectify.submitted_major" : "rectify.submitted"), expects: "none" }];
}

/** A general hazard is reviewed by the grid's workers, or the admins when the grid has none. */
async function generalReviewers(s: Stores, ticket: LoadedTicket): Promise<string[]> {
  const gridWorkers = await s.people.responsibleFor(ticket.enterprise, "grid_worker");
  return gridWorkers.length ? gridWorkers : s.people.responsibleFor(ticket.enterprise, "admin");
}

/** A major hazard's 销号 is signed off by the leaders of its areas or the admins (安委办). */
async function majorReviewers(s: Stores, ticket: LoadedTicket): Promise<string[]> {
  return [
    ...new Set([
      ...(await s.people.responsibleFor(ticket.enterprise, "leader")),
      ...(await s.people.responsibleFor(ticket.enterprise, "admin")),
    ]),
  ];
}
