/** A campaign as it is kept: a plan made concrete, with where it stands and who created it. */
import type { LocalDate } from "../calendar/local-date.ts";
import type { CampaignOrigin, CampaignSkipReason, CampaignStatus } from "./campaign-status.ts";
import type { CampaignPlan } from "./plan.ts";
import type { Target } from "./template.ts";

/** What a campaign takes from its plan: refreshed together when the calendar changes. */
export type PlanFields = {
  templateId: string;
  name: string;
  /** The holiday's or period's name, e.g. 中秋节、国庆节 (filled into messages). */
  anchorName: string | null;
  opensOn: LocalDate;
  deadlineOn: LocalDate;
  startsOn: LocalDate;
  endsOn: LocalDate;
  /** Last day with scheduled work; the campaign closes after it. */
  closesOn: LocalDate | null;
  provisional: boolean;
  /** False for campaigns that only send leader cards (no enterprise self-check). */
  selfCheck: boolean;
  target: Target;
};

/** A campaign (自查活动). */
export type Campaign = PlanFields & {
  id: string;
  /** Deterministic, e.g. `2026-spring_festival`; unique. */
  key: string;
  status: CampaignStatus;
  origin: CampaignOrigin;
  createdAt: Date;
  cancelledAt: Date | null;
  /** Set when the campaign was recorded as skipped instead of run. */
  skipReason: CampaignSkipReason | null;
};

/** A campaign about to be created. */
export type NewCampaign = Omit<Campaign, "id" | "cancelledAt">;

/** The fields a plan gives a campaign. */
export function planFields(plan: CampaignPlan): PlanFields {
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
    target: plan.target,
  };
}

/** A 安全生产提示卡 sent to one leader for one card moment, and whether they pressed 已阅. */
export type SentCard = {
  id: string;
  /** `<campaign key>:<card id>`, also carried by the 已阅 button. */
  cardKey: string;
  campaignId: string;
  personId: string;
  firstSentAt: Date;
  lastSentAt: Date;
  sends: number;
  acknowledgedAt: Date | null;
};
