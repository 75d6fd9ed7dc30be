/**
 * Public API of the calendar domain: Asia/Shanghai dates, official holidays and work days, supervision
 * periods, and the yearly calendar printout. Import from here rather than from the individual files.
 */

export { CalendarDataError, type CalendarLoader } from "./calendar-loader.ts";
export {
  buildCalendarYear,
  CALENDAR_ENTRY_KINDS,
  type CalendarEntry,
  type CalendarEntryKind,
  type CalendarYear,
  formatCalendar,
} from "./calendar-year.ts";
export { type FestivalDates, festivalDates } from "./festivals.ts";
export { type HolidayFileData, holidayFileSchema } from "./holiday-file.ts";
export {
  findHoliday,
  getHolidays,
  HOLIDAY_KEYS,
  HOLIDAY_NAMES,
  type Holiday,
  type HolidayFiles,
  type HolidayKey,
  type HolidaySource,
  type HolidayWarning,
  type HolidayWarningCode,
  type HolidayYear,
  isOffDay,
  isWorkday,
  isWorkdayIn,
  NO_HOLIDAY_FILES,
  nextWorkday,
  previousWorkday,
} from "./holidays.ts";
export { type CalendarLabels, calendarLabelsSchema, fillTemplate } from "./labels.ts";
export { libraryYears } from "./library-holidays.ts";
export {
  addDays,
  compareDates,
  datesInRange,
  daysBetween,
  fromMonthDay,
  isLocalDate,
  isWeekend,
  type LocalDate,
  shanghaiDateTime,
  toShanghaiDate,
  type Weekday,
  weekday,
  yearOf,
} from "./local-date.ts";
export {
  DEFAULT_PERIODS_CONFIG,
  getPeriods,
  PERIOD_KEYS,
  type Period,
  type PeriodKey,
  type PeriodsConfig,
  periodsConfigSchema,
} from "./periods.ts";
