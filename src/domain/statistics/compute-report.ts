import { type AreaNode, subtreeIds, treeOrder } from "../area/area-tree.ts";
import { Industries } from "../industry.ts";
import { closedAsOf, computeFigures, type Figures, type RunRow, type TicketRow } from "./report-figures.ts";
import { inPeriod, periodBounds, type ReportPeriod, reportMoment } from "./report-period.ts";

/** An enterprise as the statistics group it. */
export type EnterpriseRow = { id: string; name: string; industry: string; areaId: string };

/** Narrowing of a report: an area (with everything below it) and an industry code. */
export type ReportFilters = { area: string | null; industry: string | null };

export type ReportInput = {
  period: ReportPeriod;
  filters: ReportFilters;
  areas: readonly AreaNode[];
  enterprises: readonly EnterpriseRow[];
  runs: readonly RunRow[];
  tickets: readonly TicketRow[];
  now: Date;
};

/** A major hazard found in the period and not closed at the report moment. */
export type MajorOpenItem = { number: string; enterprise: string; title: string; deadline: string };

/** The report as `xunjian report --format json` prints it; the keys are a public interface. */
export type Report = {
  period: ReportPeriod;
  filters: ReportFilters;
  /** ISO instant the state figures are read at: the period's last instant, or now if earlier. */
  asOf: string;
  totals: Figures;
  byIndustry: Record<string, Figures>;
  byArea: Record<string, { name: string } & Figures>;
  /** Areas with sub-areas: figures over the area and everything below it. */
  byAreaRollup: Record<string, { name: string } & Figures>;
  majorOpen: MajorOpenItem[];
  generatedAt: string;
};

/**
 * The report figures for a period from plain rows. Rows outside the filters or the period may be
 * passed; they are left out here, so the loader may narrow in the database or not.
 */
export function computeReport(input: ReportInput): Report {
  const { filters, now } = input;
  const bounds = periodBounds(input.period);
  const moment = reportMoment(bounds, now);
  const scope = filters.area === null ? null : subtreeIds(input.areas, filters.area);
  const enterprises = input.enterprises.filter(
    (e) =>
      (scope === null || scope.has(e.areaId)) &&
      (filters.industry === null || e.industry === filters.industry),
  );
  const runsOf = groupBy(input.runs, (r) => r.enterpriseId);
  const ticketsOf = groupBy(input.tickets, (t) => t.enterpriseId);
  const figuresOf = (group: readonly EnterpriseRow[]): Figures =>
    computeFigures(
      group.flatMap((e) => runsOf.get(e.id) ?? []),
      group.flatMap((e) => ticketsOf.get(e.id) ?? []),
      bounds,
      moment,
    );

  const byIndustry: Record<string, Figures> = {};
  const present = new Set(enterprises.map((e) => e.industry));
  const known: readonly string[] = Industries;
  const industries = [
    ...known.filter((i) => present.has(i)),
    ...[...present].filter((i) => !known.includes(i)).sort(),
  ];
  for (const industry of industries)
    byIndustry[industry] = figuresOf(enterprises.filter((e) => e.industry === industry));

  const byArea: Record<string, { name: string } & Figures> = {};
  const byAreaRollup: Record<string, { name: string } & Figures> = {};
  const ordered = treeOrder(input.areas);
  const withEnterprises = new Set(enterprises.map((e) => e.areaId));
  for (const area of ordered) {
    if (withEnterprises.has(area.id))
      byArea[area.id] = { name: area.name, ...figuresOf(enterprises.filter((e) => e.areaId === area.id)) };
  }
  for (const area of ordered) {
    if (scope !== null && !scope.has(area.id)) continue;
    const below = subtreeIds(input.areas, area.id);
    if (below.size === 1) continue;
    const group = enterprises.filter((e) => below.has(e.areaId));
    if (group.length > 0) byAreaRollup[area.id] = { name: area.name, ...figuresOf(group) };
  }
  // Enterprises whose area is not in the area list still count, under their own area id.
  for (const areaId of withEnterprises) {
    if (!(areaId in byArea))
      byArea[areaId] = { name: areaId, ...figuresOf(enterprises.filter((e) => e.areaId === areaId)) };
  }

  const names = new Map(enterprises.map((e) => [e.id, e.name]));
  const majorOpen = enterprises
    .flatMap((e) => ticketsOf.get(e.id) ?? [])
    .filter((t) => t.grade === "major" && inPeriod(t.foundAt, bounds) && closedAsOf(t, moment) === null)
    .sort((a, b) => a.deadline.getTime() - b.deadline.getTime() || a.number.localeCompare(b.number))
    .map((t) => ({
      number: t.number,
      enterprise: names.get(t.enterpriseId) ?? t.enterpriseId,
      title: t.title,
      deadline: t.deadline.toISOString(),
    }));

  return {
    period: { from: input.period.from, to: input.period.to },
    filters: { area: filters.area, industry: filters.industry },
    asOf: moment.toISOString(),
    totals: figuresOf(enterprises),
    byIndustry,
    byArea,
    byAreaRollup,
    majorOpen,
    generatedAt: now.toISOString(),
  };
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = out.get(k);
    if (list) list.push(row);
    else out.set(k, [row]);
  }
  return out;
}
