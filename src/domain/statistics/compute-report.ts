import { type AreaNode, lineageOf, subtreeIds, treeOrder } from "../area/area-tree.ts";
import { isTargeted } from "../campaign/target.ts";
import { Industries } from "../industry.ts";
import {
  type CampaignFigures,
  type CampaignInput,
  type CampaignRunRow,
  type CardRow,
  campaignDaysWithin,
  cardFigures,
  daySpan,
} from "./campaign-figures.ts";
import {
  closedMsAsOf,
  type Figures,
  FigureTally,
  type ReportRun,
  type ReportTicket,
  ratio,
  type Slice,
  tallyRows,
} from "./report-figures.ts";
import { periodBounds, type ReportPeriod, reportMoment } from "./report-period.ts";

/** An enterprise as the statistics group it. */
export type EnterpriseRow = {
  id: string;
  name: string;
  industry: string;
  areaId: string;
  /** Needed to tell whether a campaign's target selects it; null when it has no class. */
  supervisionClass?: string | null;
};

/** Narrowing of a report: an area (with everything below it) and an industry code. */
export type ReportFilters = { area: string | null; industry: string | null };

export type ReportInput = {
  period: ReportPeriod;
  filters: ReportFilters;
  areas: readonly AreaNode[];
  enterprises: readonly EnterpriseRow[];
  /** Instants in epoch ms (`reportRun` turns a `RunRow` into one). */
  runs: readonly ReportRun[];
  /** Read once, in order; may be a stream straight from the database (`reportTicket` turns a `TicketRow` into one). */
  tickets: Iterable<ReportTicket>;
  /** Campaigns to report on; those whose days do not meet the period are left out. */
  campaigns?: readonly CampaignInput[];
  /** Runs submitted for those campaigns, whenever submitted (已查 is read at the report moment). */
  campaignRuns?: readonly CampaignRunRow[];
  /** 提示卡 sent for those campaigns. */
  cards?: readonly CardRow[];
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
  /** Campaigns whose days meet the period, by opening day. */
  campaigns: CampaignFigures[];
  generatedAt: string;
};

/**
 * The report figures for a period from plain rows, in one pass over the runs and tickets: each
 * enterprise knows the slices it counts in (totals, its industry, its area, the areas above it,
 * the campaigns that target it), and each row is added to those. Rows outside the filters or the
 * period may be passed; they are left out here, so the loader may narrow in the database or not.
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
  const start = bounds.start.getTime();
  const end = bounds.endExclusive.getTime();
  const slice = (): Slice => ({ tally: new FigureTally(), start, end });

  const ordered = treeOrder(input.areas);
  const parents = input.areas.map((a) => ({ id: a.id, parentId: a.parentId }));
  // Areas in scope that have sub-areas get a roll-up over everything below them.
  const rollupAreas = new Set(
    ordered
      .filter((a) => (scope === null || scope.has(a.id)) && subtreeIds(input.areas, a.id).size > 1)
      .map((a) => a.id),
  );
  const lineages = new Map<string, string[]>();
  const lineage = (areaId: string): string[] => {
    let l = lineages.get(areaId);
    if (!l) {
      l = lineageOf(parents, areaId);
      lineages.set(areaId, l);
    }
    return l;
  };

  const total = slice();
  const industries = new Map<string, Slice>();
  const areas = new Map<string, Slice>();
  const rollups = new Map<string, Slice>();
  const campaigns = reportedCampaigns(input, enterprises, lineage);
  const slicesOf = new Map<string, Slice[]>();
  for (const e of enterprises) {
    const mine = [total];
    mine.push(getOrAdd(industries, e.industry, slice));
    mine.push(getOrAdd(areas, e.areaId, slice));
    for (const a of lineage(e.areaId)) if (rollupAreas.has(a)) mine.push(getOrAdd(rollups, a, slice));
    for (const c of campaigns) if (c.targeted.has(e.id)) mine.push(c.slice);
    slicesOf.set(e.id, mine);
  }
  // Major hazards are kept aside as they pass, for the list of those still open.
  const majors: ReportTicket[] = [];
  tallyRows(
    (id) => slicesOf.get(id),
    input.runs,
    input.tickets,
    moment,
    (t) => {
      if (t.grade === "major") majors.push(t);
    },
  );

  const known: readonly string[] = Industries;
  const byIndustry: Record<string, Figures> = {};
  for (const industry of [
    ...known.filter((i) => industries.has(i)),
    ...[...industries.keys()].filter((i) => !known.includes(i)).sort(),
  ])
    byIndustry[industry] = (industries.get(industry) as Slice).tally.figures();

  const byArea: Record<string, { name: string } & Figures> = {};
  // Areas in tree order; enterprises whose area is not in the area tree still count, under its id.
  const inTree = new Map(ordered.map((a) => [a.id, a.name]));
  for (const id of new Set([...inTree.keys(), ...areas.keys()]))
    if (areas.has(id)) byArea[id] = { name: inTree.get(id) ?? id, ...figuresOf(areas, id) };
  const byAreaRollup: Record<string, { name: string } & Figures> = {};
  for (const a of ordered)
    if (rollups.has(a.id)) byAreaRollup[a.id] = { name: a.name, ...figuresOf(rollups, a.id) };

  const enterpriseNames = new Map(enterprises.map((e) => [e.id, e.name]));
  const atMoment = moment.getTime();
  const majorOpen = majors
    .filter(
      (t) =>
        enterpriseNames.has(t.enterpriseId) &&
        t.foundAt >= start &&
        t.foundAt < end &&
        closedMsAsOf(t, atMoment) === null,
    )
    .sort((a, b) => a.deadline - b.deadline || (a.number ?? "").localeCompare(b.number ?? ""))
    .map((t) => ({
      number: t.number ?? "",
      enterprise: enterpriseNames.get(t.enterpriseId) ?? t.enterpriseId,
      title: t.title ?? "",
      deadline: new Date(t.deadline).toISOString(),
    }));

  return {
    period: { from: input.period.from, to: input.period.to },
    filters: { area: filters.area, industry: filters.industry },
    asOf: moment.toISOString(),
    totals: total.tally.figures(),
    byIndustry,
    byArea,
    byAreaRollup,
    majorOpen,
    campaigns: campaigns.map((c) => c.figures(moment, scope)),
    generatedAt: now.toISOString(),
  };
}

/** A campaign being counted: the enterprises it targets in scope, its slice, and how to finish it. */
type CountedCampaign = {
  targeted: Set<string>;
  slice: Slice;
  figures(moment: Date, scope: ReadonlySet<string> | null): CampaignFigures;
};

/** The campaigns whose days meet the period, by opening day, each with its targets and slice. */
function reportedCampaigns(
  input: ReportInput,
  enterprises: readonly EnterpriseRow[],
  lineage: (areaId: string) => string[],
): CountedCampaign[] {
  const campaigns = (input.campaigns ?? [])
    .flatMap((c) => {
      const days = campaignDaysWithin(c, input.period);
      return days === null ? [] : [{ c, days }];
    })
    .sort((a, b) => a.c.opensOn.localeCompare(b.c.opensOn) || a.c.key.localeCompare(b.c.key));
  return campaigns.map(({ c, days }) => {
    const targeted = new Set(
      enterprises
        .filter((e) =>
          isTargeted(
            c.target,
            { industry: e.industry, supervisionClass: e.supervisionClass ?? null },
            lineage(e.areaId),
          ),
        )
        .map((e) => e.id),
    );
    const slice: Slice = { tally: new FigureTally(), ...daySpan(days) };
    return {
      targeted,
      slice,
      figures: (moment, scope) => {
        const submitted = new Set<string>();
        if (c.selfCheck)
          for (const r of input.campaignRuns ?? [])
            if (
              r.campaignId === c.id &&
              targeted.has(r.enterpriseId) &&
              r.submittedAt.getTime() <= moment.getTime()
            )
              submitted.add(r.enterpriseId);
        return {
          key: c.key,
          name: c.name,
          status: c.status,
          selfCheck: c.selfCheck,
          from: days.from,
          to: days.to,
          enterprisesTargeted: targeted.size,
          enterprisesSubmitted: submitted.size,
          completionRate: c.selfCheck ? ratio(submitted.size, targeted.size) : null,
          cards: cardFigures(
            (input.cards ?? []).filter((k) => k.campaignId === c.id),
            moment,
            scope,
          ),
          ...slice.tally.figures(),
        };
      },
    };
  });
}

function figuresOf(slices: Map<string, Slice>, id: string): Figures {
  return (slices.get(id) as Slice).tally.figures();
}

function getOrAdd<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let v = map.get(key);
  if (v === undefined) {
    v = make();
    map.set(key, v);
  }
  return v;
}
