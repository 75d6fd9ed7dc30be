import { lineageOf } from "../../domain/area/area-tree.ts";
import { toShanghaiDate } from "../../domain/calendar/local-date.ts";
import type { Campaign } from "../../domain/campaign/campaign.ts";
import { isTargeted } from "../../domain/campaign/target.ts";
import type { Stores } from "../../store/stores.ts";

/**
 * The open self-check campaign a new self-check of this enterprise belongs to, or null. Among open
 * campaigns that target the enterprise (industry, class, area), the one whose deadline comes first
 * and has not passed; when every deadline has passed, the one whose deadline passed last (a late
 * self-check still counts for the campaign that asked for it).
 */
export async function openCampaignFor(
  s: Stores,
  enterprise: { industry: string; supervisionClass: string | null; areaId: string },
  now: Date,
): Promise<Campaign | null> {
  const today = toShanghaiDate(now);
  const open = await s.campaigns.openForSelfCheck(today);
  if (open.length === 0) return null;
  const lineage = lineageOf(await s.enterprises.areas(), enterprise.areaId);
  const mine = open.filter((c) => isTargeted(c.target, enterprise, lineage));
  return mine.find((c) => c.deadlineOn >= today) ?? mine.at(-1) ?? null;
}
