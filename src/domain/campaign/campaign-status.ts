/**
 * Where a campaign stands: created ahead (`planned`), running (`open`), over (`closed`), `cancelled`
 * by an admin, or `skipped`: its self-check deadline had passed when it was first created (going
 * live mid-year), so it is kept on record but never run.
 */
export const CAMPAIGN_STATUSES = ["planned", "open", "closed", "cancelled", "skipped"] as const;
/** Where a campaign stands. */
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

/** True when `v` is a campaign status. */
export function isCampaignStatus(v: string): v is CampaignStatus {
  return (CAMPAIGN_STATUSES as readonly string[]).includes(v);
}

/** Who created a campaign: the scheduler from a template's plan, or an admin by hand. */
export const CAMPAIGN_ORIGINS = ["scheduler", "manual"] as const;
/** Who created a campaign. */
export type CampaignOrigin = (typeof CAMPAIGN_ORIGINS)[number];

/** True when `v` is a campaign origin. */
export function isCampaignOrigin(v: string): v is CampaignOrigin {
  return (CAMPAIGN_ORIGINS as readonly string[]).includes(v);
}

/** Why a campaign was skipped: its deadline was over before it was first created. */
export const CAMPAIGN_SKIP_REASONS = ["deadline_passed"] as const;
/** Why a campaign was skipped. */
export type CampaignSkipReason = (typeof CAMPAIGN_SKIP_REASONS)[number];

/** True when `v` is a skip reason. */
export function isCampaignSkipReason(v: string): v is CampaignSkipReason {
  return (CAMPAIGN_SKIP_REASONS as readonly string[]).includes(v);
}

/** The status a campaign should have on `today` (`YYYY-MM-DD`), unless cancelled or skipped. */
export function statusOn(
  today: string,
  dates: { opensOn: string; closesOn: string | null; endsOn: string },
): Exclude<CampaignStatus, "cancelled" | "skipped"> {
  if (today < dates.opensOn) return "planned";
  return today > (dates.closesOn ?? dates.endsOn) ? "closed" : "open";
}

/**
 * The status a campaign is created with on `today`: skipped when its self-check deadline is already
 * over (reminders, cards and 总结 for a period nobody was asked about would only mislead), else
 * as {@link statusOn}.
 */
export function statusAtCreation(
  today: string,
  dates: { opensOn: string; deadlineOn: string; closesOn: string | null; endsOn: string },
): { status: Exclude<CampaignStatus, "cancelled">; skipReason: CampaignSkipReason | null } {
  if (today > dates.deadlineOn) return { status: "skipped", skipReason: "deadline_passed" };
  return { status: statusOn(today, dates), skipReason: null };
}
