/**
 * What becomes of a ticket in the demo history: the head's rectification (and a major hazard's
 * treatment plan) is written through the ticket store, as seed-inspections does, because the chat
 * would need photos; the reviews (通过, 退回, 重新打开) go through the real use case, with its
 * checks (a major hazard is signed off by a leader) and its notices.
 */
import type { Actor } from "../app/actor.ts";
import type { AppDeps } from "../app/app-deps.ts";
import { classifyFinding } from "../app/inspections/classify-finding.ts";
import { registerHazard } from "../app/tickets/register-hazard.ts";
import { reviewTicket } from "../app/tickets/review-ticket.ts";
import { CONSOLE_CHANNEL } from "../channels/console/console-session.ts";
import { lineageOf } from "../domain/area/area-tree.ts";
import { addDays, shanghaiDateTime, toShanghaiDate } from "../domain/calendar/local-date.ts";
import type { TicketWithEnterprise } from "../domain/ticket/ticket.ts";
import type { Stores } from "../store/stores.ts";
import { hangDemoPhoto, hasDemoPhotos, uploadDemoPhoto } from "./history-photos.ts";
import { HISTORY_OUTCOMES, type HistoryFile, type HistoryOutcome } from "./history-plan.ts";
import type { HistoryContext, HistoryStep } from "./history-timeline.ts";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Who acts on a ticket: its head rectifies, a grid worker reviews a general one, a leader a major one. */
export type TicketPeople = { headId: string; gridWorker: Actor | null; leader: Actor | null };

/** The head starts rectifying: 整改中. */
async function start(s: Stores, ticketId: string, headId: string, at: Date): Promise<void> {
  const t = await s.tickets.byId(ticketId);
  if (!t || t.status === "rectifying") return;
  await s.tickets.addEvent({
    ticketId,
    kind: "rectification_started",
    fromStatus: t.status,
    toStatus: "rectifying",
    actorId: headId,
    channel: CONSOLE_CHANNEL,
    at,
  });
  await s.tickets.moveTo(ticketId, "rectifying");
}

/** A major hazard's six-part treatment plan, as the head records it before rectifying. */
async function recordPlan(s: Stores, ticketId: string, headId: string, file: HistoryFile, at: Date) {
  const plan = file.wording.plan;
  await s.tickets.addEvent({
    ticketId,
    kind: "plan_recorded",
    fromStatus: "rectifying",
    toStatus: "rectifying",
    actorId: headId,
    channel: CONSOLE_CHANNEL,
    note: plan.timeLimit,
    at,
  });
  await s.tickets.moveTo(ticketId, "rectifying", {
    treatmentPlan: JSON.stringify(plan),
    funds: plan.funds,
    contingencyPlan: plan.safety,
    measures: plan.methods,
  });
}

/** The head submits the rectification for review: 待复查 (most with a photo of the fix). */
async function submit(
  s: Stores,
  deps: AppDeps,
  ticket: TicketWithEnterprise,
  headId: string,
  file: HistoryFile,
  at: Date,
) {
  const ticketId = ticket.id;
  const eventId = await s.tickets.addEvent({
    ticketId,
    kind: "submitted",
    fromStatus: "rectifying",
    toStatus: "submitted",
    actorId: headId,
    channel: CONSOLE_CHANNEL,
    note: file.wording.rectification,
    at,
  });
  await s.tickets.moveTo(ticketId, "submitted", { rectifiedAt: at, measures: file.wording.rectification });
  if (hasDemoPhotos(ticket.number)) await hangDemoPhoto(s, deps, ticket, "after", headId, at, eventId);
}

/** A review through the real use case, as of its own moment. */
function review(actor: Actor | null, action: "pass" | "return" | "reopen", args: string) {
  return async (s: Stores, deps: AppDeps) => {
    if (actor) await reviewTicket(s, deps, actor, action, args);
  };
}

/**
 * The steps that take a new ticket to `outcome`. The head acts about halfway to the deadline
 * (within hours for imminent danger); reviews follow a day later, a reopen five days after 销号.
 * Steps after `now` are dropped, so a recent ticket simply has not got that far yet.
 */
export function ticketSteps(
  ticket: TicketWithEnterprise,
  outcome: HistoryOutcome,
  people: TicketPeople,
  file: HistoryFile,
  now: Date,
): HistoryStep[] {
  const found = ticket.foundAt.getTime();
  const span = ticket.deadline.getTime() - found;
  const acted = new Date(found + Math.max(4 * HOUR, Math.min(span / 2, 5 * DAY)));
  const later = (days: number) => new Date(acted.getTime() + days * DAY);
  const major = ticket.grade === "major";
  const reviewer = major ? people.leader : people.gridWorker;
  const { headId } = people;
  const rectify: HistoryStep = {
    at: acted,
    run: async (s, d) => {
      await start(s, ticket.id, headId, acted);
      if (outcome === "rectifying") return;
      if (major) await recordPlan(s, ticket.id, headId, file, acted);
      await submit(s, d, ticket, headId, file, new Date(acted.getTime() + HOUR));
    },
  };
  const pass: HistoryStep = { at: later(1), run: review(reviewer, "pass", ticket.number) };
  const steps: Record<HistoryOutcome, HistoryStep[]> = {
    open: [],
    rectifying: [rectify],
    submitted: [rectify],
    closed: [rectify, pass],
    returned: [
      rectify,
      {
        at: later(1),
        run: review(people.gridWorker ?? reviewer, "return", `${ticket.number} ${file.wording.returnReason}`),
      },
    ],
    reopened: [
      rectify,
      pass,
      { at: later(5), run: review(people.leader, "reopen", `${ticket.number} ${file.wording.reopenReason}`) },
    ],
  };
  return steps[outcome].filter((step) => step.at.getTime() < now.getTime());
}

/** A grid worker's 随手拍 of the history file: classified by the report rules and registered. */
export function reportStep(ctx: HistoryContext, report: HistoryFile["reports"][number]): HistoryStep {
  const today = toShanghaiDate(ctx.now);
  return {
    at: shanghaiDateTime(addDays(today, -report.daysAgo), "10:23"),
    opensTickets: true,
    run: async (s, d) => {
      const enterprise = await s.enterprises.byCreditCode(report.enterprise);
      const by = ctx.people.find((p) => p.phone === report.by);
      if (!enterprise || !by) return;
      // A 随手拍 comes with its photo, stored as the chat stores one.
      const photoId = await uploadDemoPhoto(s, d, "before", report.description, by.id, d.clock.now());
      const draft = { photoIds: [photoId], description: report.description };
      const c = await classifyFinding(d, draft, enterprise, report.location);
      await registerHazard(
        s,
        d,
        {
          enterpriseId: enterprise.id,
          hazardKey: c.hazard,
          title: c.title,
          category: c.category,
          grade: c.grade,
          basis: c.basis,
          deadlineDays: c.deadlineDays,
          ...(c.deadlineHours !== null ? { deadlineHours: c.deadlineHours } : {}),
          immediate: c.immediate,
          source: "grid_report",
          ruleIds: c.ruleIds,
          description: report.description,
          location: report.location,
          runId: null,
          campaignId: null,
          foundById: by.id,
          responsibleId: null,
          channel: CONSOLE_CHANNEL,
          photoIds: [photoId],
        },
        d.clock.now(),
      );
    },
  };
}

/** Which tickets have their fate planned already, and how many the history has planned. */
export type PlannedTickets = { ids: Set<string>; turn: number };

/**
 * Tickets opened since the last look get their fate: the file's outcomes in turn (so every state
 * shows up), then mostly closed. The head of the enterprise rectifies; the grid worker of its
 * grid and the leader of its nearest area review.
 */
export async function planNewTickets(ctx: HistoryContext, planned: PlannedTickets): Promise<number> {
  const { deps, file, people } = ctx;
  const fresh = (await deps.uow.read((s) => s.tickets.unclosed()))
    .filter((t) => !planned.ids.has(t.id))
    .sort((a, b) => a.number.localeCompare(b.number));
  const leaders = await deps.uow.read((s) => s.people.ofRole("leader"));
  for (const ticket of fresh) {
    planned.ids.add(ticket.id);
    const outcome =
      file.outcomes[planned.turn++] ??
      (ctx.random() < file.closeRate
        ? "closed"
        : HISTORY_OUTCOMES[Math.floor(ctx.random() * HISTORY_OUTCOMES.length)]) ??
      "closed";
    const head = people.find((p) => p.role === "enterprise_head" && p.enterprise?.id === ticket.enterpriseId);
    if (!head) continue;
    const workerIds = await deps.uow.read((s) => s.people.responsibleFor(ticket.enterprise, "grid_worker"));
    const worker = people.find((p) => workerIds.includes(p.id));
    const lineage = lineageOf(ctx.areas, ticket.enterprise.areaId);
    const rank = (areaIds: readonly string[]) =>
      Math.min(...areaIds.map((a) => (lineage.includes(a) ? lineage.indexOf(a) : Number.POSITIVE_INFINITY)));
    const nearest = leaders
      .filter((l) => rank(l.areaIds) !== Number.POSITIVE_INFINITY)
      .sort((a, b) => rank(a.areaIds) - rank(b.areaIds))[0];
    const leader = people.find((p) => p.id === nearest?.id);
    if (ticket.source !== "grid_report" && hasDemoPhotos(ticket.number))
      await deps.uow.run(async (s) => {
        if ((await s.attachments.hazardPhotoHashes(ticket.id)).size === 0)
          await hangDemoPhoto(s, deps, ticket, "before", ticket.foundById ?? head.id, ticket.foundAt);
      });
    const who = {
      headId: head.id,
      gridWorker: worker ? ctx.actorOf(worker) : null,
      leader: leader ? ctx.actorOf(leader) : null,
    };
    for (const step of ticketSteps(ticket, outcome, who, file, ctx.now)) ctx.timeline.add(step);
  }
  return fresh.length;
}
