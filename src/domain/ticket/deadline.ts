import { addDays, shanghaiDateTime, toShanghaiDate } from "../calendar/local-date.ts";

/**
 * How long a hazard may take to fix, as a rule or the policy gives it: whole days (to the end of
 * that day in Asia/Shanghai), or hours from the finding for imminent danger.
 */
export type DeadlineRule = { deadlineDays: number; deadlineHours?: number };

const HOUR_MS = 3_600_000;

/** The deadline of a hazard found at `now`: `deadlineHours` after it, or the end of the day `deadlineDays` later. */
export function deadlineFrom(now: Date, rule: DeadlineRule): Date {
  if (rule.deadlineHours !== undefined) return new Date(now.getTime() + rule.deadlineHours * HOUR_MS);
  return shanghaiDateTime(addDays(toShanghaiDate(now), rule.deadlineDays), "23:59");
}

/**
 * The longest a rule's deadline can be, in hours, whatever the hour of the finding: used to find
 * the shorter of two deadlines without knowing when the hazard will be registered.
 */
export function longestHours(rule: DeadlineRule): number {
  return rule.deadlineHours ?? (rule.deadlineDays + 1) * 24;
}

/** A deadline as people read it: the day, and the minute too when it is not the end of the day. */
export function formatDeadline(deadline: Date): string {
  const wall = new Date(deadline.getTime() + 8 * HOUR_MS).toISOString();
  const hhmm = wall.slice(11, 16);
  return hhmm === "23:59" ? toShanghaiDate(deadline) : `${wall.slice(0, 10)} ${hhmm}`;
}
