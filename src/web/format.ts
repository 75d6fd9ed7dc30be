import { toShanghaiDate } from "../domain/calendar/local-date.ts";

/** "96.15%" from 0.9615, as the report writes it; the none mark when there is no rate. */
export function percent(rate: number | null, none: string): string {
  return rate === null ? none : `${Number((rate * 100).toFixed(2))}%`;
}

/** An instant as Shanghai wall time to the minute, `YYYY-MM-DD HH:mm`. */
export function shanghaiMinute(d: Date): string {
  return new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace("T", " ");
}

/** An instant's Shanghai calendar day. */
export function shanghaiDay(d: Date): string {
  return toShanghaiDate(d);
}

/** A page count of at least one. */
export function pagesOf(total: number, size: number): number {
  return Math.max(1, Math.ceil(total / size));
}
