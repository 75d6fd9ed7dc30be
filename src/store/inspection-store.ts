import { type AreaNode, subtreeIds } from "../domain/area/area-tree.ts";
import {
  type InspectionRecord,
  type InspectionSummary,
  isMeasureKind,
  type MeasureKind,
  type SiteLocation,
} from "../domain/inspection/inspection.ts";
import type { Role } from "../domain/people/role.ts";
import { isRole } from "../domain/people/role.ts";
import type { Scope } from "../domain/people/scope.ts";
import type { InspectionRow } from "../domain/statistics/inspection-figures.ts";
import type { PeriodBounds } from "../domain/statistics/report-period.ts";
import { isGrade } from "../domain/ticket/ticket-status.ts";
import type { Client } from "./client.ts";
import { enterpriseWhere } from "./enterprise-store.ts";
import { parseClosed } from "./rows.ts";
import { dbInstant, fromDbInstant, type Sql } from "./sql.ts";

/** An inspection to record at submission, with everything it found, issued and took. */
export type NewInspection = {
  number: string;
  kind: string;
  enterpriseId: string;
  campaignId: string | null;
  channel: string;
  startedAt: Date;
  submittedAt: Date;
  outsideExperts: number;
  outsideStaff: number;
  location: SiteLocation | null;
  note: string | null;
  members: { personId: string; role: Role; lead: boolean }[];
  findings: { ticketId: string; seq: number; onSpot: boolean; newTicket: boolean }[];
  documents: { type: string; number: string }[];
  measures: { kind: MeasureKind; amountFen: number | null }[];
};

/** What the ledger narrows inspections to: the viewer's scope, area (and below), industry, two instants. */
export type InspectionLedgerFilter = {
  scope?: Scope;
  areaIds?: readonly string[];
  industry?: string;
  /** Submitted (or, for tickets, found) at or after this instant. */
  since: Date | null;
  /** Submitted (or found) before this instant. */
  before: Date | null;
};

/** An inspection as the ledger shows it: one row of 检查记录, or the team of a ticket it opened. */
export type LedgerInspection = {
  id: string;
  number: string;
  kind: string;
  submittedAt: Date;
  enterprise: string;
  industry: string;
  area: string;
  /** Members with an account, the leader first, then by name. */
  team: { name: string; lead: boolean }[];
  outsideExperts: number;
  outsideStaff: number;
  findings: number;
  onSpot: number;
  documents: { type: string; number: string }[];
  measures: { kind: MeasureKind; amountFen: number | null }[];
  note: string | null;
};

const LEDGER_INCLUDE = {
  enterprise: { select: { name: true, industry: true, area: { select: { name: true } } } },
  members: { select: { lead: true, person: { select: { name: true } } } },
  findings: { select: { onSpot: true } },
  documents: { select: { type: true, number: true }, orderBy: { number: "asc" } },
  measures: { select: { kind: true, amountFen: true } },
} as const;

/** Ticket events the figures read (closures, returns, reopenings). */
export const FIGURE_EVENTS = ["passed", "returned", "reopened"];

/** On-site inspections (检查): teams, findings, documents, measures, and their number series. */
export class InspectionStore {
  constructor(
    private readonly db: Client,
    private readonly sql: Sql,
  ) {}

  /** The next number of a series in a year (inspections, or one document type by its prefix). */
  async nextSequence(series: string, year: number): Promise<number> {
    const name = `${series}:${year}`;
    const row = await this.db.counter.upsert({
      where: { name },
      create: { name, value: 1 },
      update: { value: { increment: 1 } },
    });
    return row.value;
  }

  /** Records a submitted inspection; tickets it opened point back to it. */
  async create(inspection: NewInspection): Promise<string> {
    const { members, findings, documents, measures, location, ...fields } = inspection;
    const row = await this.db.inspection.create({
      data: {
        ...fields,
        latitude: location?.latitude ?? null,
        longitude: location?.longitude ?? null,
        locationLabel: location?.label ?? null,
        members: { create: members },
        findings: { create: findings },
        documents: { create: documents.map((d) => ({ ...d, issuedAt: inspection.submittedAt })) },
        measures: { create: measures },
      },
      select: { id: true },
    });
    const opened = findings.filter((f) => f.newTicket).map((f) => f.ticketId);
    if (opened.length > 0)
      await this.db.ticket.updateMany({ where: { id: { in: opened } }, data: { inspectionId: row.id } });
    return row.id;
  }

  /** The inspections a person led or joined, newest first. */
  async recentOf(personId: string, limit: number): Promise<InspectionSummary[]> {
    const rows = await this.db.inspection.findMany({
      where: { members: { some: { personId } } },
      include: { enterprise: { select: { name: true } }, _count: { select: { findings: true } } },
      orderBy: [{ submittedAt: "desc" }, { number: "desc" }],
      take: limit,
    });
    return rows.map((r) => ({
      id: r.id,
      number: r.number,
      kind: r.kind,
      enterpriseName: r.enterprise.name,
      submittedAt: r.submittedAt,
      findings: r._count.findings,
    }));
  }

  /** One inspection with its team, findings (and their tickets as they are now), documents and measures. */
  async byNumber(number: string): Promise<InspectionRecord | null> {
    const r = await this.db.inspection.findUnique({
      where: { number },
      include: {
        enterprise: { select: { name: true } },
        members: { include: { person: { select: { name: true } } }, orderBy: [{ lead: "desc" }] },
        findings: { include: { ticket: true }, orderBy: { seq: "asc" } },
        documents: { orderBy: { number: "asc" } },
        measures: true,
      },
    });
    if (!r) return null;
    return {
      id: r.id,
      number: r.number,
      kind: r.kind,
      enterpriseId: r.enterpriseId,
      enterpriseName: r.enterprise.name,
      submittedAt: r.submittedAt,
      findings: r.findings.length,
      team: r.members.map((m) => ({
        personId: m.personId,
        name: m.person.name,
        role: parseClosed("inspection member role", m.role, isRole),
        lead: m.lead,
      })),
      outsideExperts: r.outsideExperts,
      outsideStaff: r.outsideStaff,
      location:
        r.latitude !== null && r.longitude !== null
          ? { latitude: r.latitude, longitude: r.longitude, label: r.locationLabel }
          : null,
      note: r.note,
      findingList: r.findings.map((f) => ({
        ticketNumber: f.ticket.number,
        title: f.ticket.title,
        grade: parseClosed("ticket grade", f.ticket.grade, isGrade),
        status: f.ticket.status,
        deadline: f.ticket.deadline,
        onSpot: f.onSpot,
      })),
      documents: r.documents.map((d) => ({ type: d.type, number: d.number })),
      measures: r.measures.map((m) => ({
        kind: parseClosed("inspection measure", m.kind, isMeasureKind),
        amountFen: m.amountFen,
      })),
    };
  }

  /**
   * The inspections of the ledger's second sheet (检查记录): submitted between two instants, of
   * enterprises in the scope, area and industry, oldest first. Read a page at a time, each handed on
   * before the next is read, so memory does not grow with their number.
   */
  async *ledgerInspections(filter: InspectionLedgerFilter, pageSize = 200): AsyncGenerator<LedgerInspection> {
    const where = {
      submittedAt: this.between(filter),
      enterprise: await this.enterpriseFilter(filter),
    };
    let cursor: string | null = null;
    for (;;) {
      const page: LedgerInspectionRow[] = await this.db.inspection.findMany({
        where,
        include: LEDGER_INCLUDE,
        orderBy: [{ submittedAt: "asc" }, { id: "asc" }],
        take: pageSize,
        ...(cursor === null ? {} : { cursor: { id: cursor }, skip: 1 }),
      });
      for (const r of page) yield toLedgerInspection(r);
      const last: LedgerInspectionRow | undefined = page.at(-1);
      if (last === undefined || page.length < pageSize) return;
      cursor = last.id;
    }
  }

  /**
   * The inspections that opened the ledger's tickets (found between two instants, of enterprises in
   * the scope, area and industry), by ticket number. Read before the ledger's rows, whose statement
   * holds the connection while it streams; its size follows the tickets inspections opened.
   */
  async ticketInspections(filter: InspectionLedgerFilter): Promise<Map<string, LedgerInspection>> {
    const enterprise = await this.enterpriseFilter(filter);
    const inspections = await this.db.inspection.findMany({
      where: { tickets: { some: { foundAt: this.between(filter), enterprise } } },
      include: { ...LEDGER_INCLUDE, tickets: { select: { number: true } } },
    });
    const byTicket = new Map<string, LedgerInspection>();
    for (const { tickets, ...r } of inspections) {
      const inspection = toLedgerInspection(r);
      for (const t of tickets) byTicket.set(t.number, inspection);
    }
    return byTicket;
  }

  private between(filter: InspectionLedgerFilter) {
    return {
      ...(filter.since !== null ? { gte: filter.since } : {}),
      ...(filter.before !== null ? { lt: filter.before } : {}),
    };
  }

  private enterpriseFilter(filter: InspectionLedgerFilter) {
    return enterpriseWhere(this.db, filter.scope ?? { kind: "all" }, {
      ...(filter.areaIds !== undefined ? { areaIds: filter.areaIds } : {}),
      ...(filter.industry !== undefined ? { industry: filter.industry } : {}),
    });
  }

  /**
   * The inspections submitted in a period, as the figures read them, of enterprises in the given
   * areas (and everything below them) and industry. Findings come with their tickets' events, so
   * the figures can read each closure at the report moment.
   */
  async figureRows(
    bounds: PeriodBounds,
    filter: { areaIds?: readonly string[]; industry?: string } = {},
  ): Promise<InspectionRow[]> {
    // Prepared statements, one per kind of row, so that a report never loads the ORM.
    let areas: string | null = null;
    if (filter.areaIds !== undefined) {
      const tree = this.sql.statement("SELECT id, parentId FROM Area").all() as AreaNode[];
      areas = JSON.stringify([...subtreeIds(tree, filter.areaIds)]);
    }
    const inspections = this.sql.statement(FIGURE_INSPECTIONS).all({
      since: dbInstant(bounds.start),
      before: dbInstant(bounds.endExclusive),
      areas,
      industry: filter.industry ?? null,
    }) as {
      id: string;
      kind: string;
      enterpriseId: string;
      submittedAt: string;
      outsideExperts: number;
      outsideStaff: number;
    }[];
    if (inspections.length === 0) return [];
    const ids = JSON.stringify(inspections.map((i) => i.id));
    const members = groupBy(
      this.sql.statement(FIGURE_MEMBERS).all(ids) as { inspectionId: string; role: string }[],
    );
    const documents = groupBy(
      this.sql.statement(FIGURE_DOCUMENTS).all(ids) as { inspectionId: string; type: string }[],
    );
    const measures = groupBy(
      this.sql.statement(FIGURE_MEASURES).all(ids) as {
        inspectionId: string;
        kind: string;
        amountFen: number | null;
      }[],
    );
    const events = new Map<string, { kind: string; at: Date }[]>();
    for (const e of this.sql.statement(FIGURE_FINDING_EVENTS).all(ids) as {
      ticketId: string;
      kind: string;
      at: string;
    }[]) {
      const list = events.get(e.ticketId) ?? [];
      list.push({ kind: e.kind, at: fromDbInstant(e.at) });
      events.set(e.ticketId, list);
    }
    const findings = groupBy(this.sql.statement(FIGURE_FINDINGS).all(ids) as FindingOut[]);
    return inspections.map((r) => ({
      kind: r.kind,
      enterpriseId: r.enterpriseId,
      submittedAt: fromDbInstant(r.submittedAt),
      members: (members.get(r.id) ?? []).map(({ role }) => ({ role })),
      outsideExperts: r.outsideExperts,
      outsideStaff: r.outsideStaff,
      documents: (documents.get(r.id) ?? []).map(({ type }) => ({ type })),
      measures: (measures.get(r.id) ?? []).map(({ kind, amountFen }) => ({ kind, amountFen })),
      findings: (findings.get(r.id) ?? []).map((f) => ({
        onSpot: f.onSpot !== 0,
        ticket: {
          number: f.number,
          enterpriseId: f.enterpriseId,
          source: f.source,
          grade: f.grade,
          title: f.title,
          foundAt: fromDbInstant(f.foundAt),
          deadline: fromDbInstant(f.deadline),
          closedAt: f.closedAt === null ? null : fromDbInstant(f.closedAt),
          events: events.get(f.ticketId) ?? [],
        },
      })),
    }));
  }
}

/** Rows of several inspections by inspection id, in the order read. */
function groupBy<T extends { inspectionId: string }>(rows: readonly T[]): Map<string, T[]> {
  const by = new Map<string, T[]>();
  for (const r of rows) {
    const list = by.get(r.inspectionId);
    if (list) list.push(r);
    else by.set(r.inspectionId, [r]);
  }
  return by;
}

/** Inspections submitted in a period, of enterprises in `@areas` (a JSON list, or null) and `@industry`. */
const FIGURE_INSPECTIONS = `SELECT i.id, i.kind, i.enterpriseId, i.submittedAt, i.outsideExperts, i.outsideStaff
  FROM Inspection i JOIN Enterprise e ON e.id = i.enterpriseId
  WHERE i.submittedAt >= @since AND i.submittedAt < @before
    AND (@areas IS NULL OR e.areaId IN (SELECT value FROM json_each(@areas)))
    AND (@industry IS NULL OR e.industry = @industry)
  ORDER BY i.submittedAt`;
/** The rows of the inspections in a JSON list of ids. */
const OF_INSPECTIONS = "inspectionId IN (SELECT value FROM json_each(?))";
const FIGURE_MEMBERS = `SELECT inspectionId, role FROM InspectionMember WHERE ${OF_INSPECTIONS}`;
const FIGURE_DOCUMENTS = `SELECT inspectionId, type FROM InspectionDocument WHERE ${OF_INSPECTIONS}`;
const FIGURE_MEASURES = `SELECT inspectionId, kind, amountFen FROM InspectionMeasure WHERE ${OF_INSPECTIONS}`;
const FIGURE_FINDINGS = `SELECT f.inspectionId, f.onSpot, f.ticketId, t.number, t.enterpriseId, t.source, t.grade,
    t.title, t.foundAt, t.deadline, t.closedAt
  FROM InspectionFinding f JOIN Ticket t ON t.id = f.ticketId WHERE f.${OF_INSPECTIONS}`;
const FIGURE_FINDING_EVENTS = `SELECT ticketId, kind, at FROM TicketEvent
  WHERE ticketId IN (SELECT ticketId FROM InspectionFinding WHERE ${OF_INSPECTIONS})
    AND kind IN (${FIGURE_EVENTS.map((k) => `'${k}'`).join(", ")})
  ORDER BY rowid`;

type FindingOut = {
  inspectionId: string;
  onSpot: number;
  ticketId: string;
  number: string;
  enterpriseId: string;
  source: string;
  grade: string;
  title: string;
  foundAt: string;
  deadline: string;
  closedAt: string | null;
};

type LedgerInspectionRow = {
  id: string;
  number: string;
  kind: string;
  submittedAt: Date;
  outsideExperts: number;
  outsideStaff: number;
  note: string | null;
  enterprise: { name: string; industry: string; area: { name: string } };
  members: { lead: boolean; person: { name: string } }[];
  findings: { onSpot: boolean }[];
  documents: { type: string; number: string }[];
  measures: { kind: string; amountFen: number | null }[];
};

function toLedgerInspection(r: LedgerInspectionRow): LedgerInspection {
  return {
    id: r.id,
    number: r.number,
    kind: r.kind,
    submittedAt: r.submittedAt,
    enterprise: r.enterprise.name,
    industry: r.enterprise.industry,
    area: r.enterprise.area.name,
    team: r.members
      .map((m) => ({ name: m.person.name, lead: m.lead }))
      .sort((a, b) => Number(b.lead) - Number(a.lead) || a.name.localeCompare(b.name, "zh")),
    outsideExperts: r.outsideExperts,
    outsideStaff: r.outsideStaff,
    findings: r.findings.length,
    onSpot: r.findings.filter((f) => f.onSpot).length,
    documents: r.documents,
    measures: r.measures.map((m) => ({
      kind: parseClosed("inspection measure", m.kind, isMeasureKind),
      amountFen: m.amountFen,
    })),
    note: r.note,
  };
}
