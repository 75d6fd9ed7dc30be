/** Where a campaign stands: created ahead (`planned`), running (`open`), over (`closed`), or `cancelled`. */
export const CAMPAIGN_STATUSES = ["planned", "open", "closed", "cancelled"] as const;
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

/** The status a campaign should have on `today` (`YYYY-MM-DD`), unless cancelled. */
export function statusOn(
  today: string,
  dates: { opensOn: string; closesOn: string | null; endsOn: string },
): Exclude<CampaignStatus, "cancelled"> {
  if (today < dates.opensOn) return "planned";
  return today > (dates.closesOn ?? dates.endsOn) ? "closed" : "open";
}
