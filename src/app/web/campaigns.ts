import { AppError } from "../../domain/app-error.ts";
import { toShanghaiDate } from "../../domain/calendar/local-date.ts";
import type { Campaign } from "../../domain/campaign/campaign.ts";
import type { Enterprise } from "../../domain/enterprise.ts";
import type { AppDeps } from "../app-deps.ts";
import { type PreviewSlot, previewSchedule } from "../campaign/preview-schedule.ts";
import { requireFeature } from "./console-access.ts";
import { urgedOn } from "./urge-self-check.ts";
import type { Viewer } from "./viewer.ts";

/** A campaign with how many of the viewer's enterprises it targets and how many have submitted. */
export type CampaignProgress = { campaign: Campaign; total: number; done: number };

/** An enterprise still owing a campaign's self-check, with its heads and whether it was chased today. */
export type PendingEnterprise = Enterprise & {
  heads: { name: string; phone: string }[];
  urgedToday: boolean;
};

export type CampaignDetail = CampaignProgress & {
  pending: PendingEnterprise[];
  /** The campaign's scheduled messages (reminders, leader cards) from the schedule preview. */
  schedule: PreviewSlot[];
};

const CAMPAIGN_LIMIT = 40;

/** 自查活动: the campaigns with their progress inside the viewer's scope, newest first. */
export async function listCampaigns(deps: AppDeps, viewer: Viewer): Promise<CampaignProgress[]> {
  requireFeature(viewer.person.role, "campaigns", deps.content.web.errors.forbidden);
  return deps.uow.read(async (s) => {
    const out: CampaignProgress[] = [];
    for (const campaign of (await s.campaigns.list()).slice(0, CAMPAIGN_LIMIT)) {
      if (!campaign.selfCheck || campaign.status === "planned" || campaign.status === "skipped") {
        out.push({ campaign, total: 0, done: 0 });
        continue;
      }
      const targeted = await s.campaigns.targetedWithHeads(viewer.scope, campaign.target);
      const submitted = await s.campaigns.submittedEnterprises(campaign.id);
      out.push({
        campaign,
        total: targeted.length,
        done: targeted.filter((e) => submitted.has(e.id)).length,
      });
    }
    return out;
  });
}

/**
 * One campaign for the viewer: progress, the enterprises of their scope still to submit with their
 * heads and phones (and whether each was chased today), and the campaign's schedule preview.
 */
export async function campaignDetail(deps: AppDeps, viewer: Viewer, key: string): Promise<CampaignDetail> {
  requireFeature(viewer.person.role, "campaigns", deps.content.web.errors.forbidden);
  const today = toShanghaiDate(deps.clock.now());
  const detail = await deps.uow.read(async (s) => {
    const campaign = await s.campaigns.byKey(key);
    if (!campaign) throw new AppError("not_found", deps.content.web.errors.unknown_campaign);
    const targeted = campaign.selfCheck
      ? await s.campaigns.targetedWithHeads(viewer.scope, campaign.target)
      : [];
    const submitted = await s.campaigns.submittedEnterprises(campaign.id);
    const urged = await urgedOn(s, campaign.key, today);
    const pending = targeted
      .filter((e) => !submitted.has(e.id))
      .map((e) => ({ ...e, urgedToday: urged.has(e.id) }));
    return { campaign, total: targeted.length, done: targeted.length - pending.length, pending };
  });
  const { campaign } = detail;
  const slots = await previewSchedule(
    deps,
    deps.content.campaigns,
    campaign.opensOn,
    campaign.closesOn ?? campaign.endsOn,
  );
  const schedule = slots.filter((slot) => slot.campaign.key === campaign.key);
  return { ...detail, schedule };
}
