import { fill } from "../../content/report-texts.ts";
import { AppError } from "../../domain/app-error.ts";
import { type AreaNode, subtreeIds, treeOrder } from "../../domain/area/area-tree.ts";
import { addDays, isLocalDate, type LocalDate, toShanghaiDate } from "../../domain/calendar/local-date.ts";
import type { Campaign } from "../../domain/campaign/campaign.ts";
import { isIndustry } from "../../domain/industry.ts";
import type { Stores } from "../../store/stores.ts";
import type { AppDeps } from "../app-deps.ts";
import { mayUse } from "./console-access.ts";
import type { Viewer } from "./viewer.ts";

/** The period a page shows, as the query string gives it. */
export type SelectionInput = {
  period?: string;
  campaign?: string;
  from?: string;
  to?: string;
  area?: string;
  industry?: string;
};

export const PeriodKinds = ["month", "campaign", "custom"] as const;
export type PeriodKind = (typeof PeriodKinds)[number];

/** An area the viewer may narrow to, with its depth in the tree (for indenting a list). */
export type AreaChoice = { id: string; name: string; depth: number };

/** What the 总览 and 报告 pages show: a checked period, area and industry inside the viewer's scope. */
export type ConsoleSelection = {
  kind: PeriodKind;
  from: LocalDate;
  to: LocalDate;
  campaign: Campaign | null;
  area: string | null;
  industry: string | null;
  /** The areas the viewer may choose; empty when their scope is not made of areas (grids, one enterprise). */
  areas: AreaChoice[];
  /** Whether the viewer sees report figures (`buildReport` takes an area, so areas or everything). */
  reportAllowed: boolean;
  /** Self-check campaigns to choose from, newest first. */
  campaigns: Campaign[];
  allAreas: AreaNode[];
};

const MAX_CAMPAIGNS = 24;

function depthOf(areas: readonly AreaNode[], id: string): number {
  const parent = new Map(areas.map((a) => [a.id, a.parentId]));
  let depth = 0;
  for (let p = parent.get(id); p; p = parent.get(p)) depth++;
  return depth;
}

function monthOf(today: LocalDate): { from: LocalDate; to: LocalDate } {
  const from = `${today.slice(0, 8)}01`;
  const next = addDays(from, 32);
  return { from, to: addDays(`${next.slice(0, 8)}01`, -1) };
}

/**
 * Checks a page's period and narrowing against the viewer: an admin may pick any area, a leader
 * their areas and those below (the first of theirs by default, since the report is of one area),
 * others no area (their lists are scoped by grid or enterprise). A period is this month, a
 * campaign's days (opening to closing), or two dates.
 */
export async function resolveSelection(
  s: Stores,
  deps: AppDeps,
  viewer: Viewer,
  input: SelectionInput,
): Promise<ConsoleSelection> {
  const t = deps.content.web.errors;
  const today = toShanghaiDate(deps.clock.now());
  const allAreas = await s.enterprises.areas();
  const { scope } = viewer;
  const allowed =
    scope.kind === "all"
      ? treeOrder(allAreas)
      : scope.kind === "areas"
        ? treeOrder(allAreas.filter((a) => subtreeIds(allAreas, scope.areaIds).has(a.id)))
        : [];
  const areas = allowed.map((a) => ({ id: a.id, name: a.name, depth: depthOf(allAreas, a.id) }));
  const reportAllowed =
    mayUse(viewer.person.role, "report") && (scope.kind === "all" || scope.kind === "areas");

  let area: string | null = input.area ?? null;
  if (area !== null && !areas.some((a) => a.id === area)) throw new AppError("forbidden", t.unknown_area);
  if (area === null && scope.kind === "areas")
    area = scope.areaIds.find((id) => areas.some((a) => a.id === id)) ?? null;
  const industry = input.industry ?? null;
  if (industry !== null && !isIndustry(industry)) throw new AppError("invalid_input", t.unknown_industry);

  const campaigns = (await s.campaigns.list())
    .filter((c) => c.selfCheck && c.status !== "cancelled" && c.status !== "skipped" && c.opensOn <= today)
    .slice(0, MAX_CAMPAIGNS);
  const kind: PeriodKind = PeriodKinds.find((k) => k === input.period) ?? "month";
  const base = { area, industry, areas, reportAllowed, campaigns, allAreas };
  if (kind === "campaign") {
    const campaign = input.campaign
      ? await s.campaigns.byKey(input.campaign)
      : ((await s.campaigns.openForSelfCheck())[0] ?? campaigns[0] ?? null);
    if (!campaign) throw new AppError("not_found", t.unknown_campaign);
    return { ...base, kind, from: campaign.opensOn, to: campaign.closesOn ?? campaign.endsOn, campaign };
  }
  if (kind === "custom") {
    const from = input.from ?? monthOf(today).from;
    const to = input.to ?? today;
    for (const value of [from, to])
      if (!isLocalDate(value)) throw new AppError("invalid_input", fill(t.bad_date, { value }));
    if (from > to) throw new AppError("invalid_input", t.bad_range);
    return { ...base, kind, from, to, campaign: null };
  }
  return { ...base, kind, ...monthOf(today), campaign: null };
}

/** The query string that selects the same period and narrowing (for links between pages). */
export function selectionQuery(sel: ConsoleSelection): string {
  const q = new URLSearchParams({ period: sel.kind });
  if (sel.kind === "campaign" && sel.campaign) q.set("campaign", sel.campaign.key);
  if (sel.kind === "custom") {
    q.set("from", sel.from);
    q.set("to", sel.to);
  }
  if (sel.area) q.set("area", sel.area);
  if (sel.industry) q.set("industry", sel.industry);
  return q.toString();
}
