/**
 * Official public holidays per year and the work-day rules that follow from them.
 *
 * Sources, first match wins:
 * 1. an admin data file `prompts/calendar/holidays-<year>.yaml` (see {@link HolidayFiles});
 * 2. the `chinese-days` package (2004–2026 in v1.5.7);
 * 3. computed from lunar/solar festival dates: `provisional`, make-up days only for the 3-day breaks of
 *    端午 and 中秋, and a `computed_year`
 *    warning so the caller can tell admins to enter the official schedule.
 */
import { computeProvisionalHolidays, festivalDates } from "./festivals.ts";
import { type HolidayFiles, holidaysFromFile } from "./holiday-file.ts";
import { freezeHolidayYear, type HolidayYear } from "./holiday-model.ts";
import { libraryHolidayYear } from "./library-holidays.ts";
import { addDays, isWeekend, type LocalDate, yearOf } from "./local-date.ts";

export { type HolidayFiles, NO_HOLIDAY_FILES } from "./holiday-file.ts";
export {
  findHoliday,
  HOLIDAY_DATE_BASIS,
  HOLIDAY_KEYS,
  HOLIDAY_NAMES,
  type Holiday,
  type HolidayDateBasis,
  type HolidayKey,
  type HolidaySource,
  type HolidayWarning,
  type HolidayWarningCode,
  type HolidayYear,
} from "./holiday-model.ts";

const computedCache = new Map<number, HolidayYear>();

function computedYear(year: number): HolidayYear {
  const cached = computedCache.get(year);
  if (cached) return cached;
  const result: HolidayYear = {
    year,
    holidays: computeProvisionalHolidays(year),
    extraOffDays: [],
    extraWorkdays: [],
    warnings: [
      {
        code: "computed_year",
        year,
        message: `no official holiday schedule for ${year}: holidays are computed from festival dates and provisional; add prompts/calendar/holidays-${year}.yaml once the State Council publishes it`,
      },
    ],
  };
  computedCache.set(year, freezeHolidayYear(result));
  return result;
}

/**
 * The holidays belonging to `year` (a holiday belongs to the year of its last day, so 元旦 starting on
 * 12-31 of the year before is included), sorted by start, with warnings for admins.
 * Results are shared between calls and frozen: copy before changing them.
 * @throws CalendarDataError (from `files`) when the year's data file is malformed.
 */
export function getHolidays(year: number, files: HolidayFiles): HolidayYear {
  const midAutumn = festivalDates(year).midAutumn;
  const file = files.holidayFile(year);
  if (file) return holidaysFromFile(file, midAutumn);
  return libraryHolidayYear(year, midAutumn) ?? computedYear(year);
}

/**
 * Work day or not, judged only from the given holiday years (pure; used for ranges already loaded):
 * official days off are off, make-up days are work days, otherwise Monday–Friday work.
 */
export function isWorkdayIn(date: LocalDate, years: readonly HolidayYear[]): boolean {
  for (const y of years) {
    if (y.extraOffDays.includes(date)) return false;
    if (y.extraWorkdays.includes(date)) return true;
    for (const h of y.holidays) {
      if (h.offDays.includes(date)) return false;
      if (h.makeupWorkdays.includes(date)) return true;
    }
  }
  return !isWeekend(date);
}

/** The holiday years that can decide `date`: its own year, and in late December also the next year's 元旦. */
function yearsAround(date: LocalDate, files: HolidayFiles): HolidayYear[] {
  const year = yearOf(date);
  // 元旦 can start on 12-29..12-31 and its make-up day can be a December weekend (2011-12-31). Reading the
  // next year only then keeps a broken next-year file from affecting the rest of the year.
  const nearNewYear = date.slice(5) >= "12-20";
  return nearNewYear ? [getHolidays(year, files), getHolidays(year + 1, files)] : [getHolidays(year, files)];
}

/**
 * True when `date` is a work day in mainland China: Monday–Friday outside official holidays, plus
 * make-up Saturdays/Sundays (调休上班). For provisional years, weekends and computed days off are off.
 */
export function isWorkday(date: LocalDate, files: HolidayFiles): boolean {
  return isWorkdayIn(date, yearsAround(date, files));
}

/** True when `date` is not a work day (weekend or holiday); always `!isWorkday(date, files)`. */
export function isOffDay(date: LocalDate, files: HolidayFiles): boolean {
  return !isWorkday(date, files);
}

/** No official off-stretch is anywhere near this long; the bound only turns a logic error into an exception. */
const MAX_SEARCH_DAYS = 60;

function stepToWorkday(date: LocalDate, step: 1 | -1, files: HolidayFiles): LocalDate {
  let d = date;
  for (let i = 0; i < MAX_SEARCH_DAYS; i++) {
    d = addDays(d, step);
    if (isWorkday(d, files)) return d;
  }
  throw new Error(`no work day within ${MAX_SEARCH_DAYS} days of ${date}`);
}

/** The first work day strictly after `date`, e.g. 2026-09-30 → 2026-10-08. */
export function nextWorkday(date: LocalDate, files: HolidayFiles): LocalDate {
  return stepToWorkday(date, 1, files);
}

/** The last work day strictly before `date`, e.g. 2026-10-08 → 2026-09-30. */
export function previousWorkday(date: LocalDate, files: HolidayFiles): LocalDate {
  return stepToWorkday(date, -1, files);
}
