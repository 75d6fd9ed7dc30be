import { type AreaNode, subtreeIds } from "../domain/area/area-tree.ts";
import type { LocalDate } from "../domain/calendar/local-date.ts";
import type { Campaign, NewCampaign, PlanFields, SentCard } from "../domain/campaign/campaign.ts";
import type { CampaignStatus } from "../domain/campaign/campaign-status.ts";
import type { ClassSelection, Target } from "../domain/campaign/template.ts";
import { campaignKeyPrefix } from "../domain/campaign/work-keys.ts";
import type { Grade } from "../domain/checklist/checklist.ts";
import type { Enterprise } from "../domain/enterprise.ts";
import type { Scope } from "../domain/people/scope.ts";
import { OPEN_STATUSES } from "../domain/ticket/ticket-lifecycle.ts";
import { isGrade, isTicketStatus, type TicketStatus } from "../domain/ticket/ticket-status.ts";
import { planColumns, targetWhere, toCampaign, toSentCard } from "./campaign-rows.ts";
import { type Client, inChunks, isUniqueViolation } from "./client.ts";
import { enterpriseWhere } from "./enterprise-store.ts";
import { exactlyUnder, underPrefix } from "./key-prefix.ts";
import { parseClosed, toEnterprise } from "./rows.ts";
import type { Sql } from "./sql.ts";

/** A chat account of an active enterprise head, with who they are. */
export type HeadAccount = {
  personId: string;
  channel: string;
  externalId: string;
  name: string;
  phone: string;
  enterpriseId: string;
};

/** An enterprise head to remind: the person, their enterprise, and their newest chat account. */
export type ReminderHead = HeadAccount & { enterpriseName: string };

/** How a reminder slot's target stands: enterprises selected, of them submitted, and not reachable. */
export type ReminderCounts = { enterprises: number; submitted: number; unreachable: number };

/**
 * The heads one reminder slot goes to, read page by page (a district has thousands of enterprises:
 * a sweep holds one page at a time, never the whole district), and the slot's counts.
 */
export type ReminderQuery = {
  /** Up to `limit` heads still to remind, by phone, after the phone `after` (null: from the first). */
  page(after: string | null, limit: number): Promise<ReminderHead[]>;
  counts(): Promise<ReminderCounts>;
};

/** A ticket as the leader card's figures count it. */
export type FigureTicket = {
  enterpriseId: string;
  status: TicketStatus;
  grade: Grade;
  deadline: Date;
  foundAt: Date;
  title: string;
};

/** A ticket a leader card lists as a task, with the area of its enterprise. */
export type LeaderTaskTicket = {
  number: string;
  title: string;
  grade: Grade;
  status: TicketStatus;
  deadline: Date;
  enterprise: string;
  areaId: string;
};

const MAJOR: Grade = "major";
const CLOSED: TicketStatus = "closed";

/** Campaigns (自查活动), the leader cards sent for them, and who they concern. */
/** Every area, for a target's subtree. */
const ALL_AREAS = "SELECT id, name, parentId FROM Area";

/**
 * The enterprises a reminder slot selects (alias `e`): the target's industries, classes and area
 * subtree, and the variant's classes (exactly one, or every class but the listed, unclassified
 * ones included). A null parameter does not narrow.
 */
const SELECTED = `(@industries IS NULL OR e.industry IN (SELECT value FROM json_each(@industries)))
  AND (@classes IS NULL OR e.supervisionClass IN (SELECT value FROM json_each(@classes)))
  AND (@areas IS NULL OR e.areaId IN (SELECT value FROM json_each(@areas)))
  AND (@only IS NULL OR e.supervisionClass = @only)
  AND (@except IS NULL OR e.supervisionClass IS NULL
       OR e.supervisionClass NOT IN (SELECT value FROM json_each(@except)))`;

/** Enterprises that submitted the campaign's self-check: one list, not a lookup per enterprise. */
const SUBMITTED = `e.id IN (SELECT r.enterpriseId FROM SelfCheckRun r
  WHERE r.campaignId = @campaignId AND r.status = 'submitted')`;

/**
 * A head with at least one chat account (alias `p`). The unary `+` keeps the planner off the
 * role index: with statistics gathered while the tables were small it would scan every head once
 * per enterprise (seconds for a district) instead of the enterprise's people.
 */
const REACHABLE_HEAD = `+p.role = 'enterprise_head' AND +p.active = 1
  AND EXISTS (SELECT 1 FROM ChannelIdentity x WHERE x.personId = p.id)`;

/** One page of a slot's heads by phone, each on their newest chat account; `after` the last phone seen. */
const reminderHeads = (after: boolean) => `/* reminder heads */
SELECT p.id AS personId, ci.channel AS channel, ci.externalId AS externalId, p.name AS name,
       p.phone AS phone, e.id AS enterpriseId, e.name AS enterpriseName
FROM Person p
JOIN Enterprise e ON e.id = p.enterpriseId
JOIN ChannelIdentity ci ON ci.id = (
  SELECT c2.id FROM ChannelIdentity c2 WHERE c2.personId = p.id ORDER BY c2.boundAt DESC, c2.id ASC LIMIT 1)
WHERE +p.role = 'enterprise_head' AND +p.active = 1${after ? " AND p.phone > @after" : ""}
  AND ${SELECTED}
  AND NOT ${SUBMITTED}
ORDER BY p.phone
LIMIT @limit`;
const FIRST_HEADS = reminderHeads(false);
const NEXT_HEADS = reminderHeads(true);

/** A slot's enterprises, those of them that submitted, and those not submitted with a reachable head. */
const REMINDER_COUNTS = `/* reminder counts */
SELECT count(*) AS enterprises,
       sum(${SUBMITTED}) AS submitted,
       sum(NOT ${SUBMITTED} AND EXISTS (SELECT 1 FROM Person p WHERE p.enterpriseId = e.id AND ${REACHABLE_HEAD}))
         AS reached
FROM Enterprise e
WHERE ${SELECTED}`;

export class CampaignStore {
  /** `sql`: the statements prepared on the same connection (the sweeps' paged reads). */
  constructor(
    private readonly db: Client,
    private readonly sql?: Sql,
  ) {}

  async byKey(key: string): Promise<Campaign | null> {
    const row = await this.db.campaign.findUnique({ where: { key } });
    return row ? toCampaign(row) : null;
  }

  async byId(id: string): Promise<Campaign | null> {
    const row = await this.db.campaign.findUnique({ where: { id } });
    return row ? toCampaign(row) : null;
  }

  async byKeys(keys: readonly string[]): Promise<Campaign[]> {
    const rows = await inChunks(keys, (chunk) =>
      this.db.campaign.findMany({ where: { key: { in: chunk } } }),
    );
    return rows.map(toCampaign);
  }

  /** Campaigns (of one status when given), newest opening first. */
  async list(status?: CampaignStatus): Promise<Campaign[]> {
    const rows = await this.db.campaign.findMany({
      where: status ? { status } : {},
      orderBy: [{ opensOn: "desc" }, { key: "asc" }],
    });
    return rows.map(toCampaign);
  }

  /** Every campaign, by opening day. */
  async all(): Promise<Campaign[]> {
    return (await this.db.campaign.findMany({ orderBy: { opensOn: "asc" } })).map(toCampaign);
  }

  /** The open campaigns, by opening day. */
  async open(): Promise<Campaign[]> {
    const rows = await this.db.campaign.findMany({ where: { status: "open" }, orderBy: { opensOn: "asc" } });
    return rows.map(toCampaign);
  }

  /** Open campaigns with a self-check (opened by `openedBy` when given), earliest deadline first. */
  async openForSelfCheck(openedBy?: LocalDate): Promise<Campaign[]> {
    const rows = await this.db.campaign.findMany({
      where: { status: "open", selfCheck: true, ...(openedBy ? { opensOn: { lte: openedBy } } : {}) },
      orderBy: [{ deadlineOn: "asc" }, { key: "asc" }],
    });
    return rows.map(toCampaign);
  }

  /** Creates a campaign; null when its key is taken (by a campaign created meanwhile, say). */
  async create(campaign: NewCampaign): Promise<Campaign | null> {
    try {
      const row = await this.db.campaign.create({
        data: {
          key: campaign.key,
          ...planColumns(campaign),
          status: campaign.status,
          origin: campaign.origin,
          createdAt: campaign.createdAt,
          skipReason: campaign.skipReason,
        },
      });
      return toCampaign(row);
    } catch (e) {
      if (isUniqueViolation(e)) return null;
      throw e;
    }
  }

  /** Replaces the dates and names a campaign took from its plan. */
  async refreshPlan(id: string, fields: PlanFields): Promise<void> {
    await this.db.campaign.update({ where: { id }, data: planColumns(fields) });
  }

  /** Opens the planned campaigns whose opening day has come; the keys of those this call opened. */
  async openDue(today: LocalDate): Promise<string[]> {
    const due = await this.db.campaign.findMany({
      where: { status: "planned", opensOn: { lte: today } },
      select: { id: true, key: true },
    });
    const opened: string[] = [];
    for (const c of due) if (await this.move(c.id, "planned", "open")) opened.push(c.key);
    return opened;
  }

  /** Closes an open campaign; false when it was not open any more. */
  close(id: string): Promise<boolean> {
    return this.move(id, "open", "closed");
  }

  /**
   * Cancels a campaign and reads it back. The write comes first, so the caller's transaction holds
   * SQLite's write lock before it reads anything. `campaign` is null when there is no such key,
   * `cancelled` false when it was cancelled already.
   */
  async cancel(key: string, now: Date): Promise<{ campaign: Campaign | null; cancelled: boolean }> {
    const taken = await this.db.campaign.updateMany({
      where: { key, status: { not: "cancelled" } },
      data: { status: "cancelled", cancelledAt: now },
    });
    const row = await this.db.campaign.findUnique({ where: { key } });
    return { campaign: row ? toCampaign(row) : null, cancelled: taken.count > 0 };
  }

  /** Deletes the campaign's messages still waiting in the outbox (their keys carry its prefix); how many. */
  async withdrawPendingMessages(campaignKey: string): Promise<number> {
    const prefix = campaignKeyPrefix(campaignKey);
    const pending = exactlyUnder(
      await this.db.outboxMessage.findMany({
        where: { status: "pending", key: underPrefix(prefix) },
        select: { id: true, key: true },
      }),
      prefix,
    );
    const deleted = await inChunks(pending, async (chunk) => [
      (await this.db.outboxMessage.deleteMany({ where: { id: { in: chunk.map((m) => m.id) } } })).count,
    ]);
    return deleted.reduce((a, b) => a + b, 0);
  }

  /** Enterprises that submitted the campaign's self-check. */
  async submittedEnterprises(campaignId: string): Promise<Set<string>> {
    const runs = await this.db.selfCheckRun.findMany({
      where: { campaignId, status: "submitted" },
      select: { enterpriseId: true },
      distinct: ["enterpriseId"],
    });
    return new Set(runs.map((r) => r.enterpriseId));
  }

  /** Submitted self-check runs per campaign id (campaigns without any are absent). */
  async submittedRunCounts(campaignIds: readonly string[]): Promise<Map<string, number>> {
    const groups = await inChunks(campaignIds, (chunk) =>
      this.db.selfCheckRun.groupBy({
        by: ["campaignId"],
        where: { status: "submitted", campaignId: { in: chunk } },
        _count: { enterpriseId: true },
      }),
    );
    return new Map(groups.flatMap((g) => (g.campaignId ? [[g.campaignId, g._count.enterpriseId]] : [])));
  }

  /** The cards sent for one card moment, one per leader. */
  async cardsOf(cardKey: string): Promise<SentCard[]> {
    return (await this.db.leaderCard.findMany({ where: { cardKey } })).map(toSentCard);
  }

  /** The card of one moment a leader got, with its campaign, or null. */
  async card(cardKey: string, personId: string): Promise<(SentCard & { campaign: Campaign }) | null> {
    const row = await this.db.leaderCard.findUnique({
      where: { cardKey_personId: { cardKey, personId } },
      include: { campaign: true },
    });
    return row ? { ...toSentCard(row), campaign: toCampaign(row.campaign) } : null;
  }

  /** Records a card (or a follow-up of it) sent to a leader. */
  async recordCardSent(
    card: { cardKey: string; campaignId: string; personId: string },
    now: Date,
  ): Promise<void> {
    await this.db.leaderCard.upsert({
      where: { cardKey_personId: { cardKey: card.cardKey, personId: card.personId } },
      create: { ...card, firstSentAt: now, lastSentAt: now },
      update: { lastSentAt: now, sends: { increment: 1 } },
    });
  }

  /** Records 已阅 on a card; false when it was acknowledged already (pressed twice at once). */
  async acknowledgeCard(id: string, now: Date): Promise<boolean> {
    const taken = await this.db.leaderCard.updateMany({
      where: { id, acknowledgedAt: null },
      data: { acknowledgedAt: now },
    });
    return taken.count > 0;
  }

  /** The enterprises a target selects (and of these classes, when given), in no particular order. */
  async targeted(target: Target, classes?: ClassSelection): Promise<Enterprise[]> {
    const rows = await this.db.enterprise.findMany({ where: await targetWhere(this.db, target, classes) });
    return rows.map(toEnterprise);
  }

  /**
   * The heads of a reminder slot: active enterprise heads with a chat account, of the enterprises
   * the target and classes select that have not submitted the campaign's self-check (every one
   * when the campaign is not created yet), each with their newest binding. Paged by phone (unique).
   */
  async reminderQuery(
    target: Target,
    classes: ClassSelection | undefined,
    campaignId: string | null,
  ): Promise<ReminderQuery> {
    const sql = this.sql;
    if (!sql) throw new Error("CampaignStore.reminderQuery needs the prepared statements");
    // Static statement text (prepared once per connection); the selection is bound as JSON lists.
    const areas = target.areas
      ? [...subtreeIds(sql.statement(ALL_AREAS).all() as AreaNode[], target.areas)]
      : null;
    const selection = {
      industries: target.industries ? JSON.stringify(target.industries) : null,
      classes: target.classes ? JSON.stringify(target.classes) : null,
      areas: areas ? JSON.stringify(areas) : null,
      only: classes && "only" in classes ? classes.only : null,
      except: classes && "except" in classes ? JSON.stringify(classes.except) : null,
      campaignId,
    };
    return {
      page: async (after, limit) =>
        (after === null
          ? sql.statement(FIRST_HEADS).all({ ...selection, limit })
          : sql.statement(NEXT_HEADS).all({ ...selection, after, limit })) as ReminderHead[],
      counts: async () => {
        const c = sql.statement(REMINDER_COUNTS).get(selection) as {
          enterprises: number;
          submitted: number | null;
          reached: number | null;
        };
        const submitted = c.submitted ?? 0;
        return {
          enterprises: c.enterprises,
          submitted,
          unreachable: c.enterprises - submitted - (c.reached ?? 0),
        };
      },
    };
  }

  /** The enterprises of a scope that a target selects, with their heads, by class and name. */
  async targetedWithHeads(
    scope: Scope,
    target: Target,
  ): Promise<(Enterprise & { heads: { name: string; phone: string }[] })[]> {
    const rows = await this.db.enterprise.findMany({
      where: { AND: [await enterpriseWhere(this.db, scope), await targetWhere(this.db, target)] },
      include: { people: { where: { role: "enterprise_head" }, select: { name: true, phone: true } } },
      orderBy: [{ supervisionClass: "asc" }, { name: "asc" }],
    });
    return rows.map((r) => ({ ...toEnterprise(r), heads: r.people }));
  }

  /**
   * Tickets of the enterprises a target selects that a leader card counts: those found since
   * `since`, and every major one not closed whenever found; oldest first.
   */
  async figureTickets(target: Target, since: Date): Promise<FigureTicket[]> {
    const rows = await this.db.ticket.findMany({
      where: {
        enterprise: { is: await targetWhere(this.db, target) },
        OR: [{ foundAt: { gte: since } }, { grade: MAJOR, status: { not: CLOSED } }],
      },
      select: { enterpriseId: true, status: true, grade: true, deadline: true, foundAt: true, title: true },
      orderBy: { foundAt: "asc" },
    });
    return rows.map((t) => ({
      ...t,
      status: parseClosed("ticket status", t.status, isTicketStatus),
      grade: parseClosed("ticket grade", t.grade, isGrade),
    }));
  }

  private async move(id: string, from: CampaignStatus, to: CampaignStatus): Promise<boolean> {
    const moved = await this.db.campaign.updateMany({ where: { id, status: from }, data: { status: to } });
    return moved.count > 0;
  }

  /** The latest submitted self-check of an enterprise for a campaign: who submitted it and when, or null. */
  async lastSubmission(
    campaignId: string,
    enterpriseId: string,
  ): Promise<{ personName: string; submittedAt: Date } | null> {
    const run = await this.db.selfCheckRun.findFirst({
      where: { campaignId, enterpriseId, status: "submitted", submittedAt: { not: null } },
      orderBy: { submittedAt: "desc" },
      select: { submittedAt: true, person: { select: { name: true } } },
    });
    return run?.submittedAt ? { personName: run.person.name, submittedAt: run.submittedAt } : null;
  }

  /**
   * Tickets a leader card lists as tasks, district-wide (the caller keeps a leader's areas): major
   * hazards submitted for 销号, and tickets the enterprise still owes past their deadline.
   */
  async leaderTaskTickets(now: Date): Promise<LeaderTaskTicket[]> {
    const rows = await this.db.ticket.findMany({
      where: {
        OR: [
          { grade: MAJOR, status: "submitted" },
          { status: { in: [...OPEN_STATUSES] }, deadline: { lt: now } },
        ],
      },
      select: {
        number: true,
        title: true,
        grade: true,
        status: true,
        deadline: true,
        enterprise: { select: { name: true, areaId: true } },
      },
      orderBy: [{ deadline: "asc" }, { number: "asc" }],
    });
    return rows.map((t) => ({
      number: t.number,
      title: t.title,
      grade: parseClosed("ticket grade", t.grade, isGrade),
      status: parseClosed("ticket status", t.status, isTicketStatus),
      deadline: t.deadline,
      enterprise: t.enterprise.name,
      areaId: t.enterprise.areaId,
    }));
  }
}
