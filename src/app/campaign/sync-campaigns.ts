/**
 * The campaign sweep: creates the campaigns the templates plan, ahead of time; refreshes the dates
 * of those not yet open when the calendar changed (an official schedule entered for a year that was
 * computed); opens and closes campaigns on their dates. Idempotent: the campaign key is unique.
 */

import { type CampaignContent, templateOf } from "../../content/campaign-content.ts";
import { daysBetween, toShanghaiDate, yearOf } from "../../domain/calendar/local-date.ts";
import { type Campaign, planFields } from "../../domain/campaign/campaign.ts";
import { fill, formatDay } from "../../domain/campaign/campaign-messages.ts";
import { statusOn } from "../../domain/campaign/campaign-status.ts";
import { type CampaignPlan, planYear } from "../../domain/campaign/plan.ts";
import { dateBasisOf } from "../../domain/campaign/template.ts";
import type { Stores } from "../../store/stores.ts";
import type { AppDeps } from "../app-deps.ts";
import { adminRecipients } from "./admins.ts";
import { insertCampaign } from "./campaign-row.ts";

/** How far ahead campaigns are created (they show in `campaign list` and can be cancelled before they open). */
export type SyncOptions = { createAheadDays: number };

/** Default: a month ahead. */
export const DEFAULT_SYNC_OPTIONS: SyncOptions = { createAheadDays: 30 };

/**
 * What a sync changed. `skipped`: campaigns first created after their deadline (going live
 * mid-year), recorded as skipped and never run.
 */
export type SyncReport = {
  created: string[];
  skipped: string[];
  refreshed: string[];
  opened: string[];
  closed: string[];
};

/** The plans of the years around `today` that are relevant on `today`: created by now and not over. */
export function relevantPlans(
  content: CampaignContent,
  today: string,
  createAheadDays: number,
): CampaignPlan[] {
  const year = yearOf(today);
  return [year - 1, year, year + 1]
    .flatMap((y) => planYear(y, content.templates, content.planCalendar(y)).plans)
    .filter((p) => daysBetween(today, p.opensOn) <= createAheadDays && p.closesOn >= today);
}

async function warnProvisional(
  s: Stores,
  content: CampaignContent,
  plan: CampaignPlan,
  now: Date,
): Promise<void> {
  const m = content.messages;
  const template = templateOf(content, plan.templateId);
  const text = fill(m.alerts.provisional, {
    year: plan.year,
    campaign: plan.name,
    basis: m.alerts.provisionalBasis[template ? dateBasisOf(template) : "fixed"],
    starts: formatDay(m, plan.startsOn),
    ends: formatDay(m, plan.endsOn),
    deadline: formatDay(m, plan.deadlineOn, true),
  });
  const admins = await adminRecipients(s);
  const alerts = admins.map((r) => ({
    key: `campaign:${plan.key}:provisional:${r.personId}`,
    channel: r.channel,
    recipient: r.externalId,
    personId: r.personId,
    message: { text, expects: "none" as const },
  }));
  await s.outbox.enqueue(alerts, now);
}

/**
 * Creates a planned campaign: the campaign as created (skipped when its deadline is over), or null
 * when another process created it first.
 */
async function createPlanned(
  deps: AppDeps,
  content: CampaignContent,
  plan: CampaignPlan,
  now: Date,
): Promise<Campaign | null> {
  const created = await deps.uow.run(async (s) => {
    const campaign = await insertCampaign(s, plan, "scheduler", now);
    // A skipped campaign sends nothing, the calendar alert included.
    if (campaign && campaign.status !== "skipped" && plan.provisional)
      await warnProvisional(s, content, plan, now);
    return campaign;
  });
  if (!created) {
    deps.log.info({ campaign: plan.key }, "campaign created by another process meanwhile");
    return null;
  }
  if (created.status === "skipped")
    deps.log.warn(
      { campaign: plan.key, deadlineOn: plan.deadlineOn, reason: created.skipReason },
      "campaign skipped: its self-check deadline was over when it was created",
    );
  else
    deps.log.info(
      { campaign: plan.key, opensOn: plan.opensOn, provisional: plan.provisional },
      "campaign created",
    );
  return created;
}

const sameDates = (row: Campaign, plan: CampaignPlan) =>
  (["opensOn", "deadlineOn", "startsOn", "endsOn", "closesOn", "name", "provisional"] as const).every(
    (k) => row[k] === plan[k],
  );

/** Creates, refreshes and opens campaigns as of `now`. */
export async function syncCampaigns(
  deps: AppDeps,
  content: CampaignContent,
  now: Date,
  options: SyncOptions = DEFAULT_SYNC_OPTIONS,
): Promise<SyncReport> {
  const today = toShanghaiDate(now);
  const report: SyncReport = { created: [], skipped: [], refreshed: [], opened: [], closed: [] };
  const plans = relevantPlans(content, today, options.createAheadDays);
  const existing = new Map(
    (await deps.uow.read((s) => s.campaigns.byKeys(plans.map((p) => p.key)))).map((c) => [c.key, c]),
  );
  for (const plan of plans) {
    const row = existing.get(plan.key);
    if (!row) {
      const created = await createPlanned(deps, content, plan, now);
      if (created) report[created.status === "skipped" ? "skipped" : "created"].push(plan.key);
    } else if (row.origin === "scheduler" && row.status === "planned" && !sameDates(row, plan)) {
      await deps.uow.read((s) => s.campaigns.refreshPlan(row.id, planFields(plan)));
      report.refreshed.push(plan.key);
      deps.log.info(
        { campaign: plan.key, opensOn: plan.opensOn },
        "campaign dates refreshed from the calendar",
      );
    }
  }
  report.opened = await deps.uow.read((s) => s.campaigns.openDue(today));
  return report;
}

/** Closes open campaigns whose last day of work is over (after their work had its last sweep). */
export async function closeFinishedCampaigns(deps: AppDeps, now: Date): Promise<string[]> {
  const today = toShanghaiDate(now);
  return deps.uow.read(async (s) => {
    const closed: string[] = [];
    for (const c of await s.campaigns.open())
      if (statusOn(today, c) === "closed" && (await s.campaigns.close(c.id))) closed.push(c.key);
    return closed;
  });
}
