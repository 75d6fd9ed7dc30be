/**
 * Official holidays from the `chinese-days` package (State Council notices 2004–2026 in v1.5.7).
 *
 * We read the package's own data table (`dist/chinese-days.json`) instead of calling its date functions:
 * those parse `YYYY-MM-DD` strings as UTC midnight and format with local getters, so with a host zone west
 * of UTC (e.g. TZ=America/New_York) `getDayDetail("2026-02-14")` answers for 2026-02-13. The table is
 * the same data without any Date involved. Covered years are derived from it, so upgrading the package
 * (for 2027 once published) extends coverage without code changes.
 */
import { createRequire } from "node:module";
import { z } from "zod";
import {
  freezeHolidayYear,
  type Holiday,
  type HolidayKey,
  type HolidayYear,
  makeHoliday,
  mergeMidAutumn,
  sortHolidays,
} from "./holiday-model.ts";
import {
  compareDates,
  datesInRange,
  daysBetween,
  isLocalDate,
  type LocalDate,
  yearOf,
} from "./local-date.ts";

/** Table entries look like `"Spring Festival,春节,4"`: English, Chinese, statutory day count. */
const tableSchema = z.object({
  holidays: z.record(z.string().refine(isLocalDate), z.string()),
  workdays: z.record(z.string().refine(isLocalDate), z.string()),
});

/** chinese-days' Chinese names → our keys (it writes 清明/端午/中秋 without 节). */
const KEY_BY_LIBRARY_NAME: ReadonlyMap<string, HolidayKey> = new Map([
  ["元旦", "new_year"],
  ["春节", "spring_festival"],
  ["清明", "qingming"],
  ["劳动节", "labour_day"],
  ["端午", "dragon_boat"],
  ["中秋", "mid_autumn"],
  ["国庆节", "national_day"],
]);

/** Same-name days this close together are one holiday (2025's 10-06 is labelled 中秋 inside 国庆). */
const SAME_HOLIDAY_MAX_GAP = 7;

type Cluster = { name: string; start: LocalDate; end: LocalDate; makeup: LocalDate[] };

function chineseName(label: string): string {
  return label.split(",")[1] ?? label;
}

function loadTable(): z.infer<typeof tableSchema> {
  const require = createRequire(import.meta.url);
  const raw: unknown = require("chinese-days/dist/chinese-days.json");
  return tableSchema.parse(raw);
}

/** Groups same-name days into holiday instances and attaches each make-up day to its nearest instance. */
function buildClusters(): Cluster[] {
  const table = loadTable();
  const clusters: Cluster[] = [];
  const open = new Map<string, Cluster>();
  for (const date of Object.keys(table.holidays).sort(compareDates)) {
    const name = chineseName(table.holidays[date] ?? "");
    const current = open.get(name);
    if (current && daysBetween(current.end, date) <= SAME_HOLIDAY_MAX_GAP) {
      current.end = date;
    } else {
      const cluster: Cluster = { name, start: date, end: date, makeup: [] };
      clusters.push(cluster);
      open.set(name, cluster);
    }
  }
  for (const [date, label] of Object.entries(table.workdays)) {
    // The nearest same-name instance, so 2011-12-31 goes to 元旦 2012, not 元旦 2011.
    const name = chineseName(label);
    const distance = (c: Cluster) => Math.max(daysBetween(date, c.start), daysBetween(c.end, date), 0);
    const nearest = clusters
      .filter((c) => c.name === name)
      .reduce<Cluster | undefined>(
        (best, c) => (!best || distance(c) < distance(best) ? c : best),
        undefined,
      );
    nearest?.makeup.push(date);
  }
  return clusters;
}

let byYear: Map<number, Cluster[]> | undefined;

/** Clusters keyed by the year of their last day: 元旦 2023 (2022-12-31…2023-01-02) belongs to 2023. */
function clustersByYear(): Map<number, Cluster[]> {
  if (!byYear) {
    // Built once: the table is immutable package data.
    const map = new Map<number, Cluster[]>();
    for (const c of buildClusters()) map.set(yearOf(c.end), [...(map.get(yearOf(c.end)) ?? []), c]);
    byYear = map;
  }
  return byYear;
}

/** The years the installed chinese-days has official schedules for, ascending. */
export function libraryYears(): number[] {
  return [...clustersByYear().keys()].sort((a, b) => a - b);
}

const yearCache = new Map<number, HolidayYear>();

/**
 * Official holidays of `year` from chinese-days, or undefined when the package does not cover the year.
 * Days under names outside the seven keys (only 2015's 抗战胜利70周年纪念日 so far) are returned as
 * `extraOffDays` / `extraWorkdays` with an `unlisted_official_days` warning.
 */
export function libraryHolidayYear(year: number, midAutumnDay: LocalDate): HolidayYear | undefined {
  const cached = yearCache.get(year);
  if (cached) return cached;
  const clusters = clustersByYear().get(year);
  if (!clusters) return undefined;
  const holidays: Holiday[] = [];
  const result: HolidayYear = { year, holidays, extraOffDays: [], extraWorkdays: [], warnings: [] };
  for (const c of clusters) {
    const key = KEY_BY_LIBRARY_NAME.get(c.name);
    if (key) {
      holidays.push(
        makeHoliday({ key, start: c.start, end: c.end, makeupWorkdays: c.makeup }, "chinese-days"),
      );
      continue;
    }
    result.extraOffDays.push(...datesInRange(c.start, c.end));
    result.extraWorkdays.push(...c.makeup);
    result.warnings.push({
      code: "unlisted_official_days",
      year,
      detail: c.name,
      message: `${year}: official days off ${c.start}..${c.end} (${c.name}) are not one of the seven holidays; they count as days off but are not listed as a holiday`,
    });
  }
  result.holidays = sortHolidays(mergeMidAutumn(holidays, midAutumnDay));
  yearCache.set(year, freezeHolidayYear(result));
  return result;
}
