import { subtreeIds } from "../../domain/area/area-tree.ts";
import {
  addDays,
  type LocalDate,
  shanghaiDateTime,
  toShanghaiDate,
  weekday,
} from "../../domain/calendar/local-date.ts";
import type { Campaign } from "../../domain/campaign/campaign.ts";
import type { Report } from "../../domain/statistics/compute-report.ts";
import type { TicketWithEnterprise } from "../../domain/ticket/ticket.ts";
import { OPEN_STATUSES } from "../../domain/ticket/ticket-lifecycle.ts";
import type { TicketSearch } from "../../store/ticket-store.ts";
import type { AppDeps } from "../app-deps.ts";
import { buildReport } from "../report/build-report.ts";
import { type ConsoleSelection, resolveSelection, type SelectionInput } from "./console-selection.ts";
import { hasOwnFigures, scopedReport } from "./scoped-report.ts";
import type { Viewer } from "./viewer.ts";

/** Hazards found in one week (Monday to Sunday, Asia/Shanghai), and how many of them are closed. */
export type WeekFlow = { week: LocalDate; found: number; closed: number };

/** Self-check progress of one area in a campaign. */
export type AreaProgress = { areaId: string; name: string; total: number; submitted: number };

/** A short list: the first tickets and how many there are in all. */
export type TicketShortList = { total: number; tickets: TicketWithEnterprise[] };

/** Everything the 总览 (and the 大屏) shows. */
export type Dashboard = {
  selection: ConsoleSelection;
  /** `buildReport` for the same period, area and industry; null for viewers without report figures. */
  report: Report | null;
  weekly: WeekFlow[];
  progress: { campaign: Campaign; byArea: AreaProgress[] } | null;
  /** Tickets in the viewer's scope (and the chosen area and industry), now. */
  majorOpen: TicketShortList;
  overdue: TicketShortList;
  open: number;
};

const SHORT_LIST = 8;
const WEEK_MS = 7 * 86_400_000;
const UNCLOSED = [...OPEN_STATUSES, "submitted" as const];

/** The Monday of the Shanghai week a day is in. */
export function mondayOf(day: LocalDate): LocalDate {
  return addDays(day, -((weekday(day) + 6) % 7));
}

/** The weeks (Monday to Sunday) that meet a period, each as its first day and the day after its last. */
export function weeksOf(from: LocalDate, to: LocalDate): { week: LocalDate; end: LocalDate }[] {
  const weeks: { week: LocalDate; end: LocalDate }[] = [];
  for (let w = mondayOf(from); w <= to; w = addDays(w, 7)) weeks.push({ week: w, end: addDays(w, 7) });
  return weeks;
}

/** The report figures alone of what a 总览 shows (its JSON): `buildReport` for the viewer's selection. */
export async function dashboardFigures(
  deps: AppDeps,
  viewer: Viewer,
  input: SelectionInput,
): Promise<Report | null> {
  const selection = await deps.uow.read((s) => resolveSelection(s, deps, viewer, input));
  if (!selection.reportAllowed) return hasOwnFigures(viewer) ? scopedReport(deps, viewer, selection) : null;
  return buildReport(deps, {
    from: selection.from,
    to: selection.to,
    area: selection.area,
    industry: selection.industry,
  });
}

/**
 * The 总览 of a viewer: the report figures of the chosen period from `buildReport` itself (so they
 * equal `xunjian report --format json` for the same period, area and industry), the weekly flow
 * of hazards, self-check progress by area, and the open major and overdue tickets now, all inside
 * the viewer's scope.
 */
export async function buildDashboard(
  deps: AppDeps,
  viewer: Viewer,
  input: SelectionInput,
): Promise<Dashboard> {
  const selection = await deps.uow.read((s) => resolveSelection(s, deps, viewer, input));
  const report = selection.reportAllowed
    ? await buildReport(deps, {
        from: selection.from,
        to: selection.to,
        area: selection.area,
        industry: selection.industry,
      })
    : hasOwnFigures(viewer)
      ? await scopedReport(deps, viewer, selection)
      : null;
  const now = deps.clock.now();
  const narrowing: Pick<TicketSearch, "areaIds" | "industry"> = {
    ...(selection.area ? { areaIds: [selection.area] } : {}),
    ...(selection.industry ? { industry: selection.industry } : {}),
  };
  const rest = await deps.uow.read(async (s) => {
    const { scope } = viewer;
    // One read of the period's tickets, counted by week: found, and of those closed (closedAt is set
    // by 销号 and cleared by a reopen) by the report moment, as the report counts 已整改.
    const periodStart = shanghaiDateTime(selection.from, "00:00");
    const periodEnd = shanghaiDateTime(addDays(selection.to, 1), "00:00");
    const moment = Math.min(periodEnd.getTime() - 1, now.getTime());
    const rows = await s.tickets.foundBetween(scope, narrowing, periodStart, periodEnd);
    const weeks = weeksOf(selection.from, selection.to);
    const weekly: WeekFlow[] = weeks.map(({ week }) => ({ week, found: 0, closed: 0 }));
    // Shanghai has no daylight saving: every week is seven days of milliseconds from the first Monday.
    const first = shanghaiDateTime(weeks[0]?.week ?? selection.from, "00:00").getTime();
    for (const row of rows) {
      const bucket = weekly[Math.floor((row.foundAt.getTime() - first) / WEEK_MS)];
      if (!bucket) continue;
      bucket.found++;
      if (row.closedAt && row.closedAt.getTime() <= moment) bucket.closed++;
    }
    const [majorOpen, overdue, open] = await Promise.all([
      s.tickets.search(
        scope,
        { ...narrowing, grade: "major", statuses: UNCLOSED },
        { offset: 0, limit: SHORT_LIST, order: "deadline" },
      ),
      s.tickets.search(
        scope,
        { ...narrowing, overdueAt: now },
        { offset: 0, limit: SHORT_LIST, order: "deadline" },
      ),
      s.tickets.search(scope, { ...narrowing, statuses: UNCLOSED }, { offset: 0, limit: 0 }),
    ]);
    const campaign =
      selection.campaign ?? (await s.campaigns.openForSelfCheck(toShanghaiDate(now)))[0] ?? null;
    let progress: Dashboard["progress"] = null;
    if (campaign?.selfCheck) {
      const inArea = selection.area ? subtreeIds(selection.allAreas, selection.area) : null;
      const targeted = (await s.campaigns.targetedWithHeads(scope, campaign.target)).filter(
        (e) =>
          (inArea === null || inArea.has(e.areaId)) &&
          (selection.industry === null || e.industry === selection.industry),
      );
      const submitted = await s.campaigns.submittedEnterprises(campaign.id);
      const names = new Map(selection.allAreas.map((a) => [a.id, a.name]));
      const byArea = new Map<string, AreaProgress>();
      for (const e of targeted) {
        const p = byArea.get(e.areaId) ?? {
          areaId: e.areaId,
          name: names.get(e.areaId) ?? e.areaId,
          total: 0,
          submitted: 0,
        };
        p.total++;
        if (submitted.has(e.id)) p.submitted++;
        byArea.set(e.areaId, p);
      }
      progress = { campaign, byArea: [...byArea.values()].sort((a, b) => a.areaId.localeCompare(b.areaId)) };
    }
    return {
      weekly,
      majorOpen,
      overdue,
      open: open.total,
      progress,
    };
  });
  return { selection, report, ...rest };
}
