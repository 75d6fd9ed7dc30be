/**
 * From templates and one year's calendar to the campaigns of that year, with every date resolved.
 * Pure: the calendar comes in as data and a work-day predicate.
 */

import { findHoliday, type Holiday, type HolidayYear } from "../calendar/holiday-model.ts";
import { fillTemplate } from "../calendar/labels.ts";
import { addDays, compareDates, daysBetween, type LocalDate, yearOf } from "../calendar/local-date.ts";
import type { Period } from "../calendar/periods.ts";
import type { CampaignTemplate, DateRule, DateRuleBase, Target } from "./template.ts";

/** Answers whether a day is a work day (official calendar, make-up days included). */
export type IsWorkday = (date: LocalDate) => boolean;

/** One year's calendar as the planner needs it. */
export type PlanCalendar = { holidays: HolidayYear; periods: readonly Period[]; isWorkday: IsWorkday };

/** The four dates every campaign has, as stored on the Campaign row. */
export type CampaignDates = {
  opensOn: LocalDate;
  deadlineOn: LocalDate;
  /** The anchor's first day: first day off of the holiday, first day of the period. */
  startsOn: LocalDate;
  endsOn: LocalDate;
};

/** A leader card moment resolved to a day and time. */
export type PlannedCard = { id: string; label: string; on: LocalDate; at: string };

/** A campaign as the scheduler would create it. */
export type CampaignPlan = CampaignDates & {
  /** `<year>-<template id>`, e.g. `2026-spring_festival`. */
  key: string;
  templateId: string;
  year: number;
  name: string;
  /** The holiday's or period's name, e.g. 春节, or 中秋节、国庆节 when one absorbed the other. */
  anchorName: string;
  /** The last day the campaign has work (cards and their follow-ups included). */
  closesOn: LocalDate;
  /** Derived from computed holiday dates (no official schedule for the year yet). */
  provisional: boolean;
  /** False when the template has no enterprise reminders (leader cards only). */
  selfCheck: boolean;
  target: Target;
  cards: PlannedCard[];
};

/** A template that cannot be planned for a year, with the reason. */
export type PlanProblem = { templateId: string; year: number; message: string };

/** Moves `n` work days from `date` (0 = `date` itself, whatever it is). */
export function shiftWorkdays(date: LocalDate, n: number, isWorkday: IsWorkday): LocalDate {
  const step = n < 0 ? -1 : 1;
  let d = date;
  for (let left = Math.abs(n); left > 0; ) {
    d = addDays(d, step);
    if (isWorkday(d)) left--;
  }
  return d;
}

/** Resolves a date rule against the bases known so far. */
export function resolveDateRule(
  rule: DateRule,
  bases: Partial<Record<DateRuleBase, LocalDate>>,
  isWorkday: IsWorkday,
): LocalDate {
  const base = bases[rule.from];
  if (base === undefined) throw new Error(`date rule counts from ${rule.from}, which is not known here`);
  const day =
    rule.workdays !== undefined
      ? shiftWorkdays(base, rule.workdays, isWorkday)
      : addDays(base, rule.days ?? 0);
  if (!rule.roll || isWorkday(day)) return day;
  return shiftWorkdays(day, rule.roll === "forward" ? 1 : -1, isWorkday);
}

/** The days after `date` on which a card not yet acknowledged is sent again. */
export function chaseDays(
  date: LocalDate,
  chase: { everyDays: number; max: number; workdaysOnly: boolean },
  isWorkday: IsWorkday,
): LocalDate[] {
  const out: LocalDate[] = [];
  let d = date;
  let counted = 0;
  while (out.length < chase.max) {
    d = addDays(d, 1);
    if (chase.workdaysOnly && !isWorkday(d)) continue;
    counted++;
    if (counted % chase.everyDays === 0) out.push(d);
  }
  return out;
}

/** Cards of a template resolved against a campaign's dates, in the order they fall. */
export function resolveCards(
  template: CampaignTemplate,
  dates: CampaignDates,
  isWorkday: IsWorkday,
): PlannedCard[] {
  const bases = {
    start: dates.startsOn,
    end: dates.endsOn,
    opens: dates.opensOn,
    deadline: dates.deadlineOn,
  };
  return template.leaders.cards
    .map((c) => ({ id: c.id, label: c.label, on: resolveDateRule(c.on, bases, isWorkday), at: c.at }))
    .sort((a, b) => compareDates(a.on, b.on) || a.at.localeCompare(b.at));
}

/** The last day with work: the anchor's end, the deadline, or the last card's last follow-up. */
export function closingDay(
  template: CampaignTemplate,
  dates: CampaignDates,
  isWorkday: IsWorkday,
): LocalDate {
  const days = [dates.endsOn, dates.deadlineOn];
  const chase = template.leaders.chase;
  for (const card of resolveCards(template, dates, isWorkday)) {
    days.push(card.on);
    if (chase) days.push(...chaseDays(card.on, chase, isWorkday));
  }
  return days.sort(compareDates).at(-1) ?? dates.endsOn;
}

type Anchor = { start: LocalDate; end: LocalDate; name: string; provisional: boolean };

function holidayAnchor(holidays: readonly Holiday[], key: Holiday["key"]): Holiday | undefined {
  const h = findHoliday(holidays, key);
  // 中秋 merged into 国庆 (2025) is planned by the 国庆 template; the 中秋 one has no range of its own.
  return h?.key === key ? h : undefined;
}

function anchorOf(template: CampaignTemplate, year: number, calendar: PlanCalendar): Anchor | undefined {
  if ("holiday" in template.anchor) {
    const h = holidayAnchor(calendar.holidays.holidays, template.anchor.holiday);
    return h && { start: h.start, end: h.end, name: h.name, provisional: h.provisional };
  }
  const key = template.anchor.period;
  const p = calendar.periods.find((x) => x.key === key && yearOf(x.start) === year);
  return p && { start: p.start, end: p.end, name: p.name, provisional: p.provisional };
}

/** The holiday `template` absorbs this year, if it ends close enough before the anchor. */
function absorbed(template: CampaignTemplate, anchor: Anchor, calendar: PlanCalendar): Holiday | undefined {
  if (!template.absorbs) return undefined;
  const h = holidayAnchor(calendar.holidays.holidays, template.absorbs.holiday);
  if (!h || compareDates(h.end, anchor.start) >= 0) return undefined;
  return daysBetween(h.end, anchor.start) - 1 <= template.absorbs.withinDays ? h : undefined;
}

/**
 * The campaigns of `year`: one per template whose holiday or period falls in the year (a holiday
 * belongs to the year of its last day; a period to the year it starts). Templates whose holiday was
 * absorbed by another template that year, or is merged into another holiday, yield none.
 */
export function planYear(
  year: number,
  templates: readonly CampaignTemplate[],
  calendar: PlanCalendar,
): { plans: CampaignPlan[]; problems: PlanProblem[] } {
  const plans: CampaignPlan[] = [];
  const problems: PlanProblem[] = [];
  const absorbedHolidays = new Set<string>();
  const drafts: { template: CampaignTemplate; anchor: Anchor }[] = [];
  for (const template of templates) {
    const anchor = anchorOf(template, year, calendar);
    if (!anchor) continue;
    const swallowed = absorbed(template, anchor, calendar);
    if (swallowed) absorbedHolidays.add(swallowed.key);
    drafts.push({
      template,
      anchor: swallowed
        ? {
            start: swallowed.start,
            end: anchor.end,
            name: `${swallowed.name}、${anchor.name}`,
            provisional: anchor.provisional || swallowed.provisional,
          }
        : anchor,
    });
  }
  for (const { template, anchor } of drafts) {
    if ("holiday" in template.anchor && absorbedHolidays.has(template.anchor.holiday)) continue;
    const problem = (message: string) => problems.push({ templateId: template.id, year, message });
    const { isWorkday } = calendar;
    const opensOn = resolveDateRule(template.opens, { start: anchor.start, end: anchor.end }, isWorkday);
    const deadlineOn = resolveDateRule(
      template.deadline,
      { start: anchor.start, end: anchor.end, opens: opensOn },
      isWorkday,
    );
    if (compareDates(deadlineOn, opensOn) < 0) {
      problem(`deadline ${deadlineOn} is before the opening ${opensOn}`);
      continue;
    }
    const dates: CampaignDates = { opensOn, deadlineOn, startsOn: anchor.start, endsOn: anchor.end };
    const cards = resolveCards(template, dates, isWorkday);
    const early = cards.find((c) => compareDates(c.on, opensOn) < 0);
    if (early) {
      problem(`card ${early.id} on ${early.on} falls before the opening ${opensOn}`);
      continue;
    }
    plans.push({
      key: `${year}-${template.id}`,
      templateId: template.id,
      year,
      name: fillTemplate(template.name, { year, anchor: anchor.name }),
      anchorName: anchor.name,
      ...dates,
      closesOn: closingDay(template, dates, isWorkday),
      provisional: anchor.provisional,
      selfCheck: template.reminders !== undefined,
      target: template.target,
      cards,
    });
  }
  plans.sort((a, b) => compareDates(a.opensOn, b.opensOn) || a.key.localeCompare(b.key));
  return { plans, problems };
}
