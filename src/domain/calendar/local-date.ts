/**
 * Calendar dates as `YYYY-MM-DD` strings, interpreted in Asia/Shanghai.
 *
 * Business dates (holidays, due dates, inspection days) are days on the wall calendar in China, not
 * instants. Keeping them as plain strings and doing the arithmetic on UTC day numbers means the answers
 * never depend on the host's time zone (`TZ=UTC`, `TZ=America/New_York`, ...), which is exactly what goes
 * wrong when a `Date` is handed to libraries that read it with local getters.
 */

/** A calendar day `YYYY-MM-DD` (proleptic Gregorian), meaning that day in Asia/Shanghai. */
export type LocalDate = string;

/** A day of the week, 0 = Sunday … 6 = Saturday (the `Date#getUTCDay` convention). */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

/** Asia/Shanghai is UTC+8 all year: China has not observed daylight saving time since 1991. */
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Days since 1970-01-01 of a valid date string, or undefined when the string is not a real date. */
function tryDayNumber(date: string): number | undefined {
  const match = DATE_PATTERN.exec(date);
  if (!match) return undefined;
  const [, y, m, d] = match;
  const ms = Date.UTC(Number(y), Number(m) - 1, Number(d));
  // Date.UTC rolls 02-30 over to 03-02; a round trip catches impossible dates.
  if (new Date(ms).toISOString().slice(0, 10) !== date) return undefined;
  return ms / DAY_MS;
}

function dayNumber(date: LocalDate): number {
  const n = tryDayNumber(date);
  // Invalid dates here are programming errors (user input is validated at the edges), so fail loudly.
  if (n === undefined) throw new RangeError(`not a YYYY-MM-DD date: ${JSON.stringify(date)}`);
  return n;
}

function fromDayNumber(n: number): LocalDate {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

/** True when `value` is a real calendar date written `YYYY-MM-DD` (so `2026-02-30` is rejected). */
export function isLocalDate(value: string): value is LocalDate {
  return tryDayNumber(value) !== undefined;
}

/** The Asia/Shanghai calendar day that contains `instant`, e.g. 2026-09-30T16:30Z → `2026-10-01`. */
export function toShanghaiDate(instant: Date): LocalDate {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError("invalid Date");
  return new Date(ms + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * The instant at which Asia/Shanghai wall clocks show `hhmm` (`HH:mm`, 24-hour) on `date`.
 * @example shanghaiDateTime("2026-10-01", "09:00").toISOString() === "2026-10-01T01:00:00.000Z"
 */
export function shanghaiDateTime(date: LocalDate, hhmm: string): Date {
  const time = TIME_PATTERN.exec(hhmm);
  if (!time) throw new RangeError(`not an HH:mm time: ${JSON.stringify(hhmm)}`);
  const minutes = Number(time[1]) * 60 + Number(time[2]);
  return new Date(dayNumber(date) * DAY_MS + minutes * 60_000 - SHANGHAI_OFFSET_MS);
}

/** `date` moved by `n` calendar days (negative `n` goes back). */
export function addDays(date: LocalDate, n: number): LocalDate {
  if (!Number.isInteger(n)) throw new RangeError(`day count must be an integer: ${n}`);
  return fromDayNumber(dayNumber(date) + n);
}

/** Day of the week of `date`: 0 = Sunday … 6 = Saturday. */
export function weekday(date: LocalDate): Weekday {
  // 1970-01-01 was a Thursday (4).
  return ((((dayNumber(date) + 4) % 7) + 7) % 7) as Weekday;
}

/** True on Saturdays and Sundays (before any holiday or make-up work day rules). */
export function isWeekend(date: LocalDate): boolean {
  const d = weekday(date);
  return d === 0 || d === 6;
}

/** Calendar days from `a` to `b`: positive when `b` is later, e.g. `daysBetween("2026-01-01", "2026-01-03") === 2`. */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  return dayNumber(b) - dayNumber(a);
}

/** Sort comparator: negative when `a` is earlier than `b`, 0 when equal, positive when later. */
export function compareDates(a: LocalDate, b: LocalDate): number {
  return dayNumber(a) - dayNumber(b);
}

/** Every day from `start` to `end`, both included (empty when `end` is before `start`). */
export function datesInRange(start: LocalDate, end: LocalDate): LocalDate[] {
  const first = dayNumber(start);
  const last = dayNumber(end);
  const out: LocalDate[] = [];
  for (let n = first; n <= last; n++) out.push(fromDayNumber(n));
  return out;
}

/** The calendar year of `date`. */
export function yearOf(date: LocalDate): number {
  dayNumber(date);
  return Number(date.slice(0, 4));
}

/** The date `YYYY-MM-DD` built from a year and a `MM-DD` month-day; throws if that day does not exist. */
export function fromMonthDay(year: number, monthDay: string): LocalDate {
  const date = `${String(year).padStart(4, "0")}-${monthDay}`;
  dayNumber(date);
  return date;
}
