import type { EnterpriseRow } from "../domain/statistics/compute-report.ts";
import type { RunRow, TicketRow } from "../domain/statistics/report-figures.ts";
import type { TicketWithEnterprise } from "../domain/ticket/ticket.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import type { TicketPhotoPurpose } from "./attachment-store.ts";
import type { Client } from "./client.ts";
import { enterpriseWhere } from "./enterprise-store.ts";
import { toTicketWithEnterprise } from "./ticket-store.ts";

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

/** The rows the report figures are computed from. */
export type ReportRows = { enterprises: EnterpriseRow[]; runs: RunRow[]; tickets: TicketRow[] };

/** A ledger ticket with its enterprise and the names of the enterprise's area and grid. */
export type LedgerTicket = TicketWithEnterprise & { areaName: string; gridName: string | null };

/** A photo on a ledger ticket, hung on the ticket itself or on one of its events. */
export type LedgerPhoto = { ticketId: string; purpose: TicketPhotoPurpose };

/** The rows report figures and the ledger are computed from. */
export class ReportStore {
  constructor(private readonly db: Client) {}

  /**
   * Enterprises in the filter, their submitted self-checks and the tickets found in the period
   * with their pass/return/reopen events, in three queries (and the area tree when narrowed to an area).
   */
  async figuresRows(filter: ReportFilter): Promise<ReportRows> {
    const enterprise = await this.enterpriseFilter(filter);
    const period = periodOf(filter);
    const enterprises = await this.db.enterprise.findMany({
      where: enterprise,
      select: { id: true, name: true, industry: true, areaId: true },
    });
    const runs = await this.db.selfCheckRun.findMany({
      where: { status: "submitted", submittedAt: period, enterprise },
      select: { enterpriseId: true, submittedAt: true },
    });
    const tickets = await this.db.ticket.findMany({
      where: { foundAt: period, enterprise },
      select: {
        number: true,
        enterpriseId: true,
        source: true,
        grade: true,
        title: true,
        foundAt: true,
        deadline: true,
        closedAt: true,
        events: {
          where: { kind: { in: ["passed", "returned", "reopened"] } },
          select: { kind: true, at: true },
        },
      },
    });
    return {
      enterprises,
      runs: runs.flatMap((r) =>
        r.submittedAt ? [{ enterpriseId: r.enterpriseId, submittedAt: r.submittedAt }] : [],
      ),
      tickets,
    };
  }

  /**
   * The ledger's tickets by number, with their enterprise, its area and grid, and their before
   * and after photos (hung on the ticket or on one of its events).
   */
  async ledger(filter: ReportFilter): Promise<{ tickets: LedgerTicket[]; photos: LedgerPhoto[] }> {
    const where: Prisma.TicketWhereInput = {
      foundAt: periodOf(filter),
      enterprise: await this.enterpriseFilter(filter),
    };
    const rows = await this.db.ticket.findMany({
      where,
      include: { enterprise: { include: { area: true, grid: true } } },
      orderBy: { number: "asc" },
    });
    const photos = await this.db.attachment.findMany({
      where: {
        purpose: { in: ["hazard", "rectification"] },
        OR: [{ ticket: where }, { ticketEvent: { ticket: where } }],
      },
      select: { purpose: true, ticketId: true, ticketEvent: { select: { ticketId: true } } },
    });
    return {
      tickets: rows.map((t) => ({
        ...toTicketWithEnterprise(t),
        areaName: t.enterprise.area.name,
        gridName: t.enterprise.grid?.name ?? null,
      })),
      photos: photos.flatMap((p): LedgerPhoto[] => {
        const ticketId = p.ticketId ?? p.ticketEvent?.ticketId;
        if (!ticketId) return [];
        return [{ ticketId, purpose: p.purpose === "hazard" ? "hazard" : "rectification" }];
      }),
    };
  }

  private enterpriseFilter(filter: ReportFilter): Promise<Prisma.EnterpriseWhereInput> {
    return enterpriseWhere(
      this.db,
      { kind: "all" },
      {
        ...(filter.area === null ? {} : { areaIds: [filter.area] }),
        ...(filter.industry === null ? {} : { industry: filter.industry }),
      },
    );
  }
}

/** The period as a date filter; none when neither end is given. */
function periodOf(filter: ReportFilter): Prisma.DateTimeFilter | undefined {
  if (filter.since === null && filter.before === null) return undefined;
  return {
    ...(filter.since === null ? {} : { gte: filter.since }),
    ...(filter.before === null ? {} : { lt: filter.before }),
  };
}
