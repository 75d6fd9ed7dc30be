import type { Clock } from "../domain/clock.ts";
import type { OutboundMessage } from "../domain/messages.ts";
import type { Logger } from "../logger.ts";
import type { Db } from "../store/database.ts";
import { type ChannelSender, SendFailure } from "./channel-sender.ts";

export type DispatcherOptions = {
  maxAttempts: number;
  /** First retry delay; doubles per attempt, with jitter. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A row left in "sending" longer than this (a crash mid-send) is tried again. */
  stuckAfterMs: number;
  batchSize: number;
  random?: () => number;
};

export const defaultDispatcherOptions: DispatcherOptions = {
  maxAttempts: 8,
  baseDelayMs: 2_000,
  maxDelayMs: 10 * 60_000,
  stuckAfterMs: 2 * 60_000,
  batchSize: 50,
};

export type DrainFilter = { channel?: string; recipient?: string };

/**
 * The one place that sends. Claims due outbox rows with a conditional update (so two
 * dispatchers never send the same row), keeps each recipient's messages in order, retries
 * with exponential backoff and jitter, and marks a row dead after the last attempt.
 */
export class Dispatcher {
  private readonly senders = new Map<string, ChannelSender>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly options: DispatcherOptions = defaultDispatcherOptions,
  ) {}

  register(sender: ChannelSender): void {
    this.senders.set(sender.channel, sender);
  }

  /** Sends everything due now (for the registered channels, or the filter); returns how many were sent. */
  async drain(filter: DrainFilter = {}): Promise<number> {
    // One drain at a time per dispatcher keeps per-recipient order simple.
    while (this.running) await this.running;
    this.running = this.drainOnce(filter);
    try {
      return await this.running;
    } finally {
      this.running = undefined;
    }
  }

  private async drainOnce(filter: DrainFilter): Promise<number> {
    const now = this.clock.now();
    await this.recoverStuck(now);
    const channels = filter.channel ? [filter.channel] : [...this.senders.keys()];
    const due = await this.db.outboxMessage.findMany({
      where: {
        status: "pending",
        nextAttemptAt: { lte: now },
        channel: { in: channels },
        ...(filter.recipient ? { recipient: filter.recipient } : {}),
      },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: this.options.batchSize,
    });
    const blocked = new Set<string>();
    let sent = 0;
    for (const row of due) {
      const who = `${row.channel}:${row.recipient}`;
      if (blocked.has(who) || (await this.hasEarlierUnsent(row))) {
        blocked.add(who);
        continue;
      }
      const claimed = await this.db.outboxMessage.updateMany({
        where: { id: row.id, status: "pending" },
        data: { status: "sending", claimedAt: now, attempts: { increment: 1 } },
      });
      if (claimed.count === 0) continue;
      const ok = await this.sendOne(row.id, row.channel, row.recipient, row.payload, row.attempts + 1);
      if (ok) sent++;
      else blocked.add(who);
    }
    return sent;
  }

  private async hasEarlierUnsent(row: {
    id: string;
    channel: string;
    recipient: string;
    createdAt: Date;
  }): Promise<boolean> {
    const earlier = await this.db.outboxMessage.findFirst({
      where: {
        channel: row.channel,
        recipient: row.recipient,
        status: { in: ["pending", "sending"] },
        createdAt: { lt: row.createdAt },
      },
      select: { id: true },
    });
    return earlier !== null;
  }

  private async sendOne(
    id: string,
    channel: string,
    recipient: string,
    payload: string,
    attempt: number,
  ): Promise<boolean> {
    const sender = this.senders.get(channel);
    const log = this.log.child({ outboxId: id, channel, attempt });
    try {
      if (!sender) throw new SendFailure(`no sender for channel ${channel}`, true);
      await sender.send(recipient, JSON.parse(payload) as OutboundMessage);
      await this.db.outboxMessage.update({
        where: { id },
        data: { status: "sent", sentAt: this.clock.now(), lastError: null },
      });
      return true;
    } catch (e) {
      const failure =
        e instanceof SendFailure ? e : new SendFailure(String(e), true, undefined, { cause: e });
      const dead = !failure.retryable || attempt >= this.options.maxAttempts;
      const delay = failure.retryAfterMs ?? this.backoff(attempt);
      await this.db.outboxMessage.update({
        where: { id },
        data: {
          status: dead ? "dead" : "pending",
          lastError: failure.message.slice(0, 500),
          nextAttemptAt: new Date(this.clock.now().getTime() + delay),
        },
      });
      log[dead ? "error" : "warn"]({ err: failure, dead }, "send failed");
      return false;
    }
  }

  private backoff(attempt: number): number {
    const { baseDelayMs, maxDelayMs } = this.options;
    const exp = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
    // Full jitter spreads retries of many rows failing together.
    return Math.round(exp / 2 + ((this.options.random ?? Math.random)() * exp) / 2);
  }

  private async recoverStuck(now: Date): Promise<void> {
    await this.db.outboxMessage.updateMany({
      where: { status: "sending", claimedAt: { lt: new Date(now.getTime() - this.options.stuckAfterMs) } },
      data: { status: "pending", nextAttemptAt: now },
    });
  }

  /** Drains on an interval until stopped; errors are logged, never thrown out of the timer. */
  start(intervalMs: number, filter: DrainFilter = {}): void {
    const tick = () => {
      this.drain(filter)
        .catch((err: unknown) => this.log.error({ err }, "outbox drain failed"))
        .finally(() => {
          if (this.timer) this.timer = setTimeout(tick, intervalMs);
        });
    };
    this.timer = setTimeout(tick, intervalMs);
  }

  async stop(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    while (this.running) await this.running.catch(() => 0);
  }
}
