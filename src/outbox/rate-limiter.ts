/**
 * Send-rate limits per channel, per recipient and per group, as token buckets: a limit of N per
 * window is a bucket of N tokens, a send spends one (or one per platform message it takes), and a
 * token comes back one window after its send started, but not before that send has finished. So
 * no window ever sees more than N sends started, and a send still in flight keeps its token.
 *
 * In memory, seeded from the database (what was sent in the window) by the dispatcher the first
 * time it sends to a recipient: one process owns a channel's bot account (one process per
 * DATA_DIR), so its history plus the database's is what counts, and a restart forgets nothing.
 */
import { z } from "zod";

/** At most `limit` sends in any `perMs` milliseconds. */
export type WindowLimit = { limit: number; perMs: number };

/** The limits of one channel. */
export type ChannelLimits = {
  /** Over the whole channel (one bot account). */
  global?: WindowLimit[];
  /** To any one recipient. */
  perRecipient?: WindowLimit[];
  /** Extra limits for recipients whose id matches `pattern`, e.g. Telegram groups (negative chat ids). */
  groups?: { pattern: string; limits: WindowLimit[] };
};

/** Limits by channel name; a channel not listed is not limited. */
export type RateLimits = Readonly<Record<string, ChannelLimits>>;

const windowLimit = z.strictObject({
  limit: z.number().int().positive(),
  perMs: z.number().int().positive(),
});

/** Schema for limits given as JSON (e.g. an environment variable), merged over the defaults by channel. */
export const rateLimitsSchema = z.record(
  z.string(),
  z.strictObject({
    global: z.array(windowLimit).optional(),
    perRecipient: z.array(windowLimit).optional(),
    groups: z.strictObject({ pattern: z.string(), limits: z.array(windowLimit) }).optional(),
  }),
);

/** Defaults (the registry's `DEFAULT_RATE_LIMITS`) overridden channel by channel. */
export function mergeRateLimits(overrides: RateLimits, base: RateLimits): RateLimits {
  return { ...base, ...overrides };
}

/** A spent token: when its send started, and whether that send is still in flight. */
type Spent = { at: number; inFlight: boolean };

/**
 * Tokens taken for one send: `sending` when the request actually leaves (the window counts from
 * then, not from the reservation), `finish` when it is over, `cancel` when it never went out.
 */
export type Ticket = { sending(now: number): void; finish(): void; cancel(): void };

/** Token buckets per channel, recipient and group. */
export class RateLimiter {
  private readonly spent = new Map<string, Spent[]>();
  private readonly pausedUntil = new Map<string, number>();
  private readonly groupPatterns = new Map<string, RegExp>();
  private takes = 0;

  constructor(private readonly limits: RateLimits = {}) {}

  /** The longest window of the limits on one recipient of a channel, in ms (0 when none). */
  recipientHorizon(channel: string, recipient: string): number {
    const limits = this.recipientLimits(channel, recipient);
    return limits.length ? Math.max(...limits.map((l) => l.perMs)) : 0;
  }

  private recipientLimits(channel: string, recipient: string): WindowLimit[] {
    const c = this.limits[channel];
    if (!c) return [];
    const out = [...(c.perRecipient ?? [])];
    if (c.groups) {
      let re = this.groupPatterns.get(channel);
      if (!re) {
        re = new RegExp(c.groups.pattern);
        this.groupPatterns.set(channel, re);
      }
      if (re.test(recipient)) out.push(...c.groups.limits);
    }
    return out;
  }

  /**
   * Milliseconds until `n` tokens are free in every bucket of `limits` (0: now; Infinity: only
   * when sends in flight finish). A send taking more tokens than a bucket holds waits for a full
   * bucket.
   */
  private static wait(
    spent: readonly Spent[] | undefined,
    limits: readonly WindowLimit[],
    now: number,
    n: number,
  ) {
    if (!spent || limits.length === 0) return 0;
    let wait = 0;
    for (const { limit, perMs } of limits) {
      // When each token still out comes back: a window after its send, once that send is over.
      const back = spent
        .map((s) => (s.inFlight ? Number.POSITIVE_INFINITY : s.at + perMs))
        .filter((t) => t > now)
        .sort((a, b) => a - b);
      const over = back.length + Math.min(n, limit) - limit;
      if (over > 0) wait = Math.max(wait, (back[over - 1] ?? now) - now);
    }
    return wait;
  }

  private paused(key: string, now: number): number {
    return Math.max(0, (this.pausedUntil.get(key) ?? 0) - now);
  }

  /** Milliseconds until the channel as a whole may send `n` more messages (0: now). */
  channelDelay(channel: string, now: number, n = 1): number {
    const key = `c:${channel}`;
    return Math.max(
      this.paused(key, now),
      RateLimiter.wait(this.spent.get(key), this.limits[channel]?.global ?? [], now, n),
    );
  }

  /** Milliseconds until `n` messages to `recipient` may go (0: now), the channel's limits included. */
  delayFor(channel: string, recipient: string, now: number, n = 1): number {
    const key = `r:${channel}:${recipient}`;
    return Math.max(
      this.paused(key, now),
      this.channelDelay(channel, now, n),
      RateLimiter.wait(this.spent.get(key), this.recipientLimits(channel, recipient), now, n),
    );
  }

  /** Takes `n` tokens for a send starting now; they count as in flight until the ticket is finished. */
  take(channel: string, recipient: string, now: number, n = 1): Ticket {
    const c = this.limits[channel];
    if (++this.takes % 10_000 === 0) this.forgetOld(now);
    const taken: { list: Spent[]; entries: Spent[] }[] = [];
    if (c) {
      const keep = (key: string, limits: readonly WindowLimit[]) => {
        if (limits.length === 0) return;
        const horizon = Math.max(...limits.map((l) => l.perMs));
        const list = (this.spent.get(key) ?? []).filter((s) => s.inFlight || s.at > now - horizon);
        const entries = Array.from({ length: n }, () => ({ at: now, inFlight: true }));
        list.push(...entries);
        this.spent.set(key, list);
        taken.push({ list, entries });
      };
      keep(`c:${channel}`, c.global ?? []);
      keep(`r:${channel}:${recipient}`, this.recipientLimits(channel, recipient));
    }
    return {
      sending: (at) => {
        for (const { entries } of taken) for (const e of entries) e.at = Math.max(e.at, at);
      },
      finish: () => {
        for (const { entries } of taken) for (const e of entries) e.inFlight = false;
      },
      cancel: () => {
        for (const { list, entries } of taken)
          for (const e of entries) {
            const i = list.indexOf(e);
            if (i >= 0) list.splice(i, 1);
          }
      },
    };
  }

  /** Drops the buckets of recipients whose every token is back (a long broadcast leaves thousands). */
  private forgetOld(now: number): void {
    const horizon = Math.max(
      0,
      ...Object.values(this.limits).flatMap((c) =>
        [...(c.global ?? []), ...(c.perRecipient ?? []), ...(c.groups?.limits ?? [])].map((l) => l.perMs),
      ),
    );
    for (const [key, list] of this.spent)
      if (list.every((s) => !s.inFlight && s.at <= now - horizon)) this.spent.delete(key);
  }

  /** Counts a send that happened at `at` (successful or not: the platform saw the request either way). */
  record(channel: string, recipient: string, at: number, n = 1): void {
    this.take(channel, recipient, at, n).finish();
  }

  /** Holds a recipient back until `until` (a platform's `retry_after` for that chat). */
  pause(channel: string, recipient: string, until: number): void {
    const key = `r:${channel}:${recipient}`;
    this.pausedUntil.set(key, Math.max(until, this.pausedUntil.get(key) ?? 0));
  }

  /** Holds the whole channel back until `until` (a `retry_after` for the bot account as a whole). */
  pauseChannel(channel: string, until: number): void {
    const key = `c:${channel}`;
    this.pausedUntil.set(key, Math.max(until, this.pausedUntil.get(key) ?? 0));
  }
}
