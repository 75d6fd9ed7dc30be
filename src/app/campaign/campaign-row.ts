/** Reading Campaign rows back: the JSON target is validated, the dates handed to the domain. */
import { AppError } from "../../domain/app-error.ts";
import { toShanghaiDate } from "../../domain/calendar/local-date.ts";
import { statusOn } from "../../domain/campaign/campaign-status.ts";
import type { CampaignPlan } from "../../domain/campaign/plan.ts";
import { type Target, targetSchema } from "../../domain/campaign/template.ts";
import type { CampaignForWork } from "../../domain/campaign/work.ts";
import type { Campaign } from "../../generated/prisma/client.ts";
import type { Tx } from "../../store/database.ts";

/** The target stored on a campaign. */
export function targetOf(campaign: Pick<Campaign, "key" | "target">): Target {
  let raw: unknown;
  try {
    raw = JSON.parse(campaign.target);
  } catch (cause) {
    throw new AppError("internal", `campaign ${campaign.key}: target is not JSON`, { cause });
  }
  const parsed = targetSchema.safeParse(raw);
  if (!parsed.success)
    throw new AppError("internal", `campaign ${campaign.key}: invalid target: ${parsed.error.message}`);
  return parsed.data;
}

/** The fields of a campaign the work planner needs. */
export function forWork(
  c: Pick<Campaign, "key" | "opensOn" | "deadlineOn" | "startsOn" | "endsOn" | "closesOn">,
): CampaignForWork {
  return {
    key: c.key,
    opensOn: c.opensOn,
    deadlineOn: c.deadlineOn,
    startsOn: c.startsOn,
    endsOn: c.endsOn,
    closesOn: c.closesOn,
  };
}

/** The columns a plan fills in. */
export function planColumns(plan: CampaignPlan) {
  return {
    templateId: plan.templateId,
    name: plan.name,
    anchorName: plan.anchorName,
    opensOn: plan.opensOn,
    deadlineOn: plan.deadlineOn,
    startsOn: plan.startsOn,
    endsOn: plan.endsOn,
    closesOn: plan.closesOn,
    provisional: plan.provisional,
    selfCheck: plan.selfCheck,
    target: JSON.stringify(plan.target),
  };
}

/** A campaign that is not in the database (yet), shaped like a row for preview. */
export type CampaignLike = Pick<
  Campaign,
  | "key"
  | "templateId"
  | "name"
  | "anchorName"
  | "opensOn"
  | "deadlineOn"
  | "startsOn"
  | "endsOn"
  | "closesOn"
  | "selfCheck"
  | "target"
> & { id: string | null };

/** A plan as a campaign-like value (no id: nothing can have been submitted for it yet). */
export function planAsCampaign(plan: CampaignPlan): CampaignLike {
  return { id: null, key: plan.key, ...planColumns(plan) };
}

/** Inserts a planned campaign with its status as of `now`, and audits who created it. */
export async function insertCampaign(
  tx: Tx,
  plan: CampaignPlan,
  origin: "manual" | "scheduler",
  now: Date,
): Promise<Campaign> {
  const created = await tx.campaign.create({
    data: {
      key: plan.key,
      ...planColumns(plan),
      status: statusOn(toShanghaiDate(now), plan),
      origin,
      createdAt: now,
    },
  });
  await tx.auditLog.create({
    data: {
      at: now,
      action: "campaign.created",
      subjectType: "campaign",
      subjectId: created.id,
      detail: JSON.stringify({ key: plan.key, by: origin }),
    },
  });
  return created;
}
