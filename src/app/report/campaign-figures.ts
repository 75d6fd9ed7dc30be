import { addDays, shanghaiDateTime } from "../../domain/calendar/local-date.ts";
import type { Campaign } from "../../domain/campaign/campaign.ts";
import { type CampaignFigures, campaignLastDay } from "../../domain/statistics/campaign-figures.ts";
import { computeReport } from "../../domain/statistics/compute-report.ts";
import type { AppDeps } from "../app-deps.ts";

/**
 * Each campaign's figures over its own days (opening to closing, read at their end or now if
 * earlier), as `xunjian report --from <opensOn> --to <closing day>` gives them, by campaign key.
 * For `campaign list --json`; one read of each campaign's days.
 */
export function campaignFigures(
  deps: AppDeps,
  campaigns: readonly Campaign[],
): Promise<Map<string, CampaignFigures>> {
  const now = deps.clock.now();
  return deps.uow.read(async (s) => {
    const areas = await s.reports.areas();
    const activity = await s.reports.campaignActivity(campaigns.map((c) => c.id));
    const out = new Map<string, CampaignFigures>();
    for (const c of campaigns) {
      const period = { from: c.opensOn, to: campaignLastDay(c) };
      if (period.from > period.to) continue;
      // Read and counted within the read: the tickets stream from the database.
      const rows = await s.reports.figuresRows({
        area: null,
        industry: null,
        since: shanghaiDateTime(period.from, "00:00"),
        before: shanghaiDateTime(addDays(period.to, 1), "00:00"),
      });
      const report = computeReport({
        period,
        filters: { area: null, industry: null },
        areas,
        ...rows,
        campaigns: [c],
        ...activity,
        now,
      });
      const figures = report.campaigns[0];
      if (figures) out.set(c.key, figures);
    }
    return out;
  });
}
