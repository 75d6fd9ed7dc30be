import { AppError } from "../../domain/app-error.ts";
import type { Report } from "../../domain/statistics/compute-report.ts";
import type { AppDeps } from "../app-deps.ts";
import { buildReport } from "../report/build-report.ts";
import { renderReportMarkdown } from "../report/report-markdown.ts";
import { type ConsoleSelection, resolveSelection, type SelectionInput } from "./console-selection.ts";
import type { Viewer } from "./viewer.ts";

/** The 报告 page: the period's report and its text exactly as `xunjian report --format md` writes it. */
export type ReportView = { selection: ConsoleSelection; report: Report; markdown: string };

/** The report of a period for a leader or admin (within their areas), with its Markdown text. */
export async function reportForViewer(
  deps: AppDeps,
  viewer: Viewer,
  input: SelectionInput,
): Promise<ReportView> {
  const selection = await deps.uow.read((s) => resolveSelection(s, deps, viewer, input));
  if (!selection.reportAllowed) throw new AppError("forbidden", deps.content.web.report.scoped_only);
  const report = await buildReport(deps, {
    from: selection.from,
    to: selection.to,
    area: selection.area,
    industry: selection.industry,
  });
  const areaName = selection.area
    ? (selection.allAreas.find((a) => a.id === selection.area)?.name ?? null)
    : null;
  const markdown = renderReportMarkdown(report, {
    texts: deps.content.report,
    industryLabel: (code) => deps.content.texts.label("industry", code),
    areaName,
    inspections: deps.content.inspections,
  });
  return { selection, report, markdown };
}
