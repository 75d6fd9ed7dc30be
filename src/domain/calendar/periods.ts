/**
 * Supervision periods that are not public holidays (两会, 安全生产月, 汛期, 冬季防火, 节后复工复产),
 * configured in `prompts/calendar/periods.yaml`. Every field has a default, so a missing file or a
 * missing entry means the usual national dates; local authorities often shift 汛期 and 冬季防火.
 */
import { z } from "zod";
import { findHoliday, type HolidayYear } from "./holiday-model.ts";
import { isWorkdayIn } from "./holidays.ts";
import { addDays, compareDates, fromMonthDay, type LocalDate } from "./local-date.ts";
import type { PeriodKey } from "./period-keys.ts";

export { PERIOD_KEYS, type PeriodKey } from "./period-keys.ts";

/** One occurrence of a supervision period. */
export type Period = {
  key: PeriodKey;
  name: string;
  start: LocalDate;
  end: LocalDate;
  /** True when derived from a provisional holiday (节后复工复产 in a year without an official 春节). */
  provisional: boolean;
};

// `abort` keeps later checks from seeing an invalid value. 02-29 is refused: it does not exist every year.
const monthDay = z
  .string()
  .regex(/^\d{2}-\d{2}$/, { message: "must be a month-day written MM-DD, in quotes", abort: true })
  .refine((md) => md !== "02-29" && isRealMonthDay(md), { message: "is not a day of the year", abort: true });

function isRealMonthDay(md: string): boolean {
  try {
    fromMonthDay(2001, md);
    return true;
  } catch {
    return false;
  }
}

const fixedPeriod = (name: string, start: string, end: string) =>
  z
    .strictObject({
      name: z.string().min(1).default(name),
      start: monthDay.default(start),
      end: monthDay.default(end),
    })
    .prefault({});

/** Schema of periods.yaml. A fixed period whose `end` is earlier in the year than `start` runs into the next year. */
export const periodsConfigSchema = z
  .strictObject({
    lianghui: fixedPeriod("两会", "03-03", "03-15"),
    safety_month: fixedPeriod("安全生产月", "06-01", "06-30"),
    flood_season: fixedPeriod("汛期", "06-01", "09-30"),
    winter_fire: fixedPeriod("冬季防火", "11-01", "03-31"),
    resumption: z
      .strictObject({
        name: z.string().min(1).default("节后复工复产"),
        /** Calendar days, counted from the first work day after the 春节 holiday. */
        days: z.number().int().min(1).max(90).default(15),
      })
      .prefault({}),
  })
  .prefault({});

/** A validated periods.yaml. */
export type PeriodsConfig = z.infer<typeof periodsConfigSchema>;

/** The configuration used when there is no periods.yaml. */
export const DEFAULT_PERIODS_CONFIG: PeriodsConfig = periodsConfigSchema.parse(undefined);

type FixedKey = Exclude<PeriodKey, "resumption">;
const FIXED_KEYS: readonly FixedKey[] = ["lianghui", "safety_month", "flood_season", "winter_fire"];

/** Occurrences of a month-day period that overlap `year`: a season crossing New Year can have two. */
function fixedOccurrences(key: FixedKey, config: PeriodsConfig, year: number): Period[] {
  const { name, start, end } = config[key];
  const crossesYear = end < start;
  const startYears = crossesYear ? [year - 1, year] : [year];
  return startYears.map((y) => ({
    key,
    name,
    start: fromMonthDay(y, start),
    end: fromMonthDay(crossesYear ? y + 1 : y, end),
    provisional: false,
  }));
}

/**
 * 节后复工复产: from the first work day after the 春节 holiday, for `config.resumption.days` calendar days.
 * 2026: 春节 ends 02-23, so it runs 02-24..03-10.
 */
function resumption(config: PeriodsConfig, holidays: HolidayYear): Period | undefined {
  const spring = findHoliday(holidays.holidays, "spring_festival");
  if (!spring) return undefined;
  let start = addDays(spring.end, 1);
  while (!isWorkdayIn(start, [holidays])) start = addDays(start, 1);
  return {
    key: "resumption",
    name: config.resumption.name,
    start,
    end: addDays(start, config.resumption.days - 1),
    provisional: spring.provisional,
  };
}

/**
 * The supervision periods overlapping `year`, sorted by start date. `holidays` must be that year's
 * holidays (from `getHolidays`); 冬季防火 appears twice: the season ending in the year and the one starting.
 */
export function getPeriods(
  year: number,
  holidays: HolidayYear,
  config: PeriodsConfig = DEFAULT_PERIODS_CONFIG,
): Period[] {
  const periods = FIXED_KEYS.flatMap((key) => fixedOccurrences(key, config, year));
  const afterSpring = resumption(config, holidays);
  if (afterSpring) periods.push(afterSpring);
  return periods.sort((a, b) => compareDates(a.start, b.start) || compareDates(a.end, b.end));
}
