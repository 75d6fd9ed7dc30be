import { computeReport, type Report } from "../../domain/statistics/compute-report.ts";
import type { AppDeps } from "../app-deps.ts";
import { resolveScope } from "../report/report-scope.ts";
import type { ConsoleSelection } from "./console-selection.ts";
import type { Viewer } from "./viewer.ts";

/**
 * The report figures of a grid worker's grids or of a head's own enterprise: the same rows and the
 * same computation as `buildReport` (so the figures mean exactly what the report's mean), over the
 * enterprises the viewer's scope holds. Admins and leaders get `buildReport` itself, which is what
 * `xunjian report --format json` prints; the command has no grid or enterprise option.
 */
export async function scopedReport(
  deps: AppDeps,
  viewer: Viewer,
  selection: ConsoleSelection,
): Promise<Report> {
  const now = deps.clock.now();
  return deps.uow.read(async (s) => {
    const scope = await resolveScope(s, {
      from: selection.from,
      to: selection.to,
      industry: selection.industry,
    });
    const period = { from: selection.from, to: selection.to };
    const mine = new Set((await s.enterprises.list(viewer.scope)).map((e) => e.id));
    const campaignRows = await s.reports.campaignRows(period);
    const rows = await s.reports.figuresRows(scope);
    const enterprises = rows.enterprises.filter((e) => mine.has(e.id));
    const filters = { area: null, industry: selection.industry };
    return computeReport({ period, filters, areas: scope.areas, ...rows, enterprises, ...campaignRows, now });
  });
}

/** Whether the viewer's 总览 shows the figures of their own grids or enterprise. */
export function hasOwnFigures(viewer: Viewer): boolean {
  return viewer.scope.kind === "grids" || viewer.scope.kind === "enterprise";
}
