/** WeCom's limits on app messages to one member: beyond them messages are dropped silently. */
export const WECOM_MEMBER_LIMITS = [
  { count: 30, windowMs: 60_000 },
  { count: 1000, windowMs: 60 * 60_000 },
] as const;

/**
 * Counts the messages sent to each member in the last hour. `wait(member, n)` says how long to
 * wait before `n` more may go without crossing a limit (0: now): the sender hands that to the
 * outbox as retryAfter, because an over-limit message is lost without an error.
 */
export class MemberRate {
  private readonly sent = new Map<string, number[]>();

  constructor(
    private readonly limits: readonly { count: number; windowMs: number }[] = WECOM_MEMBER_LIMITS,
  ) {}

  wait(member: string, n: number, now: number): number {
    const longest = Math.max(...this.limits.map((l) => l.windowMs));
    const times = (this.sent.get(member) ?? []).filter((t) => t > now - longest);
    this.sent.set(member, times);
    let wait = 0;
    for (const { count, windowMs } of this.limits) {
      const inWindow = times.filter((t) => t > now - windowMs);
      const over = inWindow.length + n - count;
      // The `over`-th oldest send in the window must leave it first.
      if (over > 0) wait = Math.max(wait, (inWindow[over - 1] ?? now) + windowMs - now);
    }
    return wait;
  }

  record(member: string, now: number): void {
    this.sent.set(member, [...(this.sent.get(member) ?? []), now]);
  }
}
