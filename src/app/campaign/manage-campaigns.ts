/** Campaigns by hand: create from a template (optionally with other dates), list, cancel. */

import type { CampaignContent } from "../../content/campaign-content.ts";
import { compareDates, isLocalDate, type LocalDate } from "../../domain/calendar/local-date.ts";
import type { Campaign } from "../../domain/campaign/campaign.ts";
import type { CampaignStatus } from "../../domain/campaign/campaign-status.ts";
import { type CampaignPlan, closingDay, planYear, resolveCards } from "../../domain/campaign/plan.ts";
import type { AppDeps } from "../app-deps.ts";
import { WordedError } from "../worded-error.ts";
import { insertCampaign } from "./campaign-row.ts";

/** Dates an admin may set instead of the template's. */
export type DateOverrides = Partial<Record<"opensOn" | "deadlineOn" | "startsOn" | "endsOn", LocalDate>>;

/** The `campaign create` option each date comes from, to name it in a refusal. */
const DATE_OPTIONS: Record<keyof DateOverrides, string> = {
  opensOn: "--opens",
  deadlineOn: "--deadline",
  startsOn: "--starts",
  endsOn: "--ends",
};

/** The plans of a year, with the template problems of that year as errors. */
export function planFor(
  content: CampaignContent,
  year: number,
): { plans: CampaignPlan[]; problems: string[] } {
  const { plans, problems } = planYear(year, content.templates, content.planCalendar(year));
  return { plans, problems: problems.map((p) => `${p.templateId}: ${p.message}`) };
}

/**
 * Creates the campaign of `templateId` for `year` by hand, with the template's dates or the given ones
 * (for a local schedule, or a template whose holiday was absorbed that year). Refused when the
 * key exists: cancel first, or pass another key.
 */
export async function createCampaign(
  deps: AppDeps,
  content: CampaignContent,
  input: { templateId: string; year: number; key?: string; dates?: DateOverrides; name?: string },
): Promise<Campaign> {
  const template = content.templates.find((t) => t.id === input.templateId);
  if (!template)
    throw new WordedError("not_found", "unknown_template", {
      value: input.templateId,
      choices: content.templates.map((t) => t.id),
    });
  const key = input.key ?? `${input.year}-${template.id}`;
  const existing = await deps.uow.read((s) => s.campaigns.byKey(key));
  if (existing) throw new WordedError("conflict", "campaign_exists", { key });
  for (const [k, v] of Object.entries(input.dates ?? {}))
    if (v !== undefined && !isLocalDate(v))
      throw new WordedError("invalid_input", "invalid_date", {
        option: DATE_OPTIONS[k as keyof DateOverrides] ?? k,
        value: v,
      });
  const planned = planFor(content, input.year).plans.find((p) => p.templateId === template.id);
  const base = planned ?? (input.dates?.startsOn && input.dates.endsOn ? undefined : null);
  if (base === null)
    throw new WordedError("invalid_input", "campaign_needs_dates", {
      template: template.id,
      year: input.year,
    });
  const dates = {
    opensOn: input.dates?.opensOn ?? base?.opensOn,
    deadlineOn: input.dates?.deadlineOn ?? base?.deadlineOn,
    startsOn: input.dates?.startsOn ?? base?.startsOn,
    endsOn: input.dates?.endsOn ?? base?.endsOn,
  };
  if (!dates.opensOn || !dates.deadlineOn || !dates.startsOn || !dates.endsOn)
    throw new WordedError("invalid_input", "campaign_dates_together");
  const full = {
    opensOn: dates.opensOn,
    deadlineOn: dates.deadlineOn,
    startsOn: dates.startsOn,
    endsOn: dates.endsOn,
  };
  if (compareDates(full.deadlineOn, full.opensOn) < 0 || compareDates(full.endsOn, full.startsOn) < 0)
    throw new WordedError("invalid_input", "campaign_date_order");
  const plan: CampaignPlan = {
    key,
    templateId: template.id,
    year: input.year,
    name: input.name ?? base?.name ?? `${input.year} ${template.id}`,
    anchorName: base?.anchorName ?? input.name ?? template.id,
    ...full,
    closesOn: closingDay(template, full, content.isWorkday),
    provisional: base?.provisional ?? false,
    selfCheck: template.reminders !== undefined,
    target: template.target,
    cards: resolveCards(template, full, content.isWorkday),
  };
  const now = deps.clock.now();
  const created = await deps.uow.run((s) => insertCampaign(s, plan, "manual", now));
  // Created by someone else since the check above.
  if (!created) throw new WordedError("conflict", "campaign_exists", { key });
  return created;
}

/** Campaigns (of one status when given), newest opening first, with their submitted self-check runs. */
export function listCampaigns(
  deps: AppDeps,
  status?: CampaignStatus,
): Promise<(Campaign & { submittedRuns: number })[]> {
  return deps.uow.read(async (s) => {
    const campaigns = await s.campaigns.list(status);
    const submitted = await s.campaigns.submittedRunCounts(campaigns.map((c) => c.id));
    return campaigns.map((c) => ({ ...c, submittedRuns: submitted.get(c.id) ?? 0 }));
  });
}

/**
 * Cancels a campaign: its remaining work is never done and its messages not yet sent are withdrawn.
 * The row stays (with status cancelled), so the scheduler does not create it again.
 */
export async function cancelCampaign(
  deps: AppDeps,
  key: string,
  reason?: string,
): Promise<{ campaign: Campaign; withdrawn: number }> {
  const now = deps.clock.now();
  return deps.uow.run(async (s) => {
    const { campaign, cancelled } = await s.campaigns.cancel(key, now);
    if (!campaign) throw new WordedError("not_found", "campaign_not_found", { key });
    if (!cancelled) throw new WordedError("conflict", "campaign_already_cancelled", { key });
    const withdrawn = await s.campaigns.withdrawPendingMessages(key);
    await s.audit.record({
      at: now,
      action: "campaign.cancelled",
      subjectType: "campaign",
      subjectId: campaign.id,
      detail: { key, reason: reason ?? null, withdrawn },
    });
    return { campaign, withdrawn };
  });
}
