/**
 * Send-rate limits per channel and per recipient, as sliding windows over the times of recent sends.
 * In memory: one dispatcher process owns a channel's bot account, so its own history is what counts.
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

/** Sliding-window limiter over send times. */
export class RateLimiter {
  private readonly sends = new Map<string, number[]>();
  private readonly pausedUntil = new Map<string, number>();
  private readonly groupPatterns = new Map<string, RegExp>();

  constructor(private readonly limits: RateLimits = {}) {}

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

  private static wait(
    times: readonly number[] | undefined,
    limits: readonly WindowLimit[],
    now: number,
  ): number {
    if (!times || limits.length === 0) return 0;
    let wait = 0;
    for (const { limit, perMs } of limits) {
      const recent = times.filter((t) => t > now - perMs);
      if (recent.length < limit) continue;
      // The send that must leave the window before one more fits in.
      const oldest = recent[recent.length - limit] ?? now;
      wait = Math.max(wait, oldest + perMs - now);
    }
    return wait;
  }

  /** Milliseconds until the channel as a whole may send again (0: now). */
  channelDelay(channel: string, now: number): number {
    const key = `c:${channel}`;
    const paused = Math.max(0, (this.pausedUntil.get(key) ?? 0) - now);
    return Math.max(paused, RateLimiter.wait(this.sends.get(key), this.limits[channel]?.global ?? [], now));
  }

  /** Milliseconds until a message to `recipient` may go (0: now), the channel's limits included. */
  delayFor(channel: string, recipient: string, now: number): number {
    const key = `r:${channel}:${recipient}`;
    const paused = Math.max(0, (this.pausedUntil.get(key) ?? 0) - now);
    return Math.max(
      paused,
      this.channelDelay(channel, now),
      RateLimiter.wait(this.sends.get(key), this.recipientLimits(channel, recipient), now),
    );
  }

  /** Counts one send (successful or not: the platform saw the request either way). */
  record(channel: string, recipient: string, now: number): void {
    const c = this.limits[channel];
    if (!c) return;
    const keep = (key: string, limits: readonly WindowLimit[]) => {
      if (limits.length === 0) return;
      const horizon = Math.max(...limits.map((l) => l.perMs));
      const times = (this.sends.get(key) ?? []).filter((t) => t > now - horizon);
      times.push(now);
      this.sends.set(key, times);
    };
    keep(`c:${channel}`, c.global ?? []);
    keep(`r:${channel}:${recipient}`, this.recipientLimits(channel, recipient));
  }

  /** Holds a recipient back until `until` (a platform's `retry_after`). */
  pause(channel: string, recipient: string, until: number): void {
    const key = `r:${channel}:${recipient}`;
    this.pausedUntil.set(key, Math.max(until, this.pausedUntil.get(key) ?? 0));
  }
}
