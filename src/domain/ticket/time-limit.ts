import {
  addDays,
  compareDates,
  isLocalDate,
  type LocalDate,
  shanghaiDateTime,
  toShanghaiDate,
} from "../calendar/local-date.ts";
import { parseChineseNumber } from "../checklist/chinese-number.ts";

/** A treatment plan may set a deadline up to a year ahead (挂牌督办 lasts at most a year). */
const MAX_DAYS = 365;
const HOUR_MS = 3_600_000;

/** A Chinese numeral (三十, 十五, 一百二十, 两) or ASCII digits; null otherwise. */
export function readCount(raw: string): number | null {
  return /^\d+$/.test(raw) ? Number(raw) : parseChineseNumber(raw);
}

const NUMBER = "(\\d+|[零〇一二两三四五六七八九十百]+)";
const FULL_DATE = /(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})/;
const MONTH_DAY = /(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]/;
const HOURS = new RegExp(`${NUMBER}\\s*个?\\s*小时`);
const SPAN = new RegExp(`${NUMBER}\\s*个?\\s*(工作日|天|日|周|星期|月)`);

const pad = (n: string | number) => String(n).padStart(2, "0");
const endOf = (date: LocalDate) => shanghaiDateTime(date, "23:59");

/** Calendar days a span of `n` units covers (工作日 as five in seven calendar days). */
function spanDays(n: number, unit: string): number {
  switch (unit) {
    case "工作日":
      return Math.ceil((n * 7) / 5);
    case "周":
    case "星期":
      return n * 7;
    case "月":
      return n * 30;
    default:
      return n;
  }
}

/**
 * Reads the 治理时限 of a treatment plan as a deadline: a date (2026-11-30, 2026年11月30日,
 * 11月30日), a number of hours, days, working days, weeks or months (「30天内」「十五个工作日」
 * 「两周」). Null when nothing can be read, or the deadline is not after `now` and within a year.
 */
export function readTimeLimit(text: string, now: Date): Date | null {
  const t = text.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  const today = toShanghaiDate(now);
  let deadline: Date | null = null;
  const full = FULL_DATE.exec(t);
  const monthDay = full ? null : MONTH_DAY.exec(t);
  const hours = full || monthDay ? null : HOURS.exec(t);
  const span = full || monthDay || hours ? null : SPAN.exec(t);
  if (full) {
    const date = `${full[1]}-${pad(full[2] ?? "")}-${pad(full[3] ?? "")}`;
    deadline = isLocalDate(date) ? endOf(date) : null;
  } else if (monthDay) {
    const year = Number(today.slice(0, 4));
    const md = `${pad(monthDay[1] ?? "")}-${pad(monthDay[2] ?? "")}`;
    // A month and day already past this year mean next year's.
    const thisYear = `${year}-${md}`;
    const date = isLocalDate(thisYear) && compareDates(thisYear, today) >= 0 ? thisYear : `${year + 1}-${md}`;
    deadline = isLocalDate(date) ? endOf(date) : null;
  } else if (hours) {
    const n = readCount(hours[1] ?? "");
    deadline = n ? new Date(now.getTime() + n * HOUR_MS) : null;
  } else if (span) {
    const n = readCount(span[1] ?? "");
    deadline = n ? endOf(addDays(today, spanDays(n, span[2] ?? ""))) : null;
  }
  if (!deadline || Number.isNaN(deadline.getTime())) return null;
  const latest = endOf(addDays(today, MAX_DAYS));
  return deadline.getTime() > now.getTime() && deadline.getTime() <= latest.getTime() ? deadline : null;
}
