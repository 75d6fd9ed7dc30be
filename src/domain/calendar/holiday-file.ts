/**
 * The admin-maintained official schedule `prompts/calendar/holidays-<year>.yaml` (format documented in
 * prompts/calendar/README.md): its schema and its conversion into holidays.
 */
import { z } from "zod";
import {
  findHoliday,
  HOLIDAY_KEYS,
  HOLIDAY_NAMES,
  type HolidayYear,
  makeHoliday,
  mergeMidAutumn,
  sortHolidays,
} from "./holiday-model.ts";
import { compareDates, daysBetween, isLocalDate, isWeekend, type LocalDate, yearOf } from "./local-date.ts";

// `abort` stops the file-level checks below from running on strings that are not dates.
const localDate = z
  .string()
  .refine(isLocalDate, { message: "must be a real date written YYYY-MM-DD", abort: true });

/** Longest plausible holiday range, and how far make-up days may lie from it (real ones: under 2 weeks). */
const MAX_RANGE_DAYS = 31;
const MAX_MAKEUP_DISTANCE = 31;

const entrySchema = z.strictObject({
  key: z.enum(HOLIDAY_KEYS),
  start: localDate,
  end: localDate,
  makeupWorkdays: z.array(localDate).default([]),
});

/**
 * Schema of `holidays-<year>.yaml`. Besides shapes it checks what a typo would break: the year matches the
 * file name, each range ends in that year and runs forwards, make-up days are weekend days near their
 * range, and keys and ranges do not repeat or overlap.
 */
export function holidayFileSchema(year: number) {
  return z
    .strictObject({
      year: z.number().int(),
      /** Free text: the notice's title or URL, for humans. */
      notice: z.string().optional(),
      holidays: z.array(entrySchema).min(1),
    })
    .superRefine((file, ctx) => {
      const issue = (path: (string | number)[], message: string) =>
        ctx.addIssue({ code: "custom", path, message });
      if (file.year !== year) issue(["year"], `is ${file.year} but the file name says ${year}`);
      file.holidays.forEach((h, i) => {
        const at = ["holidays", i];
        if (compareDates(h.end, h.start) < 0) issue([...at, "end"], `${h.end} is before start ${h.start}`);
        else if (daysBetween(h.start, h.end) >= MAX_RANGE_DAYS) {
          issue([...at, "end"], `range ${h.start}..${h.end} is longer than ${MAX_RANGE_DAYS} days`);
        }
        if (yearOf(h.end) !== year) issue([...at, "end"], `${h.end} is not in ${year}`);
        h.makeupWorkdays.forEach((d, j) => {
          const path = [...at, "makeupWorkdays", j];
          if (!isWeekend(d)) issue(path, `${d} is not a Saturday or Sunday, so it is a work day anyway`);
          if (compareDates(d, h.start) >= 0 && compareDates(d, h.end) <= 0) {
            issue(path, `${d} is inside the holiday ${h.start}..${h.end}`);
          }
          const distance = Math.max(daysBetween(d, h.start), daysBetween(h.end, d));
          if (distance > MAX_MAKEUP_DISTANCE)
            issue(path, `${d} is more than ${MAX_MAKEUP_DISTANCE} days from the holiday`);
        });
        file.holidays.slice(0, i).forEach((other, k) => {
          if (other.key === h.key) issue([...at, "key"], `${h.key} is already listed at holidays[${k}]`);
          else if (compareDates(h.start, other.end) <= 0 && compareDates(other.start, h.end) <= 0) {
            issue([...at, "start"], `${h.start}..${h.end} overlaps holidays[${k}] (${other.key})`);
          }
        });
      });
    });
}

/** A validated `holidays-<year>.yaml`. */
export type HolidayFileData = z.infer<ReturnType<typeof holidayFileSchema>>;

/** Where admin-entered schedules come from; {@link createCalendarLoader} reads them from YAML files. */
export type HolidayFiles = {
  /** The validated schedule for `year`, or undefined when none was entered. Throws if the file is malformed. */
  holidayFile(year: number): HolidayFileData | undefined;
};

/** A {@link HolidayFiles} with no files at all: only chinese-days and computed dates are used. */
export const NO_HOLIDAY_FILES: HolidayFiles = { holidayFile: () => undefined };

/**
 * The holidays of a validated file, marked `source: "data-file"`, not provisional. Warns for each of the
 * seven holidays the file does not mention (a 中秋 merged into 国庆 counts as mentioned).
 */
export function holidaysFromFile(file: HolidayFileData, midAutumnDay: LocalDate): HolidayYear {
  const holidays = sortHolidays(
    mergeMidAutumn(
      file.holidays.map((h) => makeHoliday(h, "data-file")),
      midAutumnDay,
    ),
  );
  const warnings = HOLIDAY_KEYS.filter((key) => !findHoliday(holidays, key)).map((key) => ({
    code: "missing_holiday" as const,
    year: file.year,
    key,
    message: `holidays-${file.year}.yaml does not list ${key} (${HOLIDAY_NAMES[key]})`,
  }));
  return { year: file.year, holidays, extraOffDays: [], extraWorkdays: [], warnings };
}
