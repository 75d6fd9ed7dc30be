import type { Client } from "./client.ts";

/** Campaigns (自查活动) and the leader cards sent for them. */
export class CampaignStore {
  constructor(private readonly db: Client) {}
}
