import { toShanghaiDate } from "../calendar/local-date.ts";
import { inPeriod, type PeriodBounds } from "./report-period.ts";

/** The figures of one slice of a report (all of it, one industry, one area). JSON keys are public. */
export type Figures = {
  /** 家次: submitted self-check runs + distinct (enterprise, day) pairs of grid reports and inspections. */
  enterprisesChecked: number;
  selfChecksSubmitted: number;
  selfCheckEnterprises: number;
  hazardsFound: number;
  major: number;
  general: number;
  /** Found in the period and closed (销号) by the report moment. */
  rectified: number;
  /** rectified ÷ hazardsFound, 4 decimals; null when nothing was found. */
  rectificationRate: number | null;
  /** Found in the period, not closed at the report moment, deadline before it. */
  overdue: number;
  /** Found in the period and returned at least once by the report moment. */
  returned: number;
  /** Mean days from found to closed over `rectified`, 2 decimals; null when none. */
  averageDaysToRectify: number | null;
};

/** A submitted self-check run. */
export type RunRow = { enterpriseId: string; submittedAt: Date };

/** A ticket's events that matter to the figures. */
export type TicketEventRow = { kind: string; at: Date };

/** A hazard ticket as the statistics read it. */
export type TicketRow = {
  number: string;
  enterpriseId: string;
  source: string;
  grade: string;
  title: string;
  foundAt: Date;
  deadline: Date;
  closedAt: Date | null;
  /** At least its "passed", "returned" and "reopened" events; others are ignored. */
  events: readonly TicketEventRow[];
};

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * When the close in effect at `moment` happened, or null when the ticket is not closed then.
 *
 * The review use case writes a `passed` event on 销号 and clears `closedAt` on a reopen, so the
 * history is read from the `passed` / `reopened` events: the last of them up to the moment decides.
 * A ticket without any `passed` event (imported, or closed before events were kept) falls back to
 * `closedAt`, undone by a `reopened` event between that close and the moment.
 */
export function closedAsOf(ticket: TicketRow, moment: Date): Date | null {
  const until = moment.getTime();
  if (ticket.events.some((e) => e.kind === "passed")) {
    let last: TicketEventRow | null = null;
    for (const e of ticket.events) {
      if ((e.kind !== "passed" && e.kind !== "reopened") || e.at.getTime() > until) continue;
      if (last === null || e.at.getTime() >= last.at.getTime()) last = e;
    }
    return last?.kind === "passed" ? last.at : null;
  }
  const closed = ticket.closedAt;
  if (closed === null || closed.getTime() > until) return null;
  const reopened = ticket.events.some(
    (e) => e.kind === "reopened" && e.at.getTime() > closed.getTime() && e.at.getTime() <= until,
  );
  return reopened ? null : closed;
}

export function round(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}

/**
 * The figures over the given runs and tickets, which the caller has already narrowed to one
 * slice's enterprises; rows outside the period are ignored here.
 */
export function computeFigures(
  runs: readonly RunRow[],
  tickets: readonly TicketRow[],
  bounds: PeriodBounds,
  moment: Date,
): Figures {
  const periodRuns = runs.filter((r) => inPeriod(r.submittedAt, bounds));
  const found = tickets.filter((t) => inPeriod(t.foundAt, bounds));
  // A grid worker or inspector visiting an enterprise on a day is one check, however many hazards.
  const visits = new Set(
    found
      .filter((t) => t.source === "grid_report" || t.source === "inspection")
      .map((t) => `${t.enterpriseId}\u0000${toShanghaiDate(t.foundAt)}`),
  );
  const closes = found.map((t) => ({ t, closed: closedAsOf(t, moment) }));
  const rectified = closes.flatMap(({ t, closed }) => (closed === null ? [] : [{ t, closed }]));
  const atMoment = moment.getTime();
  const daysSum = rectified.reduce(
    (sum, { t, closed }) => sum + (closed.getTime() - t.foundAt.getTime()) / DAY_MS,
    0,
  );
  return {
    enterprisesChecked: periodRuns.length + visits.size,
    selfChecksSubmitted: periodRuns.length,
    selfCheckEnterprises: new Set(periodRuns.map((r) => r.enterpriseId)).size,
    hazardsFound: found.length,
    major: found.filter((t) => t.grade === "major").length,
    general: found.filter((t) => t.grade !== "major").length,
    rectified: rectified.length,
    rectificationRate: found.length === 0 ? null : round(rectified.length / found.length, 4),
    overdue: closes.filter(({ t, closed }) => closed === null && t.deadline.getTime() < atMoment).length,
    returned: found.filter((t) => t.events.some((e) => e.kind === "returned" && e.at.getTime() <= atMoment))
      .length,
    averageDaysToRectify: rectified.length === 0 ? null : round(daysSum / rectified.length, 2),
  };
}
