/**
 * The scheduled work of one campaign, derived from its dates and template: every enterprise reminder
 * slot and every leader card (with its follow-ups), each with a deterministic key. The scheduler
 * compares these keys with the ScheduledWork rows already written, so what it does never depends on
 * a timer having fired.
 */
import {
  addDays,
  compareDates,
  datesInRange,
  type LocalDate,
  shanghaiDateTime,
} from "../calendar/local-date.ts";
import { type CampaignDates, chaseDays, type IsWorkday, resolveCards } from "./plan.ts";
import { type CampaignTemplate, cadenceOf, classVariants, DEFAULT_VARIANT } from "./template.ts";
import { campaignKeyPrefix } from "./work-keys.ts";

export { campaignKeyPrefix, isWorkResult, WORK_RESULTS, type WorkResult } from "./work-keys.ts";

/** What a reminder says: the opening notice, a chase, or the deadline-day call. */
export const REMINDER_STAGES = ["opened", "chase", "deadline"] as const;
/** What a reminder says. */
export type ReminderStage = (typeof REMINDER_STAGES)[number];

type Common = {
  /** `campaign:<campaign key>:…`, unique and stable across restarts. */
  key: string;
  /**
   * Items of one series replace each other: when several are due at once (after downtime), only the
   * latest is worth sending.
   */
  series: string;
  dueAt: Date;
  /** From this instant on the item is useless and is skipped instead of sent. */
  expiresAt: Date;
  day: LocalDate;
  time: string;
};

/** One reminder slot for the enterprises of one class variant that have not submitted. */
export type ReminderWork = Common & { kind: "reminder"; variant: string; stage: ReminderStage };

/** One leader card moment (`round` 0) or one follow-up for those who have not acknowledged it. */
export type CardWork = Common & { kind: "card"; cardId: string; label: string; round: number };

/** A unit of scheduled work. */
export type WorkItem = ReminderWork | CardWork;

/** The kinds of work, as written to ScheduledWork.kind. */
export const WORK_KINDS = { reminder: "campaign.reminder", card: "campaign.card" } as const;

/** A campaign as the work planner needs it. */
export type CampaignForWork = CampaignDates & { key: string; closesOn: LocalDate | null };

/** The instant a day ends in Asia/Shanghai (the next day's 00:00). */
export function endOfDay(day: LocalDate): Date {
  return shanghaiDateTime(addDays(day, 1), "00:00");
}

/** The reminder days of a campaign: opening to deadline, work days only unless the template says otherwise. */
export function reminderDays(dates: CampaignDates, workdaysOnly: boolean, isWorkday: IsWorkday): LocalDate[] {
  return datesInRange(dates.opensOn, dates.deadlineOn).filter((d) => !workdaysOnly || isWorkday(d));
}

function reminderWork(c: CampaignForWork, template: CampaignTemplate, isWorkday: IsWorkday): ReminderWork[] {
  const reminders = template.reminders;
  if (!reminders) return [];
  const days = reminderDays(c, reminders.workdaysOnly, isWorkday);
  const last = days.at(-1);
  const expiresAt = endOfDay(c.deadlineOn);
  const out: ReminderWork[] = [];
  for (const variant of [DEFAULT_VARIANT, ...classVariants(template)]) {
    const cadence = cadenceOf(template, variant);
    if (!cadence) continue;
    const picked = days.filter((d, i) => i % cadence.everyDays === 0 || d === last);
    for (const day of picked) {
      const times = day === c.deadlineOn && cadence.deadlineDay ? cadence.deadlineDay : cadence.times;
      for (const time of [...times].sort()) {
        const first = out.every((w) => w.variant !== variant);
        out.push({
          kind: "reminder",
          key: `${campaignKeyPrefix(c.key)}reminder:${variant}:${day}T${time}`,
          series: `reminder:${variant}`,
          dueAt: shanghaiDateTime(day, time),
          expiresAt,
          day,
          time,
          variant,
          stage: first ? "opened" : day === c.deadlineOn ? "deadline" : "chase",
        });
      }
    }
  }
  return out;
}

function cardWork(c: CampaignForWork, template: CampaignTemplate, isWorkday: IsWorkday): CardWork[] {
  const cards = resolveCards(template, c, isWorkday);
  const closes = endOfDay(c.closesOn ?? c.endsOn);
  const chase = template.leaders.chase;
  const out: CardWork[] = [];
  for (const [i, card] of cards.entries()) {
    const next = cards[i + 1];
    const expiresAt = next ? shanghaiDateTime(next.on, next.at) : closes;
    const rounds = [{ day: card.on, time: card.at }];
    if (chase) rounds.push(...chaseDays(card.on, chase, isWorkday).map((day) => ({ day, time: chase.at })));
    for (const [round, { day, time }] of rounds.entries()) {
      const dueAt = shanghaiDateTime(day, time);
      if (dueAt.getTime() >= expiresAt.getTime()) break;
      out.push({
        kind: "card",
        key: `${campaignKeyPrefix(c.key)}card:${card.id}:${round}`,
        series: "leader",
        dueAt,
        expiresAt,
        day,
        time,
        cardId: card.id,
        label: card.label,
        round,
      });
    }
  }
  return out;
}

/** Every piece of work of a campaign, ordered by due time. */
export function campaignWork(
  c: CampaignForWork,
  template: CampaignTemplate,
  isWorkday: IsWorkday,
): WorkItem[] {
  return [...reminderWork(c, template, isWorkday), ...cardWork(c, template, isWorkday)].sort(
    (a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.key.localeCompare(b.key),
  );
}

/** Days left until the deadline, counting the deadline day itself (1 on the deadline day). */
export function daysLeft(today: LocalDate, deadline: LocalDate): number {
  return Math.max(0, compareDates(deadline, today) + 1);
}
