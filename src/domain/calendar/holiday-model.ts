import { compareDates, datesInRange, type LocalDate } from "./local-date.ts";

/** The seven official public holidays (法定节假日), in calendar order. */
export const HOLIDAY_KEYS = [
  "new_year",
  "spring_festival",
  "qingming",
  "labour_day",
  "dragon_boat",
  "mid_autumn",
  "national_day",
] as const;

/** One of the seven official public holidays. */
export type HolidayKey = (typeof HOLIDAY_KEYS)[number];

/** Official Chinese names as used in the State Council's yearly notice. */
export const HOLIDAY_NAMES: Readonly<Record<HolidayKey, string>> = {
  new_year: "元旦",
  spring_festival: "春节",
  qingming: "清明节",
  labour_day: "劳动节",
  dragon_boat: "端午节",
  mid_autumn: "中秋节",
  national_day: "国庆节",
};

/**
 * What a holiday's date follows, which is what its computed (provisional) dates are computed from:
 * the lunar calendar (春节, 端午, 中秋), a solar term (清明), or a fixed Gregorian date whose days off
 * follow past years' practice (元旦, 劳动节, 国庆).
 */
export const HOLIDAY_DATE_BASIS: Readonly<Record<HolidayKey, "lunar" | "solar_term" | "fixed">> = {
  new_year: "fixed",
  spring_festival: "lunar",
  qingming: "solar_term",
  labour_day: "fixed",
  dragon_boat: "lunar",
  mid_autumn: "lunar",
  national_day: "fixed",
};
/** What a holiday's date follows. */
export type HolidayDateBasis = (typeof HOLIDAY_DATE_BASIS)[HolidayKey];

/** Where a holiday range came from, from most to least authoritative. */
export const HOLIDAY_SOURCES = ["data-file", "chinese-days", "computed"] as const;
/** Where a holiday range came from. */
export type HolidaySource = (typeof HOLIDAY_SOURCES)[number];

/**
 * One public holiday as a range of days off.
 *
 * When 中秋 falls inside or right next to the 国庆 days (2012, 2017, 2020, 2023, 2025, 2028 …) the official
 * notice lists one combined range ("国庆节、中秋节：10月1日至8日"). We do the same: a single entry keyed
 * `national_day`, named in date order ("国庆节、中秋节" or "中秋节、国庆节"), with `merged: ["mid_autumn"]`,
 * and no separate `mid_autumn` entry that year. Look a festival up with {@link findHoliday} to get either.
 */
export type Holiday = {
  key: HolidayKey;
  /** Chinese name, e.g. 春节, or a combined name such as 国庆节、中秋节. */
  name: string;
  /** First day off. For 元旦 this can be in December of the previous year. */
  start: LocalDate;
  /** Last day off; its year is the year the holiday belongs to. */
  end: LocalDate;
  /** Every day from `start` to `end` (official ranges are contiguous and include the weekends inside). */
  offDays: LocalDate[];
  /** Saturdays/Sundays that are work days because of this holiday (调休上班), ascending. */
  makeupWorkdays: LocalDate[];
  /** True when computed from festival dates because no official schedule is known for the year. */
  provisional: boolean;
  source: HolidaySource;
  /** Other festivals whose days are inside this range (only ever `["mid_autumn"]` on `national_day`). */
  merged: HolidayKey[];
};

/** Closed set of warning codes returned with a year's holidays. */
export const HOLIDAY_WARNING_CODES = ["computed_year", "missing_holiday", "unlisted_official_days"] as const;
/** Closed set of warning codes returned with a year's holidays. */
export type HolidayWarningCode = (typeof HOLIDAY_WARNING_CODES)[number];

/**
 * Something admins should know about a year's holiday data. `message` is English for logs; the CLI renders
 * `code` through the templates in prompts/calendar/labels.yaml.
 */
export type HolidayWarning = {
  code: HolidayWarningCode;
  year: number;
  /** The holiday concerned, for `missing_holiday`. */
  key?: HolidayKey;
  /** Free detail, e.g. the unlisted holiday's name for `unlisted_official_days`. */
  detail?: string;
  message: string;
};

/** The holidays that belong to one year, plus official days that none of the seven keys can describe. */
export type HolidayYear = {
  year: number;
  /** Sorted by start date. */
  holidays: Holiday[];
  /** Official days off outside the seven holidays, e.g. 2015-09-03/04 (抗战胜利70周年纪念日). */
  extraOffDays: LocalDate[];
  /** Official make-up work days belonging to those extra days off, e.g. 2015-09-06. */
  extraWorkdays: LocalDate[];
  warnings: HolidayWarning[];
};

/** Input for {@link makeHoliday}: a range and its make-up days. */
export type HolidayRange = { key: HolidayKey; start: LocalDate; end: LocalDate; makeupWorkdays: LocalDate[] };

/** Builds a {@link Holiday} with the standard name and every day of the range as an off day. */
export function makeHoliday(range: HolidayRange, source: HolidaySource): Holiday {
  return {
    key: range.key,
    name: HOLIDAY_NAMES[range.key],
    start: range.start,
    end: range.end,
    offDays: datesInRange(range.start, range.end),
    makeupWorkdays: [...range.makeupWorkdays].sort(compareDates),
    provisional: source === "computed",
    source,
    merged: [],
  };
}

function touches(a: { start: LocalDate; end: LocalDate }, b: { start: LocalDate; end: LocalDate }): boolean {
  // Adjacent counts: 2012's 中秋 (09-30) directly before 国庆 (10-01) was announced as one range.
  return compareDates(b.start, a.end) <= 1 && compareDates(a.start, b.end) <= 1;
}

/**
 * Folds 中秋 into 国庆 when they touch, as the official notice does (see {@link Holiday}).
 * `midAutumnDay` is the lunar 八月十五 of the year; it decides the name order and catches years like 2020
 * where the source has no separate 中秋 days because 中秋 was 10-01 itself.
 */
export function mergeMidAutumn(holidays: Holiday[], midAutumnDay: LocalDate): Holiday[] {
  const national = holidays.find((h) => h.key === "national_day");
  if (!national) return holidays;
  const mid = holidays.find((h) => h.key === "mid_autumn");
  const midRange = mid ?? { start: midAutumnDay, end: midAutumnDay };
  if (!touches(national, midRange)) return holidays;
  const start = compareDates(midRange.start, national.start) < 0 ? midRange.start : national.start;
  const end = compareDates(midRange.end, national.end) > 0 ? midRange.end : national.end;
  const midFirst = compareDates(midRange.start, national.start) < 0;
  const combined: Holiday = {
    ...national,
    name: midFirst
      ? `${HOLIDAY_NAMES.mid_autumn}、${HOLIDAY_NAMES.national_day}`
      : `${HOLIDAY_NAMES.national_day}、${HOLIDAY_NAMES.mid_autumn}`,
    start,
    end,
    offDays: datesInRange(start, end),
    makeupWorkdays: [...new Set([...national.makeupWorkdays, ...(mid?.makeupWorkdays ?? [])])].sort(
      compareDates,
    ),
    provisional: national.provisional || (mid?.provisional ?? false),
    merged: ["mid_autumn"],
  };
  return holidays.filter((h) => h !== mid && h !== national).concat(combined);
}

/** Sorts holidays by start date (then end date). */
export function sortHolidays(holidays: Holiday[]): Holiday[] {
  return [...holidays].sort((a, b) => compareDates(a.start, b.start) || compareDates(a.end, b.end));
}

/** The entry covering festival `key` (its own, or the combined 国庆节、中秋节 entry for `mid_autumn`). */
export function findHoliday(holidays: readonly Holiday[], key: HolidayKey): Holiday | undefined {
  return holidays.find((h) => h.key === key) ?? holidays.find((h) => h.merged.includes(key));
}

/**
 * Deep-freezes a cached {@link HolidayYear}: results are shared between callers, so an accidental
 * `holidays.sort()` or push must fail instead of corrupting everyone's calendar.
 */
export function freezeHolidayYear(year: HolidayYear): HolidayYear {
  for (const h of year.holidays) {
    Object.freeze(h.offDays);
    Object.freeze(h.makeupWorkdays);
    Object.freeze(h.merged);
    Object.freeze(h);
  }
  for (const w of year.warnings) Object.freeze(w);
  for (const list of [year.holidays, year.extraOffDays, year.extraWorkdays, year.warnings])
    Object.freeze(list);
  return Object.freeze(year);
}
