import { fill, type ReportTexts } from "../../content/report-texts.ts";
import { toShanghaiDate } from "../../domain/calendar/local-date.ts";
import type { InspectionCatalogue } from "../../domain/inspection/inspection-catalogue.ts";
import type { Report } from "../../domain/statistics/compute-report.ts";
import type { InspectionReport } from "../../domain/statistics/inspection-figures.ts";
import type { Figures, SourceFigures } from "../../domain/statistics/report-figures.ts";
import { renderInspectionMarkdown } from "./inspection-markdown.ts";

export type MarkdownOptions = {
  texts: ReportTexts;
  /** Chinese label of an industry code. */
  industryLabel: (code: string) => string;
  /** Name of the area the report is narrowed to, if any. */
  areaName: string | null;
  /** Inspection kind and document labels (prompts/inspections.yaml); the ids are shown without them. */
  inspections?: InspectionCatalogue;
};

const FIGURE_COLUMNS = [
  "enterprisesChecked",
  "selfChecksSubmitted",
  "hazardsFound",
  "major",
  "rectified",
  "rectificationRate",
  "overdue",
  "returned",
  "averageDaysToRectify",
] as const;

/** "96.15%" from 0.9615; the "none" mark when there is no rate. */
function percent(rate: number | null, none: string): string {
  return rate === null ? none : `${Number((rate * 100).toFixed(2))}%`;
}

/** An instant as Shanghai wall time, `YYYY-MM-DD HH:mm`. */
function wallTime(iso: string): string {
  return new Date(new Date(iso).getTime() + 8 * 60 * 60 * 1000).toISOString().slice(0, 16).replace("T", " ");
}

const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\n/g, " ");

function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.map(cell).join(" | ")} |`;
  return [line(header), `|${header.map(() => " --- ").join("|")}|`, ...rows.map(line)].join("\n");
}

/**
 * The report as Markdown in Chinese, ready to paste into a safety office's work report: the
 * totals sentences, the on-site inspections (when the report has them), tables by industry, by
 * area and of major hazards not yet closed, then a paragraph per campaign of the period.
 */
export function renderReportMarkdown(
  report: Report & { inspections?: InspectionReport },
  options: MarkdownOptions,
): string {
  const { texts, industryLabel } = options;
  const md = texts.markdown;
  const col = md.columns;
  const value = (f: Figures, key: (typeof FIGURE_COLUMNS)[number]): string => {
    if (key === "rectificationRate") return percent(f.rectificationRate, md.none);
    const v = f[key];
    return v === null ? md.none : String(v);
  };
  const figureTable = (label: string, entries: [string, Figures][]) =>
    table(
      [label, ...FIGURE_COLUMNS.map((k) => col[k])],
      entries.map(([name, f]) => [name, ...FIGURE_COLUMNS.map((k) => value(f, k))]),
    );
  const figureParams = (f: Figures): Record<string, string | number> => {
    const counts = Object.fromEntries(
      Object.entries(f).filter((e): e is [string, number] => typeof e[1] === "number"),
    );
    const sourceParams = (prefix: string, s: SourceFigures) => ({
      [`${prefix}Found`]: s.found,
      [`${prefix}Rectified`]: s.rectified,
      [`${prefix}Rate`]: percent(s.rectificationRate, md.none),
    });
    return {
      ...counts,
      rate: percent(f.rectificationRate, md.none),
      averageDays:
        f.averageDaysToRectify === null ? md.none : fill(md.days, { days: f.averageDaysToRectify }),
      majorRate: percent(f.majorRectificationRate, md.none),
      ...sourceParams("selfCheck", f.bySource.self_check),
      ...sourceParams("gridReport", f.bySource.grid_report),
      ...sourceParams("inspection", f.bySource.inspection),
    };
  };
  const params = figureParams(report.totals);

  const parts = [
    fill(md.title, { from: report.period.from, to: report.period.to }),
    fill(md.scope, {
      area: options.areaName ?? md.all_areas,
      industry: report.filters.industry === null ? md.all_industries : industryLabel(report.filters.industry),
    }),
    `${fill(md.totals, params)}${fill(md.details, params)}`,
    `${fill(md.checks, params)}${fill(md.sources, params)}`,
    // The on-site inspections lead, as in the offices' reports, before the hazard tables.
    ...(report.inspections
      ? renderInspectionMarkdown(report.inspections, {
          texts,
          industryLabel,
          catalogue: options.inspections ?? null,
          percent: (rate) => percent(rate, md.none),
        })
      : []),
    md.by_industry,
    figureTable(
      col.industry,
      Object.entries(report.byIndustry).map(([code, f]) => [industryLabel(code), f]),
    ),
    md.by_area,
    figureTable(
      col.area,
      Object.values(report.byArea).map((f) => [f.name, f]),
    ),
  ];
  const rollups = Object.values(report.byAreaRollup);
  if (rollups.length > 0)
    parts.push(
      md.by_area_rollup,
      figureTable(
        col.area,
        rollups.map((f) => [f.name, f]),
      ),
    );
  parts.push(
    md.major_open,
    report.majorOpen.length === 0
      ? md.major_open_none
      : table(
          [col.number, col.enterprise, col.title, col.deadline],
          report.majorOpen.map((m) => [
            m.number,
            m.enterprise,
            m.title,
            toShanghaiDate(new Date(m.deadline)),
          ]),
        ),
  );
  if (report.campaigns.length > 0)
    parts.push(
      md.campaigns,
      ...report.campaigns.map((c) =>
        fill(c.selfCheck ? md.campaign : md.campaign_no_self_check, {
          ...figureParams(c),
          name: c.name,
          from: c.from,
          to: c.to,
          enterprisesTargeted: c.enterprisesTargeted,
          enterprisesSubmitted: c.enterprisesSubmitted,
          completionRate: percent(c.completionRate, md.none),
          cardsSent: c.cards.sent,
          cardSends: c.cards.sends,
          cardsAcknowledged: c.cards.acknowledged,
          cardLeaders: c.cards.leaders,
          cardLeadersAcknowledged: c.cards.leadersAcknowledged,
        }),
      ),
    );
  parts.push(fill(md.footer, { asOf: wallTime(report.asOf), generatedAt: wallTime(report.generatedAt) }));
  return `${parts.join("\n\n")}\n`;
}
