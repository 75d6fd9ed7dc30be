/** Campaigns as the planner and the message builders see them, and creating one from a plan. */
import { toShanghaiDate } from "../../domain/calendar/local-date.ts";
import { type Campaign, planFields } from "../../domain/campaign/campaign.ts";
import { type CampaignOrigin, statusAtCreation } from "../../domain/campaign/campaign-status.ts";
import type { CampaignPlan } from "../../domain/campaign/plan.ts";
import type { CampaignForWork } from "../../domain/campaign/work.ts";
import type { Stores } from "../../store/stores.ts";

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

/** A campaign that may not be in the database (yet), for messages and previews. */
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
  return { id: null, key: plan.key, ...planFields(plan) };
}

/**
 * Creates a campaign with its status as of `now` (skipped, with the reason, when its deadline is
 * already over), and audits who created it; null when its key is taken.
 */
export async function insertCampaign(
  s: Stores,
  plan: CampaignPlan,
  origin: CampaignOrigin,
  now: Date,
): Promise<Campaign | null> {
  const { status, skipReason } = statusAtCreation(toShanghaiDate(now), plan);
  const created = await s.campaigns.create({
    key: plan.key,
    ...planFields(plan),
    status,
    skipReason,
    origin,
    createdAt: now,
  });
  if (!created) return null;
  await s.audit.record({
    at: now,
    action: "campaign.created",
    subjectType: "campaign",
    subjectId: created.id,
    detail: { key: plan.key, by: origin },
  });
  if (skipReason)
    await s.audit.record({
      at: now,
      action: "campaign.skipped",
      subjectType: "campaign",
      subjectId: created.id,
      detail: { key: plan.key, reason: skipReason, deadlineOn: plan.deadlineOn },
    });
  return created;
}
