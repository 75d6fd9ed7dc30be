import { type AreaNode, subtreeIds } from "../../domain/area/area-tree.ts";
import type { LocalDate } from "../../domain/calendar/local-date.ts";
import type { CampaignRunRow, CardRow } from "../../domain/statistics/campaign-figures.ts";
import type { EnterpriseRow } from "../../domain/statistics/compute-report.ts";
import {
  type RunRow,
  reportRun,
  reportTicket,
  type TicketEventRow,
  type TicketRow,
} from "../../domain/statistics/report-figures.ts";
import { isGrade, isTicketSource, isTicketStatus } from "../../domain/ticket/ticket-status.ts";
import type { Campaign as CampaignRow } from "../../generated/prisma/client.ts";
import { toCampaign } from "../campaign-rows.ts";
import type { Client } from "../client.ts";
import {
  type CampaignReportRows,
  type LedgerTicket,
  type ReportFilter,
  type ReportRows,
  ReportStore,
} from "../report-store.ts";
import { parseClosed } from "../rows.ts";
import { NO_SQLITE, type PgSql, pgInstant } from "../sql.ts";

/** The enterprise filter: `$1` the area ids (or null for any), `$2` the industry (or null). */
const IN_SCOPE = `($1::text[] IS NULL OR e."areaId" = ANY($1::text[])) AND ($2::text IS NULL OR e.industry = $2::text)`;
/** The period: `$3` since, `$4` before. */
const IN_PERIOD = (column: string) => `${column} >= $3::timestamp AND ${column} < $4::timestamp`;

const ENTERPRISES = `SELECT e.id, e.name, e.industry, e."supervisionClass", e."areaId" FROM "Enterprise" e WHERE ${IN_SCOPE}`;

const RUNS = `SELECT r."enterpriseId", r."submittedAt", r."campaignId" FROM "SelfCheckRun" r
  JOIN "Enterprise" e ON e.id = r."enterpriseId"
  WHERE r.status = 'submitted' AND ${IN_PERIOD(`r."submittedAt"`)} AND ${IN_SCOPE}`;

const TICKETS = `SELECT t.id, t.number, t."enterpriseId", t.source, t.grade, t.title, t."foundAt", t.deadline, t."closedAt"
  FROM "Ticket" t JOIN "Enterprise" e ON e.id = t."enterpriseId"
  WHERE ${IN_PERIOD(`t."foundAt"`)} AND ${IN_SCOPE}`;

/** The pass, return and reopen events of those tickets, each ticket's in time order (ties in id order). */
const EVENTS = `SELECT ev."ticketId", ev.kind, ev.at FROM "Ticket" t
  JOIN "Enterprise" e ON e.id = t."enterpriseId"
  JOIN "TicketEvent" ev ON ev."ticketId" = t.id
  WHERE ${IN_PERIOD(`t."foundAt"`)} AND ${IN_SCOPE} AND ev.kind IN ('passed', 'returned', 'reopened')
  ORDER BY ev.at, ev.id`;

const CAMPAIGNS = `SELECT * FROM "Campaign" WHERE status NOT IN ('cancelled', 'skipped') AND "opensOn" <= $2::text COLLATE "C"
  AND COALESCE("closesOn", "endsOn") >= $1::text COLLATE "C" ORDER BY "opensOn" COLLATE "C", key COLLATE "C"`;

const CAMPAIGN_RUNS = `SELECT "campaignId", "enterpriseId", MIN("submittedAt") AS "submittedAt" FROM "SelfCheckRun"
  WHERE status = 'submitted' AND "campaignId" = ANY($1::text[]) GROUP BY "campaignId", "enterpriseId"`;

const CARDS = `SELECT c."campaignId", c."personId", c."firstSentAt", c.sends, c."acknowledgedAt",
    coalesce((SELECT array_agg(pa."areaId") FROM "PersonArea" pa WHERE pa."personId" = c."personId"), '{}') AS areas
  FROM "LeaderCard" c WHERE c."campaignId" = ANY($1::text[])`;

const photosOf = (purpose: "hazard" | "rectification") =>
  `((SELECT COUNT(*) FROM "Attachment" a WHERE a."ticketId" = t.id AND a.purpose = '${purpose}')
   + (SELECT COUNT(*) FROM "TicketEvent" ev JOIN "Attachment" a ON a."ticketEventId" = ev.id
      WHERE ev."ticketId" = t.id AND a.purpose = '${purpose}' AND a."ticketId" IS NULL))::int`;

/** One page of the ledger in number order (byte order, as on SQLite, whatever the collation), after the number `$5`. */
const LEDGER_PAGE = `SELECT t.number, t."enterpriseId", t.location, t.title, t.description, t.category, t.grade, t.basis,
   t.source, t.status, t.supervised, t.measures, t.funds, t."contingencyPlan", t."treatmentPlan", t."responsibleId",
   t."foundById", t."foundAt", t.deadline, t."rectifiedAt", t."closedAt",
   ${photosOf("hazard")} AS "beforePhotos", ${photosOf("rectification")} AS "afterPhotos"
  FROM "Ticket" t JOIN "Enterprise" e ON e.id = t."enterpriseId"
  WHERE ${IN_PERIOD(`t."foundAt"`)} AND ${IN_SCOPE} AND t.number > $5::text COLLATE "C"
  ORDER BY t.number COLLATE "C" LIMIT $6::int`;
const LEDGER_PAGE_SIZE = 2000;

const LEDGER_ENTERPRISES = `SELECT e.id, e.name, e."creditCode", ar.name AS "areaName", g.name AS "gridName"
  FROM "Enterprise" e JOIN "Area" ar ON ar.id = e."areaId" LEFT JOIN "Grid" g ON g.id = e."gridId"`;

type LedgerRowOut = Omit<
  LedgerTicket,
  | "enterprise"
  | "creditCode"
  | "areaName"
  | "gridName"
  | "grade"
  | "source"
  | "status"
  | "responsible"
  | "foundBy"
> & {
  enterpriseId: string;
  grade: string;
  source: string;
  status: string;
  responsibleId: string | null;
  foundById: string | null;
};

const NO_EVENTS: readonly TicketEventRow[] = [];
/** Far enough to bound every stored instant. */
const EARLIEST = "0001-01-01T00:00:00.000Z";
const LATEST = "9999-12-31T23:59:59.999Z";

/**
 * The report's rows on PostgreSQL: the same rows as on SQLite, read with one statement each (the
 * planner picks index or scan itself). Instants, booleans and counts come back typed.
 */
export class PgReportStore extends ReportStore {
  constructor(
    db: Client,
    private readonly pg: PgSql,
  ) {
    super(db, NO_SQLITE);
  }

  override async figuresRows(filter: ReportFilter): Promise<ReportRows> {
    const p = await this.pgParams(filter);
    const enterprises = await this.pg.all<EnterpriseRow>(ENTERPRISES, p[0], p[1]);
    const runs = await this.pg.all<RunRow>(RUNS, ...p);
    const eventsOf = new Map<string, TicketEventRow[]>();
    for (const e of await this.pg.all<{ ticketId: string; kind: string; at: Date }>(EVENTS, ...p)) {
      const list = eventsOf.get(e.ticketId);
      const event = { kind: e.kind, at: e.at };
      if (list) list.push(event);
      else eventsOf.set(e.ticketId, [event]);
    }
    const rows = await this.pg.all<Omit<TicketRow, "events"> & { id: string }>(TICKETS, ...p);
    const tickets: TicketRow[] = rows.map(({ id, ...t }) => ({
      ...t,
      events: eventsOf.get(id) ?? NO_EVENTS,
    }));
    return { enterprises, runs: runs.map(reportRun), tickets: tickets.map(reportTicket) };
  }

  override async campaignRows(period: { from: LocalDate; to: LocalDate }): Promise<CampaignReportRows> {
    const rows = await this.pg.all<CampaignRow>(CAMPAIGNS, period.from, period.to);
    const campaigns = rows.map(toCampaign);
    return { campaigns, ...(await this.campaignActivity(campaigns.map((c) => c.id))) };
  }

  override async areas(): Promise<AreaNode[]> {
    return this.pg.all<AreaNode>(`SELECT id, name, "parentId" FROM "Area" ORDER BY id`);
  }

  override async campaignActivity(
    campaignIds: readonly string[],
  ): Promise<Omit<CampaignReportRows, "campaigns">> {
    const ids = [...campaignIds];
    const campaignRuns = await this.pg.all<CampaignRunRow>(CAMPAIGN_RUNS, ids);
    const cards = (await this.pg.all<Omit<CardRow, "areaIds"> & { areas: string[] }>(CARDS, ids)).map(
      ({ areas, ...c }) => ({ ...c, areaIds: areas }),
    );
    return { campaignRuns, cards };
  }

  override ledger(filter: ReportFilter): AsyncIterable<LedgerTicket> {
    return this.ledgerPages(filter);
  }

  /** The ledger in pages of number order: memory follows a page, not the ledger. */
  private async *ledgerPages(filter: ReportFilter): AsyncGenerator<LedgerTicket> {
    const p = await this.pgParams(filter);
    const enterprises = new Map(
      (
        await this.pg.all<{
          id: string;
          name: string;
          creditCode: string;
          areaName: string;
          gridName: string | null;
        }>(LEDGER_ENTERPRISES)
      ).map((e) => [e.id, e]),
    );
    const people = new Map(
      (await this.pg.all<{ id: string; name: string }>(`SELECT id, name FROM "Person"`)).map((r) => [
        r.id,
        r.name,
      ]),
    );
    const name = (id: string | null) => (id === null ? null : (people.get(id) ?? null));
    let after = "";
    for (;;) {
      const page = await this.pg.all<LedgerRowOut>(LEDGER_PAGE, ...p, after, LEDGER_PAGE_SIZE);
      for (const r of page) {
        const e = enterprises.get(r.enterpriseId);
        if (!e) continue;
        const { enterpriseId: _e, responsibleId, foundById, ...t } = r;
        yield {
          ...t,
          enterprise: e.name,
          creditCode: e.creditCode,
          areaName: e.areaName,
          gridName: e.gridName,
          grade: parseClosed("ticket grade", r.grade, isGrade),
          source: parseClosed("ticket source", r.source, isTicketSource),
          status: parseClosed("ticket status", r.status, isTicketStatus),
          responsible: name(responsibleId),
          foundBy: name(foundById),
        };
      }
      if (page.length < LEDGER_PAGE_SIZE) return;
      after = page[page.length - 1]?.number ?? after;
    }
  }

  /** The four parameters every statement shares: area ids (subtree) or null, industry, since, before. */
  private async pgParams(filter: ReportFilter): Promise<[string[] | null, string | null, string, string]> {
    let areas: string[] | null = null;
    if (filter.area !== null) {
      const tree = await this.pg.all<{ id: string; parentId: string | null }>(
        `SELECT id, "parentId" FROM "Area"`,
      );
      areas = [...subtreeIds(tree, filter.area)];
    }
    return [
      areas,
      filter.industry,
      filter.since === null ? EARLIEST : pgInstant(filter.since),
      filter.before === null ? LATEST : pgInstant(filter.before),
    ];
  }
}
