/**
 * Festival dates from the lunar calendar and solar terms, and provisional holiday ranges built from them
 * for years without an official schedule.
 */
import { createRequire } from "node:module";
import type * as LunarLibrary from "lunar-typescript";
import {
  HOLIDAY_KEYS,
  type Holiday,
  type HolidayKey,
  makeHoliday,
  mergeMidAutumn,
  sortHolidays,
} from "./holiday-model.ts";
import {
  addDays,
  compareDates,
  datesInRange,
  fromMonthDay,
  isWeekend,
  type LocalDate,
  weekday,
} from "./local-date.ts";

/** The dates the seven holidays are anchored on in one Gregorian year. */
export type FestivalDates = {
  /** 除夕, the day before 正月初一. */
  chuxi: LocalDate;
  /** 春节, 正月初一. */
  springFestival: LocalDate;
  /** The 清明 solar term. */
  qingming: LocalDate;
  /** 端午, 五月初五. */
  dragonBoat: LocalDate;
  /** 中秋, 八月十五. */
  midAutumn: LocalDate;
};

/** lunar-typescript's supported range, with a margin. */
const MIN_YEAR = 1901;
const MAX_YEAR = 2099;

const festivalCache = new Map<number, FestivalDates>();

let lunarLibrary: typeof LunarLibrary | undefined;
/**
 * lunar-typescript (a 415 KB module), loaded the first time a festival date is worked out: every
 * command imports the calendar through the content loaders, and most never need a lunar date
 * (`report` and `chat` would pay some 20 ms to load it). Its CommonJS build, so it loads synchronously.
 */
function lunarFromYmd(year: number, month: number, day: number) {
  lunarLibrary ??= createRequire(import.meta.url)("lunar-typescript") as typeof LunarLibrary;
  return lunarLibrary.Lunar.fromYmd(year, month, day);
}

/** Lunar festival dates of `year` (lunar-typescript works on plain numbers, so no time zone is involved). */
export function festivalDates(year: number): FestivalDates {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
    throw new RangeError(`year out of range ${MIN_YEAR}–${MAX_YEAR}: ${year}`);
  }
  const cached = festivalCache.get(year);
  if (cached) return cached;
  // Lunar year N begins in late January or February of Gregorian year N, so 正月初一, 五月初五,
  // 八月十五 and the 清明 of lunar year N all fall in Gregorian year N.
  const newYear = lunarFromYmd(year, 1, 1).getSolar();
  const qingming = lunarFromYmd(year, 3, 1).getJieQiTable().清明;
  if (!qingming) throw new Error(`lunar-typescript has no 清明 for ${year}`);
  const dates: FestivalDates = {
    chuxi: newYear.next(-1).toYmd(),
    springFestival: newYear.toYmd(),
    qingming: qingming.toYmd(),
    dragonBoat: lunarFromYmd(year, 5, 5).getSolar().toYmd(),
    midAutumn: lunarFromYmd(year, 8, 15).getSolar().toYmd(),
  };
  festivalCache.set(year, Object.freeze(dates));
  return dates;
}

/**
 * Statutory days (法定假日) per holiday under 《全国年节及纪念日放假办法》 as amended in 2024 (in force
 * from 2025): 元旦 1, 春节 4 from 除夕, 清明 1, 劳动节 2, 端午 1, 中秋 1, 国庆 3.
 */
function statutoryDays(year: number, f: FestivalDates): Record<HolidayKey, LocalDate[]> {
  const on = (monthDay: string) => fromMonthDay(year, monthDay);
  return {
    new_year: [on("01-01")],
    spring_festival: [f.chuxi, f.springFestival, addDays(f.springFestival, 1), addDays(f.springFestival, 2)],
    qingming: [f.qingming],
    labour_day: [on("05-01"), on("05-02")],
    dragon_boat: [f.dragonBoat],
    mid_autumn: [f.midAutumn],
    national_day: [on("10-01"), on("10-02"), on("10-03")],
  };
}

/**
 * A plausible off-day range for a multiset of statutory days:
 * 1. the statutory days themselves;
 * 2. one extra weekday after the range for each statutory day that falls on a weekend, and for each day
 *    that is statutory twice (中秋 on a 国庆 day): the 办法's 补假 rule;
 * 3. widened over directly adjacent Saturdays/Sundays.
 * Make-up Saturdays (调休) are decided anew each year, so none are guessed.
 */
function plausibleRange(days: LocalDate[]): { start: LocalDate; end: LocalDate } {
  const sorted = [...new Set(days)].sort(compareDates);
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  if (first === undefined || last === undefined) throw new Error("no statutory days");
  let owed = days.filter(isWeekend).length + (days.length - sorted.length);
  let end = last;
  while (owed > 0) {
    end = addDays(end, 1);
    if (!isWeekend(end)) owed--;
  }
  let start = first;
  while (isWeekend(addDays(start, -1))) start = addDays(start, -1);
  while (isWeekend(addDays(end, 1))) end = addDays(end, 1);
  return { start, end };
}

/** The one-day festivals the State Council always turns into a 3-day break (放假调休共3天). */
const THREE_DAY_BREAKS: ReadonlySet<HolidayKey> = new Set(["dragon_boat", "mid_autumn"]);

/**
 * The 3-day break of a one-day festival as the yearly notices make it, by the festival's weekday:
 * Mon → Sat–Mon; Tue → Sun–Tue, the Saturday before worked (中秋 2021, 2024); Wed → Mon–Wed, the
 * weekend before worked (端午 2013); Thu → Thu–Sat, the Sunday after worked (端午 2020, 2023);
 * Fri → Fri–Sun; Sat → Sat–Mon (Monday 补假); Sun → Sat–Mon.
 */
function threeDayBreak(day: LocalDate): { start: LocalDate; end: LocalDate; makeupWorkdays: LocalDate[] } {
  const from = (startOffset: number, makeup: number[]) => ({
    start: addDays(day, startOffset),
    end: addDays(day, startOffset + 2),
    makeupWorkdays: makeup.map((n) => addDays(day, n)),
  });
  switch (weekday(day)) {
    case 1:
      return from(-2, []);
    case 2:
      return from(-2, [-3]);
    case 3:
      return from(-2, [-4, -3]);
    case 4:
      return from(0, [3]);
    case 5:
      return from(0, []);
    case 6:
      return from(0, []);
    default:
      return from(-1, []);
  }
}

/**
 * Provisional holidays for a year with no official schedule, all `provisional: true` and
 * `source: "computed"`. 端午 and 中秋 are 3-day breaks with the make-up days such a break needs
 * (every notice since 2008 has made them so); the other holidays get no guessed make-up days, since
 * their 调休 is decided anew each year. When 中秋's range touches 国庆's, they are computed as one range.
 */
export function computeProvisionalHolidays(year: number): Holiday[] {
  const f = festivalDates(year);
  const statutory = statutoryDays(year, f);
  const separate = HOLIDAY_KEYS.map((key) => {
    const festival = statutory[key][0];
    const range =
      THREE_DAY_BREAKS.has(key) && festival !== undefined
        ? threeDayBreak(festival)
        : { ...plausibleRange(statutory[key]), makeupWorkdays: [] };
    return makeHoliday({ key, ...range }, "computed");
  });
  // A shared statutory day (中秋 on 10-01..10-03) is owed back, so the combined range is recomputed from
  // both festivals' days rather than just joining the two separate ranges.
  const combinedRange = plausibleRange([...statutory.national_day, ...statutory.mid_autumn]);
  // The combined range owes days back instead of guessing 中秋's own make-up days.
  const merged = mergeMidAutumn(separate, f.midAutumn).map((h) =>
    h.merged.includes("mid_autumn")
      ? {
          ...h,
          ...combinedRange,
          offDays: datesInRange(combinedRange.start, combinedRange.end),
          makeupWorkdays: [],
        }
      : h,
  );
  return sortHolidays(merged);
}
