import { AppError } from "../../domain/app-error.ts";
import { computeReport, type Report } from "../../domain/statistics/compute-report.ts";
import type { AppDeps } from "../app-deps.ts";
import { resolveScope } from "./report-scope.ts";

/** A report request: a period (both days included, Asia/Shanghai) and optional narrowing. */
export type ReportRequest = { from: string; to: string; area?: string | null; industry?: string | null };

/**
 * The report figures for a period, read from the database in five queries (areas, enterprises,
 * submitted runs, tickets with their pass/return/reopen events) and computed by the pure domain.
 */
export async function buildReport(deps: AppDeps, request: ReportRequest): Promise<Report> {
  const scope = await resolveScope(deps.db, request);
  if (scope.from === null || scope.to === null || scope.foundAtWhere === undefined)
    throw new AppError("invalid_input", "--from and --to are required");
  const { db } = deps;
  const period = scope.foundAtWhere;
  const enterprises = await db.enterprise.findMany({
    where: scope.enterpriseWhere,
    select: { id: true, name: true, industry: true, areaId: true },
  });
  const runs = await db.selfCheckRun.findMany({
    where: { status: "submitted", submittedAt: period, enterprise: scope.enterpriseWhere },
    select: { enterpriseId: true, submittedAt: true },
  });
  const tickets = await db.ticket.findMany({
    where: { foundAt: period, enterprise: scope.enterpriseWhere },
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
  return computeReport({
    period: { from: scope.from, to: scope.to },
    filters: { area: scope.area, industry: scope.industry },
    areas: scope.areas,
    enterprises,
    runs: runs.flatMap((r) =>
      r.submittedAt ? [{ enterpriseId: r.enterpriseId, submittedAt: r.submittedAt }] : [],
    ),
    tickets,
    now: deps.clock.now(),
  });
}
