import { markUnreachable } from "../app/channels/mark-unreachable.ts";
import { promptIdOf } from "../domain/choice-payload.ts";
import type { Clock } from "../domain/clock.ts";
import { choicesOf, isPrompt, type OutboundMessage } from "../domain/messages.ts";
import type { Logger } from "../logger.ts";
import type { OutboxMessage } from "../store/outbox-store.ts";
import type { Stores } from "../store/stores.ts";
import type { UnitOfWork } from "../store/unit-of-work.ts";
import { type ChannelSender, type SendResult, sendFailed } from "./channel-sender.ts";
import type { DeadLetterHandler, DeadMessage } from "./dead-letter-alerts.ts";
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
  /** Runs in the unit of work that marks a message dead; the messages it returns (admin alerts) are enqueued there. */
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

type Row = OutboxMessage;
type Failure = Exclude<SendResult, { ok: true }>;

/**
 * The one place that sends. Claims due outbox rows with a conditional update (so two
 * dispatchers never send the same row), keeps each recipient's messages in order, keeps to
 * each channel's and each recipient's rate limits, retries with exponential backoff and jitter
 * (or after the platform's `retry_after`), marks a row dead after the last attempt and hands it
 * to `onDead` (admin alerts), and puts rows stuck in "sending" after a crash back in the queue.
 * An account the channel reports unreachable is marked so, and its message ends at once.
 *
 * When it sends a prompt it gives it a prompt id (from the row's key) that the channel puts on the
 * buttons, and records in the database what the chat was shown: the prompt its buttons now answer
 * and the options a typed number names. Every read and mark is a short unit of work of its own;
 * the sends happen outside them.
 */
export class Dispatcher {
  private readonly senders = new Map<string, ChannelSender>();
  private readonly limiter: RateLimiter;
  private readonly options: DispatcherOptions;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;

  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly log: Logger,
    options: Partial<DispatcherOptions> = {},
  ) {
    this.options = { ...defaultDispatcherOptions, ...options };
    this.limiter = new RateLimiter(this.options.rateLimits ?? {});
  }

  register(sender: ChannelSender): void {
    this.senders.set(sender.id, sender);
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
      const due = await this.uow.read((s) =>
        s.outbox.due(
          channel,
          this.clock.now(),
          recipient ? { recipient } : { except: blocked },
          this.options.batchSize,
        ),
      );
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
        if (!(await this.uow.read((s) => s.outbox.claim(row.id, this.clock.now())))) continue;
        progressed = true;
        this.limiter.record(channel, row.recipient, now());
        if (await this.sendOne({ ...row, attempts: row.attempts + 1 })) {
          sent++;
          sentIds.add(row.id);
        } else blocked.add(row.recipient);
      }
      if (!progressed || due.length < this.options.batchSize) break;
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
    const found = await this.uow.read((s) => s.outbox.unsentOf(channel, recipients));
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
    let result: SendResult;
    try {
      if (!sender) result = sendFailed(`no sender for channel ${row.channel}`, true);
      else {
        const stored = JSON.parse(row.payload) as OutboundMessage;
        const message = isPrompt(stored) ? { ...stored, promptId: promptIdOf(row.key) } : stored;
        result = await sender.send(row.recipient, message, { key: row.key, outboxId: row.id });
        if (result.ok) {
          await this.uow.run((s) => this.recordSent(s, row, message));
          return true;
        }
      }
    } catch (e) {
      result = sendFailed(String(e), true, { cause: e });
    }
    await this.failed(row, result, log);
    return false;
  }

  /** Marks a row sent and records what its chat was shown: a prompt, or a card's options. */
  private async recordSent(s: Stores, row: Row, message: OutboundMessage): Promise<void> {
    const now = this.clock.now();
    await s.outbox.markSent(row.id, now);
    const choices = choicesOf(message);
    if (message.promptId !== undefined)
      await s.outbox.recordPrompt(
        row.channel,
        row.recipient,
        { promptId: message.promptId, personId: row.personId, choices, expects: message.expects },
        now,
      );
    else if (choices.length > 0) await s.outbox.recordChoices(row.channel, row.recipient, choices, now);
  }

  /** Retries a failed send later, or ends it (marking an unreachable account). */
  private async failed(row: Row, result: Failure, log: Logger): Promise<void> {
    const now = this.clock.now();
    let dead: boolean;
    let lastError: string;
    if (result.unreachable) {
      dead = true;
      lastError = (result.error ?? result.reason).slice(0, 500);
      await this.markDead({ ...row, lastError }, now, result.reason);
    } else {
      if (result.retryAfterMs !== undefined)
        this.limiter.pause(row.channel, row.recipient, now.getTime() + result.retryAfterMs);
      dead = !result.retryable || row.attempts >= this.options.maxAttempts;
      lastError = result.error.slice(0, 500);
      if (dead) await this.markDead({ ...row, lastError }, now);
      else {
        const at = new Date(now.getTime() + (result.retryAfterMs ?? this.backoff(row.attempts)));
        await this.uow.read((s) => s.outbox.retryAt(row.id, lastError, at));
      }
    }
    const err = !result.unreachable && result.cause !== undefined ? result.cause : undefined;
    log[dead ? "error" : "warn"]({ err, error: lastError, dead }, "send failed");
  }

  /**
   * Marks a row dead and, in the same unit of work, marks its account unreachable when that is
   * why, and enqueues what `onDead` returns (admin alerts).
   */
  private async markDead(row: Row & { lastError: string }, now: Date, unreachable?: string): Promise<void> {
    await this.uow.run(async (s) => {
      await s.outbox.markDead(row.id, row.lastError, now);
      if (unreachable !== undefined)
        await markUnreachable(
          s,
          this.log,
          { channel: row.channel, externalId: row.recipient },
          unreachable,
          now,
        );
      if (!this.options.onDead) return;
      const dead: DeadMessage = { ...row };
      await s.outbox.enqueue(await this.options.onDead(s, dead, now), now);
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
    const stuck = await this.uow.read((s) =>
      s.outbox.stuck(new Date(now.getTime() - this.options.stuckAfterMs)),
    );
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
      await this.uow.read((s) => s.outbox.requeue(row.id, now));
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
