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
const FIGURE_EVENTS = ["passed", "returned", "reopened"];

/** On-site inspections (检查): teams, findings, documents, measures, and their number series. */
export class InspectionStore {
  constructor(private readonly db: Client) {}

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
    const rows = await this.db.inspection.findMany({
      where: {
        submittedAt: { gte: bounds.start, lt: bounds.endExclusive },
        enterprise: await enterpriseWhere(this.db, { kind: "all" }, filter),
      },
      include: {
        members: { select: { role: true } },
        documents: { select: { type: true } },
        measures: { select: { kind: true, amountFen: true } },
        findings: {
          select: {
            onSpot: true,
            ticket: {
              include: {
                events: { where: { kind: { in: FIGURE_EVENTS } }, select: { kind: true, at: true } },
              },
            },
          },
        },
      },
      orderBy: { submittedAt: "asc" },
    });
    return rows.map((r) => ({
      kind: r.kind,
      enterpriseId: r.enterpriseId,
      submittedAt: r.submittedAt,
      members: r.members,
      outsideExperts: r.outsideExperts,
      outsideStaff: r.outsideStaff,
      documents: r.documents,
      measures: r.measures,
      findings: r.findings.map((f) => ({
        onSpot: f.onSpot,
        ticket: {
          number: f.ticket.number,
          enterpriseId: f.ticket.enterpriseId,
          source: f.ticket.source,
          grade: f.ticket.grade,
          title: f.ticket.title,
          foundAt: f.ticket.foundAt,
          deadline: f.ticket.deadline,
          closedAt: f.ticket.closedAt,
          events: f.ticket.events,
        },
      })),
    }));
  }
}

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
