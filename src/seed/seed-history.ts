/**
 * Three months of demo activity (prompts/demo/demo-history.yaml), replayed day by day through the
 * real sweeps and use cases with the clock set to each moment: campaigns created, opened, skipped
 * and closed; leader cards sent and acknowledged; self-checks answered; grid workers' reports; the
 * deadline sweep of the tickets; and every ticket taken to a state of its own. What the history put
 * in the outbox is marked sent at its time, so starting the product afterwards delivers nothing old.
 */
import type { AppDeps } from "../app/app-deps.ts";
import { closeFinishedCampaigns, syncCampaigns } from "../app/campaign/sync-campaigns.ts";
import { sweepTickets } from "../app/tickets/sweep-tickets.ts";
import { CONSOLE_CHANNEL } from "../channels/console/console-session.ts";
import { addDays, daysBetween, shanghaiDateTime, toShanghaiDate } from "../domain/calendar/local-date.ts";
import { FixedClock } from "../domain/clock.ts";
import { campaignDays, planCampaign } from "./history-campaigns.ts";
import { openCurrentCampaign } from "./history-current-campaign.ts";
import { readHistoryFile, seededRandom } from "./history-plan.ts";
import { type PlannedTickets, planNewTickets, reportStep } from "./history-tickets.ts";
import { type HistoryContext, type HistoryStep, Timeline } from "./history-timeline.ts";

/** What the history seeded. */
export type HistorySummary = { campaigns: number; selfChecks: number; reports: number; tickets: number };

/** The ticket sweep runs every this many days of the history (and on its last day), at 18:05. */
const TICKET_SWEEP_EVERY_DAYS = 7;

/** Seeds the history that ends now; returns what it made. */
export async function seedHistory(deps: AppDeps): Promise<HistorySummary> {
  const file = readHistoryFile(deps.config.promptsDir);
  const now = deps.clock.now();
  const today = toShanghaiDate(now);
  const ctx: HistoryContext = {
    deps,
    file,
    random: seededRandom(file.seed),
    timeline: new Timeline(),
    people: await deps.uow.read((s) => s.directory.boundOn(CONSOLE_CHANNEL)),
    areas: await deps.uow.read((s) => s.enterprises.areas()),
    now,
    at: (t) => ({ ...deps, clock: new FixedClock(t) }),
    actorOf: (p) => ({ person: p, channel: CONSOLE_CHANNEL, externalId: p.phone }),
  };
  const summary: HistorySummary = { campaigns: 0, selfChecks: 0, reports: file.reports.length, tickets: 0 };
  // Tickets there before (the demo inspections') keep the fate they were seeded with.
  const planned: PlannedTickets = {
    ids: new Set((await deps.uow.read((s) => s.tickets.unclosed())).map((t) => t.id)),
    turn: 0,
  };
  for (const report of file.reports) ctx.timeline.add(reportStep(ctx, report));
  const runSteps = async (steps: readonly HistoryStep[]) => {
    for (const step of steps) {
      await deps.uow.run((s) => step.run(s, ctx.at(step.at)));
      if (step.opensTickets) summary.tickets += await planNewTickets(ctx, planned);
    }
  };

  const first = addDays(today, -file.days);
  const syncDays = campaignDays(ctx, first, today);
  const seen = new Set<string>();
  for (let day = first; day <= today; day = addDays(day, 1)) {
    const dawn = shanghaiDateTime(day, "00:01");
    if (dawn.getTime() > now.getTime()) break;
    // Replaying the campaign sweep on the days it changes nothing would only be slow.
    if (day === first || syncDays.has(day)) await syncCampaigns(ctx.at(dawn), deps.content.campaigns, dawn);
    for (const c of await deps.uow.read((s) => s.campaigns.open())) {
      if (seen.has(c.key)) continue;
      seen.add(c.key);
      summary.campaigns++;
      summary.selfChecks += await planCampaign(ctx, c);
    }
    const evening = shanghaiDateTime(day, "18:05");
    const sweep =
      daysBetween(first, day) % TICKET_SWEEP_EVERY_DAYS === TICKET_SWEEP_EVERY_DAYS - 1 || day === today;
    if (sweep && evening.getTime() < now.getTime()) {
      await runSteps(ctx.timeline.takeBefore(evening));
      await sweepTickets(ctx.at(evening), evening);
    }
    const dusk = new Date(Math.min(shanghaiDateTime(addDays(day, 1), "00:01").getTime(), now.getTime()));
    await runSteps(ctx.timeline.takeBefore(dusk));
    await closeFinishedCampaigns(ctx.at(dusk), dusk);
  }
  const early = await openCurrentCampaign(deps, today);
  if (early) {
    summary.campaigns++;
    summary.selfChecks += await planCampaign(ctx, early);
    for (let due = ctx.timeline.takeBefore(now); due.length > 0; due = ctx.timeline.takeBefore(now))
      await runSteps(due);
  }
  await markSent(deps, now);
  deps.log.info(summary, "demo history seeded");
  return summary;
}

/** Everything the history put in the outbox is marked sent when it was written (never after now). */
async function markSent(deps: AppDeps, now: Date): Promise<void> {
  // A day ahead: notices the history held for the morning are history too.
  const horizon = new Date(now.getTime() + 24 * 3_600_000);
  for (;;) {
    const pending = await deps.uow.read((s) => s.outbox.due(CONSOLE_CHANNEL, horizon, {}, 500));
    if (pending.length === 0) return;
    await deps.uow.run(async (s) => {
      for (const m of pending) {
        const sentAt = m.createdAt.getTime() < now.getTime() ? m.createdAt : now;
        if (await s.outbox.claim(m.id, sentAt)) await s.outbox.markSent(m.id, sentAt);
      }
    });
  }
}
