import { AppError } from "../../domain/app-error.ts";
import { computeReport, type Report } from "../../domain/statistics/compute-report.ts";
import type { AppDeps } from "../app-deps.ts";
import { resolveScope } from "./report-scope.ts";

/** A report request: a period (both days included, Asia/Shanghai) and optional narrowing. */
export type ReportRequest = { from: string; to: string; area?: string | null; industry?: string | null };

/**
 * The report figures for a period, read from the database in a few queries (areas, enterprises,
 * submitted runs, tickets with their pass/return/reopen events) and computed by the pure domain.
 */
export async function buildReport(deps: AppDeps, request: ReportRequest): Promise<Report> {
  const { period, scope, rows } = await deps.uow.read(async (s) => {
    const scope = await resolveScope(s, request);
    if (scope.from === null || scope.to === null)
      throw new AppError("invalid_input", "--from and --to are required");
    return { period: { from: scope.from, to: scope.to }, scope, rows: await s.reports.figuresRows(scope) };
  });
  return computeReport({
    period,
    filters: { area: scope.area, industry: scope.industry },
    areas: scope.areas,
    ...rows,
    now: deps.clock.now(),
  });
}
