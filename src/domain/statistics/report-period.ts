import { addDays, type LocalDate, shanghaiDateTime } from "../calendar/local-date.ts";

/** A reporting period: two Asia/Shanghai calendar days, both included. */
export type ReportPeriod = { from: LocalDate; to: LocalDate };

/** The instants a period covers: `[start, endExclusive)`, midnight to midnight in Asia/Shanghai. */
export type PeriodBounds = { start: Date; endExclusive: Date };

export function periodBounds(period: ReportPeriod): PeriodBounds {
  return {
    start: shanghaiDateTime(period.from, "00:00"),
    endExclusive: shanghaiDateTime(addDays(period.to, 1), "00:00"),
  };
}

/** True when `instant` falls inside the period. */
export function inPeriod(instant: Date, bounds: PeriodBounds): boolean {
  const t = instant.getTime();
  return t >= bounds.start.getTime() && t < bounds.endExclusive.getTime();
}

/**
 * The moment the report's state figures (rectified, overdue, returned, still open) are read at:
 * the last instant of the period, or `now` when the period has not ended yet. Reading them at a
 * fixed moment makes a report on a past period give the same numbers whenever it is run.
 */
export function reportMoment(bounds: PeriodBounds, now: Date): Date {
  return new Date(Math.min(bounds.endExclusive.getTime() - 1, now.getTime()));
}
