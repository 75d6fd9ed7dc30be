import type { Grade } from "../domain/checklist/checklist.ts";
import type { Scope } from "../domain/people/scope.ts";
import type {
  NewTicketEvent,
  Ticket,
  TicketChange,
  TicketEvent,
  TicketWithEnterprise,
} from "../domain/ticket/ticket.ts";
import {
  isGrade,
  isTicketEventKind,
  isTicketSource,
  isTicketStatus,
  type TicketSource,
  type TicketStatus,
  TicketStatuses,
} from "../domain/ticket/ticket-status.ts";
import type {
  Enterprise,
  Prisma,
  TicketEvent as TicketEventRow,
  Ticket as TicketRow,
} from "../generated/prisma/client.ts";
import { type Client, textContains } from "./client.ts";
import { type EnterpriseFilter, enterpriseWhere } from "./enterprise-store.ts";
import { parseClosed, toEnterprise } from "./rows.ts";

/** A ticket to open: everything but what the store or later work fills in. */
export type NewTicket = Omit<
  Ticket,
  | "id"
  | "measures"
  | "funds"
  | "contingencyPlan"
  | "treatmentPlan"
  | "rectifiedAt"
  | "closedAt"
  | "createdAt"
  | "updatedAt"
>;

/** Which tickets of a scope a list shows, in which order, how many at most. */
export type TicketListQuery = {
  statuses: readonly TicketStatus[];
  /** Only tickets of these grades; all grades when absent. */
  grades?: readonly Grade[];
  /** `deadline`: most urgent first; `longest_waiting`: least recently changed first. */
  order: "deadline" | "longest_waiting";
  limit: number;
};

/** Hazard tickets (隐患), their events and numbers. */
export class TicketStore {
  constructor(private readonly db: Client) {}

  /** A ticket by its human number, with its enterprise. */
  async byNumber(number: string): Promise<TicketWithEnterprise | null> {
    const row = await this.db.ticket.findUnique({ where: { number }, include: { enterprise: true } });
    return row ? toTicketWithEnterprise(row) : null;
  }

  async byId(id: string): Promise<TicketWithEnterprise | null> {
    const row = await this.db.ticket.findUnique({ where: { id }, include: { enterprise: true } });
    return row ? toTicketWithEnterprise(row) : null;
  }

  /** The ticket of a hazard of an enterprise that is not closed yet, if any (there is at most one). */
  async unclosedFor(enterpriseId: string, hazardKey: string): Promise<Ticket | null> {
    const row = await this.db.ticket.findFirst({
      where: { enterpriseId, hazardKey, status: { not: "closed" } },
    });
    return row ? toTicket(row) : null;
  }

  /** Every ticket not closed, with its enterprise, for the deadline sweep. */
  async unclosed(): Promise<TicketWithEnterprise[]> {
    const rows = await this.db.ticket.findMany({
      where: { status: { not: "closed" } },
      include: { enterprise: true },
    });
    return rows.map(toTicketWithEnterprise);
  }

  /** Tickets of enterprises inside a scope, in one of the statuses. */
  async listIn(scope: Scope, query: TicketListQuery): Promise<TicketWithEnterprise[]> {
    const rows = await this.db.ticket.findMany({
      where: {
        status: { in: [...query.statuses] },
        ...(query.grades ? { grade: { in: [...query.grades] } } : {}),
        enterprise: await enterpriseWhere(this.db, scope),
      },
      include: { enterprise: true },
      orderBy: query.order === "deadline" ? [{ deadline: "asc" }] : { updatedAt: "asc" },
      take: query.limit,
    });
    return rows.map(toTicketWithEnterprise);
  }

  /** How many tickets of enterprises inside a scope are in one of the statuses. */
  async countIn(scope: Scope, statuses: readonly TicketStatus[]): Promise<number> {
    return this.db.ticket.count({
      where: { status: { in: [...statuses] }, enterprise: await enterpriseWhere(this.db, scope) },
    });
  }

  /** The ledger by number, optionally of one status or one enterprise. */
  async listByNumber(
    filter: { status?: TicketStatus; enterpriseId?: string } = {},
  ): Promise<TicketWithEnterprise[]> {
    const rows = await this.db.ticket.findMany({
      where: { status: filter.status, enterpriseId: filter.enterpriseId },
      include: { enterprise: true },
      orderBy: { number: "asc" },
    });
    return rows.map(toTicketWithEnterprise);
  }

  /**
   * The next number in a year's sequence. The counter row is updated inside the caller's
   * transaction, so two tickets never share a number.
   */
  async nextSequence(year: number): Promise<number> {
    const name = `ticket:${year}`;
    const row = await this.db.counter.upsert({
      where: { name },
      create: { name, value: 1 },
      update: { value: { increment: 1 } },
    });
    return row.value;
  }

  /** Opens a ticket with its "opened" event. */
  async open(ticket: NewTicket, opened: Omit<NewTicketEvent, "ticketId" | "kind">): Promise<Ticket> {
    const row = await this.db.ticket.create({
      data: { ...ticket, events: { create: { ...opened, kind: "opened" } } },
    });
    return toTicket(row);
  }

  /** Moves a ticket to a status, setting the fields the transition brings. */
  async moveTo(ticketId: string, status: TicketStatus, change: TicketChange = {}): Promise<void> {
    await this.db.ticket.update({ where: { id: ticketId }, data: { ...change, status } });
  }

  /** Records an event; answers its id (evidence photos hang on it). */
  async addEvent(event: NewTicketEvent): Promise<string> {
    const row = await this.db.ticketEvent.create({ data: event, select: { id: true } });
    return row.id;
  }

  /** A ticket's history, oldest first. */
  async history(ticketId: string): Promise<TicketEvent[]> {
    const rows = await this.db.ticketEvent.findMany({ where: { ticketId }, orderBy: { at: "asc" } });
    return rows.map(toTicketEvent);
  }

  /** Who submitted the latest rectification, or null when none was submitted. */
  async lastSubmitter(ticketId: string): Promise<string | null> {
    const row = await this.db.ticketEvent.findFirst({
      where: { ticketId, kind: "submitted" },
      orderBy: { at: "desc" },
    });
    return row?.actorId ?? null;
  }

  /**
   * One page of the tickets of a scope that match a search (the console's ledger), newest found
   * first (or most urgent first), with how many match in all.
   */
  async search(
    scope: Scope,
    search: TicketSearch,
    page: { offset: number; limit: number; order?: "newest" | "deadline" },
  ): Promise<{ total: number; tickets: TicketWithEnterprise[] }> {
    const where = await this.searchWhere(scope, search);
    const [total, rows] = await Promise.all([
      this.db.ticket.count({ where }),
      this.db.ticket.findMany({
        where,
        include: { enterprise: true },
        orderBy:
          page.order === "deadline"
            ? [{ deadline: "asc" }, { number: "asc" }]
            : [{ foundAt: "desc" }, { number: "desc" }],
        skip: page.offset,
        take: page.limit,
      }),
    ]);
    return { total, tickets: rows.map(toTicketWithEnterprise) };
  }

  /** The numbers of every ticket of a scope that matches a search (to narrow an export). */
  async numbersMatching(scope: Scope, search: TicketSearch): Promise<Set<string>> {
    const rows = await this.db.ticket.findMany({
      where: await this.searchWhere(scope, search),
      select: { number: true },
    });
    return new Set(rows.map((r) => r.number));
  }

  /** When the tickets of a scope found between two instants were found, and closed (销号) if they are. */
  async foundBetween(
    scope: Scope,
    search: Pick<TicketSearch, "industry" | "areaIds">,
    since: Date,
    before: Date,
  ): Promise<{ foundAt: Date; closedAt: Date | null }[]> {
    const enterprise = narrowing(await enterpriseWhere(this.db, scope, enterpriseFilterOf(search)));
    return this.db.ticket.findMany({
      where: { enterprise, foundAt: { gte: since, lt: before } },
      select: { foundAt: true, closedAt: true },
    });
  }

  private async searchWhere(scope: Scope, search: TicketSearch): Promise<Prisma.TicketWhereInput> {
    const and: Prisma.TicketWhereInput[] = [];
    const enterprise = narrowing(await enterpriseWhere(this.db, scope, enterpriseFilterOf(search)));
    if (enterprise) and.push({ enterprise });
    if (search.statuses) and.push({ status: { in: [...search.statuses] } });
    if (search.grade) and.push({ grade: search.grade });
    if (search.source) and.push({ source: search.source });
    // "Not closed" as the list of the other statuses: the (status, deadline) index then serves it.
    if (search.overdueAt)
      and.push({
        status: { in: TicketStatuses.filter((s) => s !== "closed") },
        deadline: { lt: search.overdueAt },
      });
    if (search.foundSince) and.push({ foundAt: { gte: search.foundSince } });
    if (search.foundBefore) and.push({ foundAt: { lt: search.foundBefore } });
    const text = search.text?.trim();
    if (text) {
      const contains = textContains(this.db, text);
      and.push({
        OR: [
          { number: contains },
          { title: contains },
          { description: contains },
          { location: contains },
          { enterprise: { name: contains } },
        ],
      });
    }
    return { AND: and };
  }
}

/** A ticket row as the domain's Ticket; closed-set columns are parsed, never cast. */
export function toTicket(row: TicketRow): Ticket {
  return {
    id: row.id,
    number: row.number,
    enterpriseId: row.enterpriseId,
    hazardKey: row.hazardKey,
    source: parseClosed("ticket source", row.source, isTicketSource),
    ruleId: row.ruleId,
    runId: row.runId,
    campaignId: row.campaignId,
    title: row.title,
    description: row.description,
    location: row.location,
    category: row.category,
    grade: parseClosed("ticket grade", row.grade, isGrade),
    basis: row.basis,
    status: parseClosed("ticket status", row.status, isTicketStatus),
    supervised: row.supervised,
    measures: row.measures,
    funds: row.funds,
    contingencyPlan: row.contingencyPlan,
    treatmentPlan: row.treatmentPlan,
    responsibleId: row.responsibleId,
    foundById: row.foundById,
    foundAt: row.foundAt,
    deadline: row.deadline,
    rectifiedAt: row.rectifiedAt,
    closedAt: row.closedAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** A ticket row with its enterprise, as the domain's types. */
export function toTicketWithEnterprise(row: TicketRow & { enterprise: Enterprise }): TicketWithEnterprise {
  return { ...toTicket(row), enterprise: toEnterprise(row.enterprise) };
}

const statusOrNull = (column: string, v: string | null): TicketStatus | null =>
  v === null ? null : parseClosed(column, v, isTicketStatus);

function toTicketEvent(row: TicketEventRow): TicketEvent {
  return {
    id: row.id,
    ticketId: row.ticketId,
    kind: parseClosed("ticket event kind", row.kind, isTicketEventKind),
    fromStatus: statusOrNull("ticket event from-status", row.fromStatus),
    toStatus: statusOrNull("ticket event to-status", row.toStatus),
    actorId: row.actorId,
    channel: row.channel,
    note: row.note,
    at: row.at,
  };
}

/** What the console's ledger narrows tickets to, beside the viewer's scope; every part is optional. */
export type TicketSearch = {
  statuses?: readonly TicketStatus[];
  grade?: Grade;
  source?: TicketSource;
  industry?: string;
  /** Enterprises of these areas and every area below them. */
  areaIds?: readonly string[];
  /** Not closed with a deadline before this instant (overdue now). */
  overdueAt?: Date;
  /** Found at or after this instant. */
  foundSince?: Date;
  /** Found before this instant. */
  foundBefore?: Date;
  /** Part of the number, title, description, location or enterprise name. */
  text?: string;
};

function enterpriseFilterOf(search: Pick<TicketSearch, "industry" | "areaIds">): EnterpriseFilter {
  return {
    ...(search.areaIds ? { areaIds: search.areaIds } : {}),
    ...(search.industry ? { industry: search.industry } : {}),
  };
}

/** An enterprise filter that narrows something, or undefined for "every enterprise" (no join then). */
function narrowing(where: Prisma.EnterpriseWhereInput): Prisma.EnterpriseWhereInput | undefined {
  return Array.isArray(where.AND) && where.AND.length === 0 ? undefined : where;
}
