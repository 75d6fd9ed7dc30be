import type { Campaign, NewCampaign } from "../../domain/campaign/campaign.ts";
import { CampaignStore } from "../campaign-store.ts";
import type { Client } from "../client.ts";
import { ScheduledWorkStore, type WorkSlot } from "../scheduled-work-store.ts";

/*
 * Writes that a unique key may refuse while the transaction goes on (a slot claimed by another
 * sweep, a campaign created meanwhile). On SQLite the refused statement fails alone; on PostgreSQL
 * a failed statement aborts the whole transaction. So here the insert does nothing on a taken key
 * (ON CONFLICT DO NOTHING), or the key is looked up first: under serializable isolation a key
 * another transaction inserts meanwhile fails this one with a serialization error, and the unit of
 * work runs again and then finds it.
 */

/** The PostgreSQL client's createMany, which takes `skipDuplicates` (INSERT … ON CONFLICT DO NOTHING). */
type CreateManySkipping = (args: { data: unknown[]; skipDuplicates: true }) => Promise<{ count: number }>;

export class PgScheduledWorkStore extends ScheduledWorkStore {
  constructor(private readonly pgDb: Client) {
    super(pgDb);
  }

  override async claimSlot(slot: WorkSlot, now: Date): Promise<boolean> {
    const createMany = this.pgDb.scheduledWork.createMany as unknown as CreateManySkipping;
    const { count } = await createMany({
      data: [{ key: slot.key, kind: slot.kind, dueAt: slot.dueAt, doneAt: now, outcome: "sent" }],
      skipDuplicates: true,
    });
    return count === 1;
  }

  override async recordSkipped(
    skips: readonly (WorkSlot & { reason: string })[],
    now: Date,
  ): Promise<boolean> {
    const taken = await this.pgDb.scheduledWork.count({ where: { key: { in: skips.map((s) => s.key) } } });
    if (taken > 0) return false;
    return super.recordSkipped(skips, now);
  }
}

export class PgCampaignStore extends CampaignStore {
  constructor(private readonly pgDb: Client) {
    super(pgDb);
  }

  override async create(campaign: NewCampaign): Promise<Campaign | null> {
    if (await this.pgDb.campaign.findUnique({ where: { key: campaign.key }, select: { id: true } }))
      return null;
    return super.create(campaign);
  }
}
