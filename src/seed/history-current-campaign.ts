/**
 * The campaign a visitor finds open on the day the demo starts. The calendar leaves weeks with no
 * self-check open (mid-April, mid-May, mid-October, or a season whose deadline fell before the
 * history began), and then 自查活动 would show nothing to chase. On such a day the next holiday's or
 * period's self-check is opened a few days early, as an office would call it ahead of time, so
 * there is always an open campaign with enterprises still to submit. Deterministic for a day.
 */

import type { AppDeps } from "../app/app-deps.ts";
import { createCampaign } from "../app/campaign/manage-campaigns.ts";
import { templateOf } from "../content/campaign-content.ts";
import { addDays, type LocalDate, yearOf } from "../domain/calendar/local-date.ts";
import type { Campaign } from "../domain/campaign/campaign.ts";
import { planFields } from "../domain/campaign/campaign.ts";
import { type CampaignPlan, closingDay, planYear } from "../domain/campaign/plan.ts";

/** How many days before today the early campaign opened (so some heads have submitted already). */
export const EARLY_OPEN_DAYS = 4;

/** Whether an open self-check campaign still has a targeted enterprise that has not submitted. */
async function somethingToChase(deps: AppDeps): Promise<boolean> {
  return deps.uow.read(async (s) => {
    for (const c of await s.campaigns.open()) {
      if (!c.selfCheck) continue;
      const submitted = await s.campaigns.submittedEnterprises(c.id);
      if ((await s.campaigns.targeted(c.target)).some((e) => !submitted.has(e.id))) return true;
    }
    return false;
  });
}

/** The next self-check campaign of the calendar that opens after `today`. */
function nextSelfCheckPlan(deps: AppDeps, today: LocalDate): CampaignPlan | undefined {
  const content = deps.content.campaigns;
  return [yearOf(today), yearOf(today) + 1]
    .flatMap((y) => planYear(y, content.templates, content.planCalendar(y)).plans)
    .filter((p) => p.selfCheck && p.opensOn > today)
    .sort((a, b) => a.opensOn.localeCompare(b.opensOn))[0];
}

/**
 * Opens the next self-check campaign `EARLY_OPEN_DAYS` before `today` when nothing open is left
 * to chase; the campaign it opened, or null when one was open already.
 */
export async function openCurrentCampaign(deps: AppDeps, today: LocalDate): Promise<Campaign | null> {
  if (await somethingToChase(deps)) return null;
  const plan = nextSelfCheckPlan(deps, today);
  const template = plan && templateOf(deps.content.campaigns, plan.templateId);
  if (!plan || !template) return null;
  const opensOn = addDays(today, -EARLY_OPEN_DAYS);
  const existing = await deps.uow.read((s) => s.campaigns.byKey(plan.key));
  if (existing) {
    if (existing.status !== "planned") return null;
    const early = { ...plan, opensOn };
    const closesOn = closingDay(template, early, deps.content.campaigns.isWorkday);
    await deps.uow.read((s) => s.campaigns.refreshPlan(existing.id, planFields({ ...early, closesOn })));
  } else {
    await createCampaign(deps, deps.content.campaigns, {
      templateId: plan.templateId,
      year: plan.year,
      dates: { opensOn },
    });
  }
  await deps.uow.read((s) => s.campaigns.openDue(today));
  return deps.uow.read((s) => s.campaigns.byKey(plan.key));
}
