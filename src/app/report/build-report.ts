import { AppError } from "../../domain/app-error.ts";
import { computeReport, type Report } from "../../domain/statistics/compute-report.ts";
import {
  computeInspectionReport,
  type InspectionReport,
} from "../../domain/statistics/inspection-figures.ts";
import { periodBounds } from "../../domain/statistics/report-period.ts";
import type { AppDeps } from "../app-deps.ts";
import { resolveScope } from "./report-scope.ts";

/** The report figures with the on-site inspections of the period (检查组次, 人次, 家次, enforcement). */
export type FullReport = Report & { inspections: InspectionReport };

/** A report request: a period (both days included, Asia/Shanghai) and optional narrowing. */
export type ReportRequest = { from: string; to: string; area?: string | null; industry?: string | null };

/**
 * The report figures for a period, read from the database in a few statements (areas, enterprises,
 * submitted runs, tickets with their pass/return/reopen events, the campaigns of the period with
 * their runs and 提示卡) and computed by the pure domain in one pass.
 */
export async function buildReport(deps: AppDeps, request: ReportRequest): Promise<FullReport> {
  const now = deps.clock.now();
  // The tickets stream from the database into the one pass, so it runs inside the read.
  return deps.uow.read(async (s) => {
    const scope = await resolveScope(s, request);
    if (scope.from === null || scope.to === null)
      throw new AppError("invalid_input", "--from and --to are required");
    const period = { from: scope.from, to: scope.to };
    const campaignRows = await s.reports.campaignRows(period);
    const rows = await s.reports.figuresRows(scope);
    const filters = { area: scope.area, industry: scope.industry };
    const report = computeReport({ period, filters, areas: scope.areas, ...rows, ...campaignRows, now });
    const inspections = computeInspectionReport({
      period,
      filters,
      areas: scope.areas,
      enterprises: rows.enterprises,
      inspections: await s.inspections.figureRows(periodBounds(period), {
        ...(scope.area !== null ? { areaIds: [scope.area] } : {}),
        ...(scope.industry !== null ? { industry: scope.industry } : {}),
      }),
      kindOrder: deps.content.inspections.kinds.map((k) => k.id),
      now,
    });
    // The inspections section sits before the generation time, as the figures it belongs with.
    const { generatedAt, ...figures } = report;
    return { ...figures, inspections, generatedAt };
  });
}
