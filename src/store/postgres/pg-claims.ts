import { subtreeIds } from "../../domain/area/area-tree.ts";
import type { Campaign, NewCampaign } from "../../domain/campaign/campaign.ts";
import type { ClassSelection, Target } from "../../domain/campaign/template.ts";
import { CampaignStore, type ReminderHead, type ReminderQuery } from "../campaign-store.ts";
import type { Client } from "../client.ts";
import { ScheduledWorkStore, type WorkSlot } from "../scheduled-work-store.ts";
import type { PgSql } from "../sql.ts";

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

/**
 * The enterprises a reminder slot selects (alias `e`), as on SQLite: `$1` industries, `$2` classes,
 * `$3` area ids, `$4` the one class, `$5` the classes left out (a null parameter does not narrow).
 */
const SELECTED = `($1::text[] IS NULL OR e.industry = ANY($1::text[]))
  AND ($2::text[] IS NULL OR e."supervisionClass" = ANY($2::text[]))
  AND ($3::text[] IS NULL OR e."areaId" = ANY($3::text[]))
  AND ($4::text IS NULL OR e."supervisionClass" = $4::text)
  AND ($5::text[] IS NULL OR e."supervisionClass" IS NULL OR NOT (e."supervisionClass" = ANY($5::text[])))`;

/** Enterprises that submitted the campaign's self-check (`$6`). */
const SUBMITTED = `e.id IN (SELECT r."enterpriseId" FROM "SelfCheckRun" r
  WHERE r."campaignId" = $6::text AND r.status = 'submitted')`;

/** One page of a slot's heads by phone (byte order), each on their newest chat account; `$8` the last phone seen. */
const reminderHeads = (
  after: boolean,
) => `SELECT p.id AS "personId", ci.channel, ci."externalId", p.name, p.phone,
       e.id AS "enterpriseId", e.name AS "enterpriseName"
FROM "Person" p
JOIN "Enterprise" e ON e.id = p."enterpriseId"
JOIN "ChannelIdentity" ci ON ci.id = (
  SELECT c2.id FROM "ChannelIdentity" c2 WHERE c2."personId" = p.id ORDER BY c2."boundAt" DESC, c2.id ASC LIMIT 1)
WHERE p.role = 'enterprise_head' AND p.active${after ? ` AND p.phone > $8::text COLLATE "C"` : ""}
  AND ${SELECTED}
  AND NOT ${SUBMITTED}
ORDER BY p.phone COLLATE "C"
LIMIT $7::int`;
const FIRST_HEADS = reminderHeads(false);
const NEXT_HEADS = reminderHeads(true);

const REMINDER_COUNTS = `SELECT count(*)::int AS enterprises,
       (count(*) FILTER (WHERE ${SUBMITTED}))::int AS submitted,
       (count(*) FILTER (WHERE NOT ${SUBMITTED} AND EXISTS (SELECT 1 FROM "Person" p
          WHERE p."enterpriseId" = e.id AND p.role = 'enterprise_head' AND p.active
            AND EXISTS (SELECT 1 FROM "ChannelIdentity" x WHERE x."personId" = p.id))))::int AS reached
FROM "Enterprise" e
WHERE ${SELECTED}`;

export class PgCampaignStore extends CampaignStore {
  constructor(
    private readonly pgDb: Client,
    private readonly pg: PgSql,
  ) {
    super(pgDb);
  }

  override async reminderQuery(
    target: Target,
    classes: ClassSelection | undefined,
    campaignId: string | null,
  ): Promise<ReminderQuery> {
    const areas = target.areas
      ? [
          ...subtreeIds(
            await this.pgDb.area.findMany({ select: { id: true, name: true, parentId: true } }),
            target.areas,
          ),
        ]
      : null;
    const selection = [
      target.industries ? [...target.industries] : null,
      target.classes ? [...target.classes] : null,
      areas,
      classes && "only" in classes ? classes.only : null,
      classes && "except" in classes ? [...classes.except] : null,
      campaignId,
    ];
    return {
      page: (after, limit) =>
        after === null
          ? this.pg.all<ReminderHead>(FIRST_HEADS, ...selection, limit)
          : this.pg.all<ReminderHead>(NEXT_HEADS, ...selection, limit, after),
      counts: async () => {
        const c = await this.pg.get<{ enterprises: number; submitted: number; reached: number }>(
          REMINDER_COUNTS,
          ...selection,
        );
        const enterprises = c?.enterprises ?? 0;
        const submitted = c?.submitted ?? 0;
        return { enterprises, submitted, unreachable: enterprises - submitted - (c?.reached ?? 0) };
      },
    };
  }

  override async create(campaign: NewCampaign): Promise<Campaign | null> {
    if (await this.pgDb.campaign.findUnique({ where: { key: campaign.key }, select: { id: true } }))
      return null;
    return super.create(campaign);
  }
}
