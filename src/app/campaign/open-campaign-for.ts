import { toShanghaiDate } from "../../domain/calendar/local-date.ts";
import { isTargeted } from "../../domain/campaign/target.ts";
import type { Campaign } from "../../generated/prisma/client.ts";
import type { Tx } from "../../store/database.ts";
import { areaLineage } from "../recipients.ts";
import { targetOf } from "./campaign-row.ts";

/**
 * The open self-check campaign a new self-check of this enterprise belongs to, or null. Among open
 * campaigns that target the enterprise (industry, class, area), the one whose deadline comes first
 * and has not passed; when every deadline has passed, the one whose deadline passed last (a late
 * self-check still counts for the campaign that asked for it).
 */
export async function openCampaignFor(
  tx: Tx,
  enterprise: { industry: string; supervisionClass: string | null; areaId: string },
  now: Date,
): Promise<Campaign | null> {
  const today = toShanghaiDate(now);
  const open = await tx.campaign.findMany({
    where: { status: "open", selfCheck: true, opensOn: { lte: today } },
    orderBy: [{ deadlineOn: "asc" }, { key: "asc" }],
  });
  if (open.length === 0) return null;
  const lineage = await areaLineage(tx, enterprise.areaId);
  const mine = open.filter((c) => isTargeted(targetOf(c), enterprise, lineage));
  return mine.find((c) => c.deadlineOn >= today) ?? mine.at(-1) ?? null;
}
