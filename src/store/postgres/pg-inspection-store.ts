import type { InspectionRow } from "../../domain/statistics/inspection-figures.ts";
import type { PeriodBounds } from "../../domain/statistics/report-period.ts";
import type { Client } from "../client.ts";
import { enterpriseWhere } from "../enterprise-store.ts";
import { FIGURE_EVENTS, InspectionStore } from "../inspection-store.ts";
import { NO_SQLITE } from "../sql.ts";

/**
 * Inspections on PostgreSQL: the figures' rows, which SQLite reads through prepared statements
 * (so that a report never loads the ORM), come through the ORM here, where it is loaded anyway.
 */
export class PgInspectionStore extends InspectionStore {
  constructor(private readonly pgDb: Client) {
    super(pgDb, NO_SQLITE);
  }

  override async figureRows(
    bounds: PeriodBounds,
    filter: { areaIds?: readonly string[]; industry?: string } = {},
  ): Promise<InspectionRow[]> {
    const rows = await this.pgDb.inspection.findMany({
      where: {
        submittedAt: { gte: bounds.start, lt: bounds.endExclusive },
        enterprise: await enterpriseWhere(this.pgDb, { kind: "all" }, filter),
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
                events: {
                  where: { kind: { in: [...FIGURE_EVENTS] } },
                  select: { kind: true, at: true },
                  orderBy: [{ at: "asc" }, { id: "asc" }],
                },
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
