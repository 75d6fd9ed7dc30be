/** Campaign and leader card rows as domain values, and a campaign's target as an enterprise filter. */

import { AppError } from "../domain/app-error.ts";
import { subtreeIds } from "../domain/area/area-tree.ts";
import type { Campaign, PlanFields, SentCard } from "../domain/campaign/campaign.ts";
import {
  isCampaignOrigin,
  isCampaignSkipReason,
  isCampaignStatus,
} from "../domain/campaign/campaign-status.ts";
import { type ClassSelection, type Target, targetSchema } from "../domain/campaign/target-schema.ts";
import type { Campaign as CampaignRow, LeaderCard, Prisma } from "../generated/prisma/client.ts";
import type { Client } from "./client.ts";
import { parseClosed } from "./rows.ts";

/**
 * The enterprises a target (and classes, when given) selects, as an ORM filter. The area subtree is
 * walked in the domain.
 */
export async function targetWhere(
  db: Client,
  target: Target,
  classes?: ClassSelection,
): Promise<Prisma.EnterpriseWhereInput> {
  const areas = target.areas ? await db.area.findMany({ select: { id: true, parentId: true } }) : [];
  const where: Prisma.EnterpriseWhereInput = {
    ...(target.industries ? { industry: { in: [...target.industries] } } : {}),
    ...(target.classes ? { supervisionClass: { in: [...target.classes] } } : {}),
    ...(target.areas ? { areaId: { in: [...subtreeIds(areas, target.areas)] } } : {}),
  };
  return classes ? { AND: [where, classWhere(classes)] } : where;
}

function classWhere(classes: ClassSelection): Prisma.EnterpriseWhereInput {
  if ("only" in classes) return { supervisionClass: classes.only };
  return classes.except.length === 0
    ? {}
    : { OR: [{ supervisionClass: null }, { supervisionClass: { notIn: [...classes.except] } }] };
}

/** The columns a plan fills in. */
export function planColumns(fields: PlanFields) {
  return {
    templateId: fields.templateId,
    name: fields.name,
    anchorName: fields.anchorName,
    opensOn: fields.opensOn,
    deadlineOn: fields.deadlineOn,
    startsOn: fields.startsOn,
    endsOn: fields.endsOn,
    closesOn: fields.closesOn,
    provisional: fields.provisional,
    selfCheck: fields.selfCheck,
    target: JSON.stringify(fields.target),
  };
}

/** The target stored on a campaign, validated (JSON read back from the database). */
function targetOf(row: Pick<CampaignRow, "key" | "target">): Target {
  let raw: unknown;
  try {
    raw = JSON.parse(row.target);
  } catch (cause) {
    throw new AppError("internal", `campaign ${row.key}: target is not JSON`, { cause });
  }
  const parsed = targetSchema.safeParse(raw);
  if (!parsed.success)
    throw new AppError("internal", `campaign ${row.key}: invalid target: ${parsed.error.message}`);
  return parsed.data;
}

/** A campaign row as the domain's Campaign (target validated, statuses parsed). */
export function toCampaign(row: CampaignRow): Campaign {
  return {
    id: row.id,
    key: row.key,
    templateId: row.templateId,
    name: row.name,
    anchorName: row.anchorName,
    opensOn: row.opensOn,
    deadlineOn: row.deadlineOn,
    startsOn: row.startsOn,
    endsOn: row.endsOn,
    closesOn: row.closesOn,
    provisional: row.provisional,
    selfCheck: row.selfCheck,
    target: targetOf(row),
    status: parseClosed("campaign status", row.status, isCampaignStatus),
    origin: parseClosed("campaign origin", row.origin, isCampaignOrigin),
    createdAt: row.createdAt,
    cancelledAt: row.cancelledAt,
    skipReason:
      row.skipReason === null
        ? null
        : parseClosed("campaign skip reason", row.skipReason, isCampaignSkipReason),
  };
}

/** A leader card row as the domain's SentCard. */
export function toSentCard(row: LeaderCard): SentCard {
  return {
    id: row.id,
    cardKey: row.cardKey,
    campaignId: row.campaignId,
    personId: row.personId,
    firstSentAt: row.firstSentAt,
    lastSentAt: row.lastSentAt,
    sends: row.sends,
    acknowledgedAt: row.acknowledgedAt,
  };
}
