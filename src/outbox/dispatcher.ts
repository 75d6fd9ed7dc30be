import type { Clock } from "../domain/clock.ts";
import type { OutboundMessage } from "../domain/messages.ts";
import type { Logger } from "../logger.ts";
import type { Db } from "../store/database.ts";
import { type ChannelSender, SendFailure } from "./channel-sender.ts";
import type { DeadLetterHandler, DeadMessage } from "./dead-letter-alerts.ts";
import { enqueue } from "./outbox.ts";
import { RateLimiter, type RateLimits } from "./rate-limiter.ts";

export type DispatcherOptions = {
  maxAttempts: number;
  /** First retry delay; doubles per attempt, with jitter. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A row left in "sending" longer than this (a crash mid-send) is tried again. */
  stuckAfterMs: number;
  batchSize: number;
  random?: () => number;
  /**
   * Sends per channel and per recipient, measured on the dispatcher's clock. The running product
   * passes `DEFAULT_RATE_LIMITS` (rate-limiter.ts: the platforms' published limits) or its configuration; a
   * dispatcher built without this option (tests, console sessions) does not throttle.
   */
  rateLimits?: RateLimits;
  /** Runs in the transaction that marks a message dead; the messages it returns (admin alerts) are enqueued there. */
  onDead?: DeadLetterHandler;
};

export const defaultDispatcherOptions: DispatcherOptions = {
  maxAttempts: 8,
  baseDelayMs: 2_000,
  maxDelayMs: 10 * 60_000,
  stuckAfterMs: 2 * 60_000,
  batchSize: 50,
};

export type DrainFilter = { channel?: string; recipient?: string };

/** Batches fetched per channel in one drain, so a long queue is worked through without starving others. */
const MAX_ROUNDS = 20;
/** Beyond this many held-back recipients a drain stops fetching more (the next drain goes on). */
const MAX_BLOCKED = 900;

type Row = {
  id: string;
  key: string;
  channel: string;
  recipient: string;
  personId: string | null;
  payload: string;
  attempts: number;
  createdAt: Date;
};

/**
 * The one place that sends. Claims due outbox rows with a conditional update (so two
 * dispatchers never send the same row), keeps each recipient's messages in order, keeps to
 * each channel's and each recipient's rate limits, retries with exponential backoff and jitter
 * (or after the platform's `retry_after`), marks a row dead after the last attempt and hands it
 * to `onDead` (admin alerts), and puts rows stuck in "sending" after a crash back in the queue.
 */
export class Dispatcher {
  private readonly senders = new Map<string, ChannelSender>();
  private readonly limiter: RateLimiter;
  private readonly options: DispatcherOptions;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly log: Logger,
    options: Partial<DispatcherOptions> = {},
  ) {
    this.options = { ...defaultDispatcherOptions, ...options };
    this.limiter = new RateLimiter(this.options.rateLimits ?? {});
  }

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
    await this.recoverStuck(this.clock.now());
    const channels = filter.channel ? [filter.channel] : [...this.senders.keys()];
    let sent = 0;
    for (const channel of channels) sent += await this.drainChannel(channel, filter.recipient);
    return sent;
  }

  private async drainChannel(channel: string, recipient: string | undefined): Promise<number> {
    const now = () => this.clock.now().getTime();
    // Recipients held back in this drain: rate-limited, waiting for an earlier message, or just failed.
    const blocked = new Set<string>();
    let sent = 0;
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const due: Row[] = await this.db.outboxMessage.findMany({
        where: {
          status: "pending",
          nextAttemptAt: { lte: this.clock.now() },
          channel,
          ...(recipient ? { recipient } : blocked.size > 0 ? { recipient: { notIn: [...blocked] } } : {}),
        },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        take: this.options.batchSize,
      });
      let progressed = false;
      const unsent = await this.unsentOf(channel, due);
      // Rows sent in this drain no longer hold back the later messages of their recipient.
      const sentIds = new Set<string>();
      for (const row of due) {
        if (blocked.has(row.recipient)) continue;
        // The channel as a whole is at its limit: the rest waits for the next drain.
        if (this.limiter.channelDelay(channel, now()) > 0) return sent;
        const waiting = (unsent.get(row.recipient) ?? []).some(
          (u) => u.createdAt < row.createdAt.getTime() && !sentIds.has(u.id),
        );
        if (this.limiter.delayFor(channel, row.recipient, now()) > 0 || waiting) {
          blocked.add(row.recipient);
          continue;
        }
        const claimed = await this.db.outboxMessage.updateMany({
          where: { id: row.id, status: "pending" },
          data: { status: "sending", claimedAt: this.clock.now(), attempts: { increment: 1 } },
        });
        if (claimed.count === 0) continue;
        progressed = true;
        this.limiter.record(channel, row.recipient, now());
        if (await this.sendOne({ ...row, attempts: row.attempts + 1 })) {
          sent++;
          sentIds.add(row.id);
        } else blocked.add(row.recipient);
      }
      // Held-back recipients are excluded by a NOT IN list, which SQLite caps at 999 parameters.
      if (!progressed || due.length < this.options.batchSize || blocked.size > MAX_BLOCKED) break;
    }
    return sent;
  }

  /**
   * The unsent messages of a batch's recipients, oldest first: a row waits until every message
   * created before it for the same recipient is out, so each recipient's messages arrive in
   * order. One query per batch, not one per row.
   */
  private async unsentOf(
    channel: string,
    rows: readonly Row[],
  ): Promise<Map<string, { id: string; createdAt: number }[]>> {
    const recipients = [...new Set(rows.map((r) => r.recipient))];
    const unsent = new Map<string, { id: string; createdAt: number }[]>();
    if (recipients.length === 0) return unsent;
    const found = await this.db.outboxMessage.findMany({
      where: { channel, recipient: { in: recipients }, status: { in: ["pending", "sending"] } },
      select: { id: true, recipient: true, createdAt: true },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    });
    for (const u of found) {
      const list = unsent.get(u.recipient) ?? [];
      list.push({ id: u.id, createdAt: u.createdAt.getTime() });
      unsent.set(u.recipient, list);
    }
    return unsent;
  }

  private async sendOne(row: Row): Promise<boolean> {
    const sender = this.senders.get(row.channel);
    const log = this.log.child({ outboxId: row.id, channel: row.channel, attempt: row.attempts });
    try {
      if (!sender) throw new SendFailure(`no sender for channel ${row.channel}`, true);
      await sender.send(row.recipient, JSON.parse(row.payload) as OutboundMessage, {
        key: row.key,
        outboxId: row.id,
      });
      await this.db.outboxMessage.update({
        where: { id: row.id },
        data: { status: "sent", sentAt: this.clock.now(), lastError: null },
      });
      return true;
    } catch (e) {
      const failure =
        e instanceof SendFailure ? e : new SendFailure(String(e), true, undefined, { cause: e });
      const now = this.clock.now();
      if (failure.retryAfterMs !== undefined)
        this.limiter.pause(row.channel, row.recipient, now.getTime() + failure.retryAfterMs);
      const dead = !failure.retryable || row.attempts >= this.options.maxAttempts;
      const lastError = failure.message.slice(0, 500);
      if (dead) await this.markDead({ ...row, lastError }, now);
      else
        await this.db.outboxMessage.update({
          where: { id: row.id },
          data: {
            status: "pending",
            lastError,
            nextAttemptAt: new Date(now.getTime() + (failure.retryAfterMs ?? this.backoff(row.attempts))),
          },
        });
      log[dead ? "error" : "warn"]({ err: failure, dead }, "send failed");
      return false;
    }
  }

  /** Marks a row dead and, in the same transaction, enqueues what `onDead` returns (admin alerts). */
  private async markDead(row: Row & { lastError: string }, now: Date): Promise<void> {
    await this.db.$transaction(async (tx) => {
      await tx.outboxMessage.update({
        where: { id: row.id },
        data: { status: "dead", lastError: row.lastError, nextAttemptAt: now },
      });
      if (!this.options.onDead) return;
      const dead: DeadMessage = { ...row };
      await enqueue(tx, await this.options.onDead(tx, dead, now), now);
    });
  }

  private backoff(attempt: number): number {
    const { baseDelayMs, maxDelayMs } = this.options;
    const exp = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
    // Full jitter spreads retries of many rows failing together.
    return Math.round(exp / 2 + ((this.options.random ?? Math.random)() * exp) / 2);
  }

  /**
   * Rows claimed longer ago than `stuckAfterMs` were being sent when a process died. They go back
   * to the queue, or die if that was their last attempt (a message that crashes the process every
   * time must not crash it forever).
   */
  private async recoverStuck(now: Date): Promise<void> {
    const stuck: Row[] = await this.db.outboxMessage.findMany({
      where: { status: "sending", claimedAt: { lt: new Date(now.getTime() - this.options.stuckAfterMs) } },
    });
    for (const row of stuck) {
      if (row.attempts >= this.options.maxAttempts) {
        this.log.error(
          { outboxId: row.id, attempts: row.attempts },
          "message stuck in sending on its last attempt",
        );
        await this.markDead(
          { ...row, lastError: "stuck in sending (the process stopped during the send)" },
          now,
        );
        continue;
      }
      await this.db.outboxMessage.updateMany({
        where: { id: row.id, status: "sending" },
        data: { status: "pending", nextAttemptAt: now },
      });
    }
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
