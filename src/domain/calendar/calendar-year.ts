/**
 * One year's inspection calendar: public holidays and supervision periods in one list, and the text that
 * `xunjian calendar --year <y>` prints.
 */
import type { CalendarLoader } from "./calendar-loader.ts";
import { HOLIDAY_NAMES, type Holiday, type HolidayWarning } from "./holiday-model.ts";
import { getHolidays } from "./holidays.ts";
import { type CalendarLabels, fillTemplate } from "./labels.ts";
import { compareDates, type LocalDate, weekday } from "./local-date.ts";
import { getPeriods, type Period } from "./periods.ts";

/** The kinds of calendar entry. */
export const CALENDAR_ENTRY_KINDS = ["holiday", "period"] as const;
/** The kinds of calendar entry. */
export type CalendarEntryKind = (typeof CALENDAR_ENTRY_KINDS)[number];

/** A holiday or a supervision period, tagged with its kind. */
export type CalendarEntry = ({ kind: "holiday" } & Holiday) | ({ kind: "period" } & Period);

/** Everything known about one year's calendar. */
export type CalendarYear = {
  year: number;
  /** Sorted by start date; on equal starts holidays come first, then the shorter entry. */
  entries: CalendarEntry[];
  /** Official days off outside the seven holidays (see `HolidayYear.extraOffDays`). */
  extraOffDays: LocalDate[];
  /** Things admins should act on, e.g. a year computed without an official schedule. */
  warnings: HolidayWarning[];
};

const KIND_ORDER: Readonly<Record<CalendarEntryKind, number>> = { holiday: 0, period: 1 };

/**
 * Combines the year's holidays (data file, chinese-days or computed) with its supervision periods.
 * @throws CalendarDataError when a data file involved is malformed.
 */
export function buildCalendarYear(
  year: number,
  loader: Pick<CalendarLoader, "holidayFile" | "periodsConfig">,
): CalendarYear {
  const holidays = getHolidays(year, loader);
  const periods = getPeriods(year, holidays, loader.periodsConfig());
  const entries: CalendarEntry[] = [
    ...holidays.holidays.map((h) => ({ kind: "holiday" as const, ...h })),
    ...periods.map((p) => ({ kind: "period" as const, ...p })),
  ].sort(
    (a, b) =>
      compareDates(a.start, b.start) || KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || compareDates(a.end, b.end),
  );
  return { year, entries, extraOffDays: holidays.extraOffDays, warnings: holidays.warnings };
}

function formatEntry(entry: CalendarEntry, labels: CalendarLabels): string {
  const columns = [
    `${labels.kinds[entry.kind]}${entry.name}${entry.provisional ? labels.provisional : ""}`,
    fillTemplate(labels.range, { start: entry.start, end: entry.end }),
  ];
  if (entry.kind === "holiday") {
    columns.push(fillTemplate(labels.offDays, { count: entry.offDays.length }));
    if (entry.makeupWorkdays.length > 0) {
      const dates = entry.makeupWorkdays
        .map((date) =>
          fillTemplate(labels.makeupDate, { date, weekday: labels.weekdays[weekday(date)] ?? "" }),
        )
        .join(labels.listSeparator);
      columns.push(fillTemplate(labels.makeupWorkdays, { dates }));
    }
  }
  return columns.join(labels.columnSeparator);
}

function formatWarning(warning: HolidayWarning, labels: CalendarLabels): string {
  const text = fillTemplate(labels.warnings[warning.code], {
    year: warning.year,
    name: warning.key ? HOLIDAY_NAMES[warning.key] : "",
    detail: warning.detail ?? "",
  });
  return `${labels.warningPrefix}${text}`;
}

/**
 * The printout of {@link buildCalendarYear}'s result: a title line, one line per entry (name with the
 * provisional mark, range, and for holidays the number of days off and the make-up work days), then one
 * line per warning. All wording comes from `labels` (prompts/calendar/labels.yaml).
 */
export function formatCalendar(calendar: CalendarYear, labels: CalendarLabels): string {
  const lines = [fillTemplate(labels.title, { year: calendar.year })];
  if (calendar.entries.length === 0) lines.push(labels.empty);
  for (const entry of calendar.entries) lines.push(formatEntry(entry, labels));
  for (const warning of calendar.warnings) lines.push(formatWarning(warning, labels));
  return lines.join("\n");
}
