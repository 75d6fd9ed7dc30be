import { type AreaNode, subtreeIds } from "../domain/area/area-tree.ts";
import type { LocalDate } from "../domain/calendar/local-date.ts";
import type { Campaign } from "../domain/campaign/campaign.ts";
import { type Grade, Grades } from "../domain/checklist/grade.ts";
import type { CampaignRunRow, CardRow } from "../domain/statistics/campaign-figures.ts";
import type { EnterpriseRow } from "../domain/statistics/compute-report.ts";
import type { ReportRun, ReportTicket, ReportTicketEvent } from "../domain/statistics/report-figures.ts";
import {
  isGrade,
  isTicketSource,
  isTicketStatus,
  type TicketSource,
  TicketSources,
  type TicketStatus,
} from "../domain/ticket/ticket-status.ts";
import type { Campaign as CampaignRow } from "../generated/prisma/client.ts";
import { toCampaign } from "./campaign-rows.ts";
import type { Client } from "./client.ts";
import { codeOf, decoded, epochMs } from "./json-rows.ts";
import { parseClosed } from "./rows.ts";
import { dbInstant, type Sql } from "./sql.ts";

/** What a report or the ledger reads: enterprises of an area (and below) or industry, found within two instants. */
export type ReportFilter = {
  /** An area id; its sub-areas are included. */
  area: string | null;
  /** An industry code. */
  industry: string | null;
  /** Found (or submitted) at or after this instant. */
  since: Date | null;
  /** Found (or submitted) before this instant. */
  before: Date | null;
};

/**
 * The rows the report figures are computed from, instants as epoch ms. `tickets` is read from the
 * database as it is iterated, once: it must be consumed inside the same unit of work, before the
 * next statement.
 */
export type ReportRows = { enterprises: EnterpriseRow[]; runs: ReportRun[]; tickets: Iterable<ReportTicket> };

/** The campaigns whose days meet a period, with their submitted runs and the 提示卡 sent for them. */
export type CampaignReportRows = { campaigns: Campaign[]; campaignRuns: CampaignRunRow[]; cards: CardRow[] };

/**
 * One ledger row as read: the ticket's own columns, its enterprise, area and grid names, the names of
 * the people on it, and its before and after photos (on the ticket or on one of its events).
 */
export type LedgerTicket = {
  number: string;
  enterprise: string;
  creditCode: string;
  areaName: string;
  gridName: string | null;
  location: string | null;
  title: string;
  description: string | null;
  category: string;
  grade: Grade;
  basis: string | null;
  source: TicketSource;
  status: TicketStatus;
  supervised: boolean;
  measures: string | null;
  funds: string | null;
  contingencyPlan: string | null;
  treatmentPlan: string | null;
  responsible: string | null;
  foundBy: string | null;
  foundAt: Date;
  deadline: Date;
  rectifiedAt: Date | null;
  closedAt: Date | null;
  beforePhotos: number;
  afterPhotos: number;
};

/**
 * Instants are stored as ISO text and compare as text; these bound every stored instant. They must
 * be full instants: a bare "9999" would be turned into a number by the column's numeric affinity.
 */
const EARLIEST = dbInstant(new Date("0000-01-01T00:00:00Z"));
const LATEST = dbInstant(new Date("9999-12-31T23:59:59.999Z"));

/** The enterprise filter every statement shares: `@areas` a JSON list of area ids or null, `@industry`. */
const ENTERPRISE_IN_SCOPE =
  "(@areas IS NULL OR e.areaId IN (SELECT value FROM json_each(@areas))) AND (@industry IS NULL OR e.industry = @industry)";

const ENTERPRISES = `SELECT e.id, e.name, e.industry, e.supervisionClass, e.areaId FROM Enterprise e WHERE ${ENTERPRISE_IN_SCOPE}`;

/**
 * Statements that read rows of enterprises in scope: with no area or industry asked for, the join
 * to Enterprise is left out (every row is in scope), saving a lookup per row.
 */
const scoped = (from: string, alias: string, where: string) => ({
  all: `SELECT ${from} WHERE ${where}`,
  narrowed: `SELECT ${from} JOIN Enterprise e ON e.id = ${alias}.enterpriseId WHERE ${where} AND ${ENTERPRISE_IN_SCOPE}`,
});

/**
 * The submitted runs of the period as one JSON array of `[enterpriseId, submittedAt ms]` (see
 * json-rows.ts): the report keeps them all in memory anyway.
 */
const RUNS = scoped(
  `'[' || group_concat(json_array(r.enterpriseId, ${epochMs("r.submittedAt")}), ',') || ']' FROM SelfCheckRun r`,
  "r",
  "r.status = 'submitted' AND r.submittedAt >= @since AND r.submittedAt < @before",
);

/**
 * A ticket of the report as a JSON array: its rowid (the key pages are read by), id, enterprise,
 * source and grade (as codes, `codeOf`) and instants in epoch ms.
 */
const TICKET_ROW = `json_array(t.rowid, t.id, t.enterpriseId, ${codeOf("t.source", TicketSources)},
  ${codeOf("t.grade", Grades)}, ${epochMs("t.foundAt")}, ${epochMs("t.deadline")}, ${epochMs("t.closedAt")})`;
/**
 * Number and title of a major hazard (only those are listed), as `[id, number, title]`: in a list
 * of their own, so the tickets' list stays ASCII (one byte a character to hand over and parse)
 * whatever language titles are written in.
 */
const MAJOR_ROW = "CASE WHEN t.grade = 'major' THEN json_array(t.id, t.number, t.title) END";
/**
 * A page of tickets: the JSON array of their `TICKET_ROW`s, that of the major ones' `MAJOR_ROW`s,
 * and (`last`) the greatest found-at text of the page.
 */
const ticketPage = (where: string, order: string, last: string) => {
  // CROSS JOIN keeps the tickets the outer loop, in the page's order: with the enterprises outside,
  // SQLite would sort every ticket of the scope for each page.
  const from = (narrowed: boolean) =>
    narrowed
      ? `FROM Ticket t CROSS JOIN Enterprise e ON e.id = t.enterpriseId WHERE ${where} AND ${ENTERPRISE_IN_SCOPE}`
      : `FROM Ticket t WHERE ${where}`;
  const page = (narrowed: boolean) =>
    `SELECT '[' || group_concat(row, ',') || ']', '[' || group_concat(major, ',') || ']', ${last}
     FROM (SELECT ${TICKET_ROW} AS row, ${MAJOR_ROW} AS major, t.foundAt AS at ${from(narrowed)} ${order})`;
  return { all: page(false), narrowed: page(true) };
};
/**
 * The tickets found in the period, a page at a time. For a short period through the found-at index,
 * in (found at, rowid) order after the last page's last ticket (`@from`, `@after`); when the period
 * holds a good share of the table, in a plain scan of a range of rowids (`+` keeps SQLite off the
 * index), where reading rows in order beats fetching them one by one in found-at order.
 */
const TICKET_PAGES = {
  lookup: ticketPage(
    "t.foundAt >= @from AND t.foundAt < @before AND (t.foundAt > @from OR t.rowid > @after)",
    "ORDER BY t.foundAt, t.rowid LIMIT @pageRows",
    "max(at)",
  ),
  scan: ticketPage(
    "t.rowid > @after AND t.rowid <= @after + @pageRows AND +t.foundAt >= @since AND +t.foundAt < @before",
    "",
    "NULL",
  ),
};
/** Tickets (at most, or rowids a scan covers) per page: memory follows a page, not the period. */
const PAGE_ROWS = 10_000;
/** Measured: past this share of the table a scan reads the period's tickets faster than the index. */
const SCAN_SHARE = 0.25;
const TICKET_ROWS = "SELECT coalesce(max(rowid), 0) FROM Ticket";

/** The kinds of ticket events the figures read. */
const EVENT_KINDS = ["passed", "returned", "reopened"] as const;
const EVENT_ROW = `json_array(ev.ticketId, ${codeOf("ev.kind", EVENT_KINDS)}, ${epochMs("ev.at")})`;
/**
 * The pass, return and reopen events of the tickets a report reads, as JSON arrays of `EVENT_ROW`s,
 * two ways with the same rows per ticket (in the order written, `closedMsAsOf` taking the latest).
 * For a period that holds a good share of the tickets, all of them in a plain scan, a range of
 * rowids at a time, the caller keeping those of its tickets: looking them up ticket by ticket
 * through the index costs several times more per event (random reads). For a short period of a
 * long history, ticket by ticket, so the cost follows the period's tickets.
 */
const EVENTS_SCAN = `SELECT '[' || group_concat(${EVENT_ROW}, ',') || ']' FROM TicketEvent ev
  WHERE ev.rowid > @after AND ev.rowid <= @after + @pageRows AND ev.kind IN ('passed', 'returned', 'reopened')`;
const EVENTS_OF_PERIOD = `SELECT '[' || group_concat(${EVENT_ROW}, ',') || ']' FROM Ticket t
  JOIN TicketEvent ev ON ev.ticketId = t.id
  WHERE t.foundAt >= @since AND t.foundAt < @before AND ev.kind IN ('passed', 'returned', 'reopened')`;
/** Measured: a lookup per ticket costs about as much as scanning this many event rows. */
const LOOKUP_COST_IN_SCANNED_ROWS = 12;
const TICKETS_IN_PERIOD = "SELECT count(*) FROM Ticket WHERE foundAt >= @since AND foundAt < @before";
const EVENT_ROWS = "SELECT coalesce(max(rowid), 0) FROM TicketEvent";

const CAMPAIGNS = `SELECT * FROM Campaign WHERE status NOT IN ('cancelled', 'skipped') AND opensOn <= @to
  AND COALESCE(closesOn, endsOn) >= @from ORDER BY opensOn, key`;

/** A campaign row as SQLite gives it: booleans as 0/1, instants as text. */
type RawCampaign = Omit<CampaignRow, "provisional" | "selfCheck" | "createdAt" | "cancelledAt"> & {
  provisional: number;
  selfCheck: number;
  createdAt: string;
  cancelledAt: string | null;
};

const CAMPAIGN_RUNS = `SELECT campaignId, enterpriseId, MIN(submittedAt) AS submittedAt FROM SelfCheckRun
  WHERE status = 'submitted' AND campaignId IN (SELECT value FROM json_each(@ids)) GROUP BY campaignId, enterpriseId`;

const CARDS = `SELECT c.campaignId, c.personId, c.firstSentAt, c.sends, c.acknowledgedAt,
    (SELECT json_group_array(pa.areaId) FROM PersonArea pa WHERE pa.personId = c.personId) AS areas
  FROM LeaderCard c WHERE c.campaignId IN (SELECT value FROM json_each(@ids))`;

/**
 * Photos of one purpose on the ticket itself or on one of its events (an attachment with a ticket id
 * counts for that ticket only). Correlated, so each row is complete when read; SQLite builds one
 * automatic index on the attachments' event ids for the whole statement.
 */
const photosOf = (purpose: "hazard" | "rectification") =>
  `(SELECT COUNT(*) FROM Attachment a WHERE a.ticketId = t.id AND a.purpose = '${purpose}')
   + (SELECT COUNT(*) FROM TicketEvent ev JOIN Attachment a ON a.ticketEventId = ev.id
      WHERE ev.ticketId = t.id AND a.purpose = '${purpose}' AND +a.ticketId IS NULL)`;

/**
 * The ledger in number order with its photos counted, read with `iterate` one row at a time. Names
 * of enterprises, areas, grids and people come from maps of the directory (its size, not the
 * ledger's): a join per row costs more than the rest of the row.
 */
const LEDGER = scoped(
  `t.number, t.enterpriseId, t.location, t.title, t.description, t.category, t.grade, t.basis, t.source,
   t.status, t.supervised, t.measures, t.funds, t.contingencyPlan, t.treatmentPlan, t.responsibleId, t.foundById,
   t.foundAt, t.deadline, t.rectifiedAt, t.closedAt,
   ${photosOf("hazard")} AS beforePhotos, ${photosOf("rectification")} AS afterPhotos FROM Ticket t`,
  "t",
  "t.foundAt >= @since AND t.foundAt < @before",
);
const LEDGER_ORDER = " ORDER BY t.number";

const LEDGER_ENTERPRISES = `SELECT e.id, e.name, e.creditCode, ar.name AS areaName, g.name AS gridName
  FROM Enterprise e JOIN Area ar ON ar.id = e.areaId LEFT JOIN Grid g ON g.id = e.gridId`;

type LedgerRowOut = {
  number: string;
  enterpriseId: string;
  location: string | null;
  title: string;
  description: string | null;
  category: string;
  grade: string;
  basis: string | null;
  source: string;
  status: string;
  supervised: number;
  measures: string | null;
  funds: string | null;
  contingencyPlan: string | null;
  treatmentPlan: string | null;
  responsibleId: string | null;
  foundById: string | null;
  foundAt: string;
  deadline: string;
  rectifiedAt: string | null;
  closedAt: string | null;
  beforePhotos: number;
  afterPhotos: number;
};

/** A ticket as `TICKET_ROW` gives it. */
type TicketItems = [
  rowid: number,
  id: string,
  enterpriseId: string,
  source: number | string,
  grade: number | string,
  foundAt: number,
  deadline: number,
  closedAt: number | null,
];

const NO_EVENTS: readonly ReportTicketEvent[] = [];
const instant = (v: string) => new Date(v);
const maybeInstant = (v: string | null) => (v === null ? null : new Date(v));

/**
 * The rows report figures and the ledger are computed from. Reports read tens of thousands of rows,
 * so they go through statements prepared once on the connection, without the ORM's per-row cost.
 */
export class ReportStore {
  constructor(
    /** The ORM, for cold reads; the report itself goes through the prepared statements. */
    protected readonly db: Client,
    private readonly sql: Sql,
    /** Rows per page of tickets and events (tests read in pages of a few rows). */
    private readonly pageRows = PAGE_ROWS,
  ) {}

  /**
   * Enterprises in the filter, their submitted self-checks and the tickets found in the period
   * with their pass/return/reopen events, in four statements (and the area tree when narrowed to an area).
   * Each row is read once and turned into plain values without the ORM.
   */
  async figuresRows(filter: ReportFilter): Promise<ReportRows> {
    const params = this.params(filter);
    const pageRows = this.pageRows;
    const variant = params.areas === null && params.industry === null ? "all" : "narrowed";
    const enterprises = this.statement(ENTERPRISES).all(params) as EnterpriseRow[];
    // Instants as epoch ms: a report reads tens of thousands of them, and a `Date` each costs more
    // than the rest of the row (allocation, then garbage collection).
    const runs: ReportRun[] = [];
    for (const [enterpriseId, submittedAt] of this.jsonRows<[string, number]>(RUNS[variant], params))
      runs.push({ enterpriseId, submittedAt });
    const eventsOf = new Map<string, ReportTicketEvent[]>();
    const addEvents = (rows: [string, number | string, number][]) => {
      for (const [ticketId, kind, at] of rows) {
        const event = { kind: decoded(kind, EVENT_KINDS), at };
        const list = eventsOf.get(ticketId);
        if (list) list.push(event);
        else eventsOf.set(ticketId, [event]);
      }
    };
    const inPeriod = this.statement(TICKETS_IN_PERIOD).pluck().get(params) as number;
    const eventRows = this.statement(EVENT_ROWS).pluck().get() as number;
    if (inPeriod * LOOKUP_COST_IN_SCANNED_ROWS < eventRows)
      addEvents(this.jsonRows(EVENTS_OF_PERIOD, params));
    else
      for (let after = 0; after < eventRows; after += pageRows)
        addEvents(this.jsonRows(EVENTS_SCAN, { after, pageRows }));
    const ticketRows = this.statement(TICKET_ROWS).pluck().get() as number;
    const scan = inPeriod > ticketRows * SCAN_SHARE;
    const page = this.statement(TICKET_PAGES[scan ? "scan" : "lookup"][variant]).raw(true);
    const pageParams = { ...params, from: params.since, after: 0, pageRows };
    function* tickets(): Generator<ReportTicket> {
      for (;;) {
        const [json, majorsJson, lastAt] = page.get(pageParams) as [
          string | null,
          string | null,
          string | null,
        ];
        const rows = json === null ? [] : (JSON.parse(json) as TicketItems[]);
        const majors = new Map(
          majorsJson === null
            ? []
            : (JSON.parse(majorsJson) as [string, string, string][]).map(([id, ...m]) => [id, m]),
        );
        let lastFound = Number.NEGATIVE_INFINITY;
        let lastRowid = 0;
        for (const [rowid, id, enterpriseId, source, grade, foundAt, deadline, closedAt] of rows) {
          const gradeName = decoded(grade, Grades);
          const major = gradeName === "major" ? majors.get(id) : undefined;
          yield {
            number: major?.[0] ?? null,
            enterpriseId,
            source: decoded(source, TicketSources),
            grade: gradeName,
            title: major?.[1] ?? null,
            foundAt,
            deadline,
            closedAt,
            events: eventsOf.get(id) ?? NO_EVENTS,
          };
          // The key of the page's last ticket in (found at, rowid) order, whatever order the rows came in.
          if (foundAt > lastFound || (foundAt === lastFound && rowid > lastRowid)) {
            lastFound = foundAt;
            lastRowid = rowid;
          }
        }
        if (scan) {
          pageParams.after += pageRows;
          if (pageParams.after >= ticketRows) return;
        } else {
          if (rows.length < pageRows || lastAt === null) return;
          pageParams.from = lastAt;
          pageParams.after = lastRowid;
        }
      }
    }
    return { enterprises, runs, tickets: tickets() };
  }

  /**
   * Campaigns run (not cancelled, not skipped) whose days (opening to closing) meet the two days, with every run
   * submitted for them (first per enterprise) and the 提示卡 sent for them with each leader's areas.
   */
  async campaignRows(period: { from: LocalDate; to: LocalDate }): Promise<CampaignReportRows> {
    const rows = this.statement(CAMPAIGNS).all(period) as RawCampaign[];
    const campaigns = rows.map((r) =>
      toCampaign({
        ...r,
        provisional: r.provisional !== 0,
        selfCheck: r.selfCheck !== 0,
        createdAt: new Date(r.createdAt),
        cancelledAt: maybeInstant(r.cancelledAt),
      }),
    );
    return { campaigns, ...(await this.campaignActivity(campaigns.map((c) => c.id))) };
  }

  /** The area tree, by id. */
  async areas(): Promise<AreaNode[]> {
    return this.statement("SELECT id, name, parentId FROM Area ORDER BY id").all() as AreaNode[];
  }

  /** Runs submitted for the campaigns (first per enterprise) and the 提示卡 sent for them. */
  async campaignActivity(campaignIds: readonly string[]): Promise<Omit<CampaignReportRows, "campaigns">> {
    const ids = JSON.stringify(campaignIds);
    const campaignRuns = (
      this.statement(CAMPAIGN_RUNS).all({ ids }) as {
        campaignId: string;
        enterpriseId: string;
        submittedAt: string;
      }[]
    ).map((r) => ({ ...r, submittedAt: instant(r.submittedAt) }));
    const cards = (
      this.statement(CARDS).all({ ids }) as {
        campaignId: string;
        personId: string;
        firstSentAt: string;
        sends: number;
        acknowledgedAt: string | null;
        areas: string;
      }[]
    ).map((c) => ({
      campaignId: c.campaignId,
      personId: c.personId,
      firstSentAt: instant(c.firstSentAt),
      sends: c.sends,
      acknowledgedAt: maybeInstant(c.acknowledgedAt),
      areaIds: JSON.parse(c.areas) as string[],
    }));
    return { campaignRuns, cards };
  }

  /**
   * The ledger's tickets by number, one at a time: the caller writes each out before the next is
   * read, so memory does not grow with the ledger (only with the directory: enterprises and people,
   * whose names are looked up in maps). The connection is busy until the iteration ends.
   * (Iterable here; PostgreSQL's store reads it in pages, asynchronously.)
   */
  ledger(filter: ReportFilter): Iterable<LedgerTicket> | AsyncIterable<LedgerTicket> {
    return this.ledgerRows(filter);
  }

  private *ledgerRows(filter: ReportFilter): Generator<LedgerTicket> {
    const params = this.params(filter);
    const variant = params.areas === null && params.industry === null ? "all" : "narrowed";
    const enterprises = new Map(
      (
        this.statement(LEDGER_ENTERPRISES).all() as {
          id: string;
          name: string;
          creditCode: string;
          areaName: string;
          gridName: string | null;
        }[]
      ).map((e) => [e.id, e]),
    );
    const people = new Map(
      (this.statement("SELECT id, name FROM Person").raw(true).all() as [string, string][]).map(
        ([id, name]) => [id, name],
      ),
    );
    const name = (id: string | null) => (id === null ? null : (people.get(id) ?? null));
    const rows = this.sql
      .statement(LEDGER[variant] + LEDGER_ORDER)
      .iterate(params) as IterableIterator<LedgerRowOut>;
    for (const r of rows) {
      const e = enterprises.get(r.enterpriseId);
      if (!e) continue; // an enterprise always exists (foreign key); a row without one is not the ledger's
      yield {
        number: r.number,
        enterprise: e.name,
        creditCode: e.creditCode,
        areaName: e.areaName,
        gridName: e.gridName,
        location: r.location,
        title: r.title,
        description: r.description,
        category: r.category,
        grade: parseClosed("ticket grade", r.grade, isGrade),
        basis: r.basis,
        source: parseClosed("ticket source", r.source, isTicketSource),
        status: parseClosed("ticket status", r.status, isTicketStatus),
        supervised: r.supervised !== 0,
        measures: r.measures,
        funds: r.funds,
        contingencyPlan: r.contingencyPlan,
        treatmentPlan: r.treatmentPlan,
        responsible: name(r.responsibleId),
        foundBy: name(r.foundById),
        foundAt: instant(r.foundAt),
        deadline: instant(r.deadline),
        rectifiedAt: maybeInstant(r.rectifiedAt),
        closedAt: maybeInstant(r.closedAt),
        beforePhotos: r.beforePhotos,
        afterPhotos: r.afterPhotos,
      };
    }
  }

  /** The rows of a statement that returns them as one JSON array (none: NULL). */
  private jsonRows<R>(text: string, params: object): R[] {
    const json = this.statement(text).pluck().get(params) as string | null;
    return json === null ? [] : (JSON.parse(json) as R[]);
  }

  /**
   * A statement of this store. Its text is marked as the store's own, so the row mode set here
   * (`raw`, `pluck`) never reaches another store that prepares the same SQL.
   */
  private statement(text: string) {
    return this.sql.statement(`/* reports */ ${text}`);
  }

  /** The statements' parameters: the area's subtree as a JSON list, the industry, the period as text. */
  private params(filter: ReportFilter) {
    let areas: string | null = null;
    if (filter.area !== null) {
      const tree = this.statement("SELECT id, parentId FROM Area").all() as {
        id: string;
        parentId: string | null;
      }[];
      areas = JSON.stringify([...subtreeIds(tree, filter.area)]);
    }
    return {
      areas,
      industry: filter.industry,
      since: filter.since === null ? EARLIEST : dbInstant(filter.since),
      before: filter.before === null ? LATEST : dbInstant(filter.before),
    };
  }
}
