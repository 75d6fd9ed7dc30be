/**
 * The catch-up policy: given the work that is due and not yet done, what to do now. Pure, so the
 * policy can be read and tested apart from the database.
 *
 * For each series (one reminder variant, or the leader cards of a campaign):
 * 1. all but the latest due item are skipped as `superseded`: after downtime one reminder is sent,
 *    not three in a row;
 * 2. the latest is skipped as `too_late` once it has expired (a reminder after its deadline day, a
 *    card once the next card is due or the campaign is over);
 * 3. it is skipped as `stale` when it is more than `maxLatenessMs` late: a Friday-afternoon chase is
 *    not sent on Monday morning, a few minutes before Monday's own reminder;
 * 4. late work that is still useful is deferred during quiet hours (no reminders at 2 a.m. because
 *    the server came back then) and sent when they end;
 * 5. everything else runs now, however late (within the bounds above).
 */
import type { WorkItem } from "./work.ts";

/** Why due work was not done. */
export const SKIP_REASONS = ["superseded", "too_late", "stale"] as const;
/** Why due work was not done. */
export type SkipReason = (typeof SKIP_REASONS)[number];

/** How late work is treated. */
export type CatchUpPolicy = {
  /** Work later than this is skipped as stale. */
  maxLatenessMs: number;
  /** Work at most this late counts as on time (a tick runs every minute) and ignores quiet hours. */
  onTimeMs: number;
  /** Asia/Shanghai wall-clock window (`HH:mm`, may cross midnight) in which late work waits. */
  quietHours: { from: string; to: string } | null;
};

/** Defaults: 12 hours of lateness at most, quiet from 21:00 to 07:30. */
export const DEFAULT_CATCH_UP_POLICY: CatchUpPolicy = {
  maxLatenessMs: 12 * 60 * 60_000,
  onTimeMs: 10 * 60_000,
  quietHours: { from: "21:00", to: "07:30" },
};

/** What to do with the due work. */
export type Triage<T extends WorkItem = WorkItem> = {
  run: T[];
  skip: { item: T; reason: SkipReason }[];
  /** Late work held back by quiet hours; neither done nor skipped. */
  deferred: T[];
};

/** Minutes since midnight in Asia/Shanghai (UTC+8, no daylight saving). */
function shanghaiMinutes(at: Date): number {
  const shifted = new Date(at.getTime() + 8 * 60 * 60_000);
  return shifted.getUTCHours() * 60 + shifted.getUTCMinutes();
}

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(":").map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/** True when `at` falls in the quiet window. */
export function inQuietHours(at: Date, quiet: CatchUpPolicy["quietHours"]): boolean {
  if (!quiet) return false;
  const now = shanghaiMinutes(at);
  const from = minutesOf(quiet.from);
  const to = minutesOf(quiet.to);
  return from <= to ? now >= from && now < to : now >= from || now < to;
}

/** Applies the policy to `items` (all work of some campaigns) as of `now`. */
export function triageDueWork<T extends WorkItem>(
  items: readonly T[],
  isDone: (key: string) => boolean,
  now: Date,
  policy: CatchUpPolicy = DEFAULT_CATCH_UP_POLICY,
): Triage<T> {
  const result: Triage<T> = { run: [], skip: [], deferred: [] };
  const bySeries = new Map<string, T[]>();
  for (const item of items) {
    if (item.dueAt.getTime() > now.getTime() || isDone(item.key)) continue;
    bySeries.set(item.series, [...(bySeries.get(item.series) ?? []), item]);
  }
  const quiet = inQuietHours(now, policy.quietHours);
  for (const due of bySeries.values()) {
    due.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
    const latest = due.pop();
    for (const item of due) result.skip.push({ item, reason: "superseded" });
    if (!latest) continue;
    const lateness = now.getTime() - latest.dueAt.getTime();
    if (now.getTime() >= latest.expiresAt.getTime()) result.skip.push({ item: latest, reason: "too_late" });
    else if (lateness > policy.maxLatenessMs) result.skip.push({ item: latest, reason: "stale" });
    else if (quiet && lateness > policy.onTimeMs) result.deferred.push(latest);
    else result.run.push(latest);
  }
  return result;
}
