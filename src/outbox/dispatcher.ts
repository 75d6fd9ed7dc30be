import { markUnreachable } from "../app/channels/mark-unreachable.ts";
import { promptIdOf } from "../domain/choice-payload.ts";
import type { Clock } from "../domain/clock.ts";
import { choicesOf, isPrompt, type OutboundMessage } from "../domain/messages.ts";
import type { Logger } from "../logger.ts";
import type { OutboxMessage, UnsentMessage } from "../store/outbox-store.ts";
import type { Stores } from "../store/stores.ts";
import type { UnitOfWork } from "../store/unit-of-work.ts";
import { type ChannelSender, type SendResult, sendFailed } from "./channel-sender.ts";
import type { DeadLetterHandler, DeadMessage } from "./dead-letter-alerts.ts";
import { RateLimiter, type RateLimits, type Ticket } from "./rate-limiter.ts";
import { Signal } from "./signal.ts";

export type DispatcherOptions = {
  maxAttempts: number;
  /** First retry delay; doubles per attempt, with jitter. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A row left in "sending" longer than this (by a process that is gone) is tried again. */
  stuckAfterMs: number;
  batchSize: number;
  /** Sends in flight at once per channel; each recipient's messages still go one after another. */
  maxInFlight: number;
  /** A send taking longer than this is aborted; it may have arrived, so it is in doubt (see `inDoubt`). */
  sendTimeoutMs: number;
  /**
   * A send in doubt (its process died during it, or it timed out): the platform may have taken
   * it or not, and no platform we send to can say which. `hold` (never twice) ends the row as
   * `unconfirmed` and tells the admins; `resend` (never lost) sends it again, a possible
   * duplicate. A channel that shows a delivery once however often it is sent (`idempotent`) is
   * always sent again.
   */
  inDoubt: "hold" | "resend";
  /**
   * How long one send may keep a drain waiting: a drain returns once every lane it started is
   * done or stuck in a send older than this (those finish in the background).
   */
  drainWaitMs: number;
  random?: () => number;
  /**
   * Sends per channel and per recipient, measured on the dispatcher's clock. The running product
   * passes `DEFAULT_RATE_LIMITS` (the platforms' published limits) or its configuration; a
   * dispatcher built without this option (tests, console sessions) does not throttle.
   */
  rateLimits?: RateLimits;
  /** Runs in the unit of work that marks a message dead; the messages it returns (admin alerts) are enqueued there. */
  onDead?: DeadLetterHandler;
  /**
   * Whether this instance sends a channel's messages now (on a shared database, the instance that
   * holds the channel's role); every registered channel when not given.
   */
  sendsFor?: (channel: string) => boolean;
};

export const defaultDispatcherOptions: DispatcherOptions = {
  maxAttempts: 8,
  baseDelayMs: 2_000,
  maxDelayMs: 10 * 60_000,
  stuckAfterMs: 2 * 60_000,
  batchSize: 50,
  maxInFlight: 16,
  sendTimeoutMs: 10_000,
  inDoubt: "hold",
  drainWaitMs: 1_000,
};

export type DrainFilter = { channel?: string; recipient?: string };

/** Batches fetched per channel in one drain, so a long queue is worked through without starving others. */
const MAX_ROUNDS = 20;
/** A channel token due back this soon is waited for within the drain, not left to the next one. */
const SHORT_WAIT_MS = 300;
/** Recipient windows at least this long are loaded from the database (a minute, an hour). */
const SEED_MIN_WINDOW_MS = 10_000;
/** How often rows stuck in "sending" by another process are looked for (on the dispatcher's clock). */
const STUCK_CHECK_EVERY_MS = 10_000;
/** Writes after a send (the "sent" mark) are tried this often before the row is left to recovery. */
const MARK_ATTEMPTS = 5;

type Row = OutboxMessage;
type Failure = Exclude<SendResult, { ok: true }>;
/** One drain's bookkeeping: what it sent, and whether it has returned (its lanes may go on). */
type DrainRun = { sent: number; returned: boolean };
/** A lane as its drain watches it: finished, or since when (wall clock) its current send is out. */
type LaneState = { finished: boolean; sendingSince: number | undefined };

/**
 * The one place that sends. Claims due outbox rows with a conditional update (so two dispatchers
 * never send the same row), keeps each recipient's messages in order (one lane per recipient,
 * several lanes in flight), keeps to each channel's, recipient's and group's token buckets,
 * retries with exponential backoff and jitter (or after the platform's `retry_after`, for the
 * recipient or the whole channel), marks a row dead after the last attempt and hands it to
 * `onDead` (admin alerts). A send whose outcome is unknown (rows left in "sending" by a stopped
 * process, found at its first drain of a channel and after `stuckAfterMs` for any other; a send
 * aborted after `sendTimeoutMs`, which never holds other recipients up) is in doubt: ended
 * unconfirmed, never sent twice, unless `inDoubt` says to send it again.
 *
 * When it sends a prompt it gives it a prompt id (from the row's key) that the channel puts on the
 * buttons, and records in the database what the chat was shown. Every read and mark is a short
 * unit of work of its own; the sends happen outside them.
 */
export class Dispatcher {
  private readonly senders = new Map<string, ChannelSender>();
  private readonly limiter: RateLimiter;
  private readonly options: DispatcherOptions;
  /** Recipients with a lane running, by channel: their next message waits for it. */
  private readonly busy = new Map<string, Set<string>>();
  private readonly lanes = new Set<Promise<void>>();
  private readonly laneEnded = new Signal();
  /** Channels (or channel and recipient) whose rows left in "sending" were put back already. */
  private readonly recovered = new Set<string>();
  /** Recipients whose recent sends were loaded from the database into the rate limiter. */
  private readonly seeded = new Set<string>();
  /** The earliest moment (clock ms) something held back by a limit may go. */
  private wakeAt = Number.POSITIVE_INFINITY;
  private stuckCheckedAt = Number.NEGATIVE_INFINITY;
  private timer: NodeJS.Timeout | undefined;
  private looping = false;
  private ticking = false;
  private poked = false;
  private tick: (() => void) | undefined;
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

  /**
   * Sends everything that may go now (for the registered channels, or the filter) and returns
   * how many were sent. A send still out after `drainWaitMs` no longer holds the drain: it
   * finishes in the background, holding only its own recipient.
   */
  async drain(filter: DrainFilter = {}): Promise<number> {
    // One drain at a time per dispatcher: two would each start a lane for the same recipient.
    while (this.running) await this.running.catch(() => 0);
    this.running = this.drainOnce(filter);
    try {
      return await this.running;
    } finally {
      this.running = undefined;
    }
  }

  private async drainOnce(filter: DrainFilter): Promise<number> {
    this.wakeAt = Number.POSITIVE_INFINITY;
    await this.recoverStuck(this.clock.now());
    const channels = this.ownChannels(filter);
    const runs = channels.map(() => ({ sent: 0, returned: false }));
    const started = await Promise.all(
      channels.map((channel, i) => this.drainChannel(channel, filter.recipient, runs[i] as DrainRun)),
    );
    const lanes = started.flat();
    // Wait while some lane is working; not for lanes stuck in a send (a hung platform call).
    for (;;) {
      const now = Date.now();
      const live = lanes.filter((l) => !l.finished);
      const stuckAt = (l: LaneState) =>
        l.sendingSince === undefined ? Number.POSITIVE_INFINITY : l.sendingSince + this.options.drainWaitMs;
      if (live.length === 0 || live.every((l) => stuckAt(l) <= now)) break;
      const check = Math.min(...live.map(stuckAt)) - now;
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        this.laneEnded.next(),
        new Promise<void>((resolve) => {
          timer = setTimeout(resolve, Number.isFinite(check) ? Math.max(5, check) : this.options.drainWaitMs);
        }),
      ]);
      clearTimeout(timer);
    }
    for (const run of runs) run.returned = true;
    return runs.reduce((n, r) => n + r.sent, 0);
  }

  /** Starts a lane per recipient with due rows, as far as the channel's limits allow; returns the lanes. */
  private async drainChannel(
    channel: string,
    recipient: string | undefined,
    run: DrainRun,
  ): Promise<LaneState[]> {
    await this.recoverLeft(channel, recipient);
    const busy = this.busySet(channel);
    // Recipients this drain has dealt with: a lane took their rows, or they must wait.
    const held = new Set<string>();
    const started: LaneState[] = [];
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const due = await this.uow.read((s) =>
        s.outbox.due(
          channel,
          this.clock.now(),
          recipient ? { recipient } : { except: new Set([...held, ...busy]) },
          this.options.batchSize,
        ),
      );
      const byRecipient = new Map<string, Row[]>();
      for (const row of due) byRecipient.set(row.recipient, [...(byRecipient.get(row.recipient) ?? []), row]);
      const unsent = await this.unsentOf(channel, [...byRecipient.keys()]);
      await this.seed(channel, [...byRecipient.keys()]);
      let progressed = false;
      for (const [to, rows] of byRecipient) {
        if (held.has(to) || busy.has(to)) {
          held.add(to);
          continue;
        }
        held.add(to);
        const first = rows[0];
        const waiting = (unsent.get(to) ?? []).some((u) => first && before(u, first));
        if (!first || waiting) continue;
        // The first send's tokens are taken here, before the lane starts: exactly as many lanes
        // start as the channel has tokens for.
        const ticket = await this.tokensFor(channel, to, first);
        if (ticket === "channel full") return started;
        if (ticket === "recipient limited") continue;
        busy.add(to);
        progressed = true;
        const more = due.length >= this.options.batchSize;
        const state: LaneState = { finished: false, sendingSince: undefined };
        const lane = this.lane(channel, to, { rows, unsent: unsent.get(to) ?? [], more, ticket }, run, state)
          .catch((err: unknown) => {
            // A database that refused a claim or a mark: the row is tried again by a later drain.
            this.log.error({ err, channel, recipient: to }, "outbox: sending to a recipient failed");
          })
          .finally(() => {
            state.finished = true;
            busy.delete(to);
            this.lanes.delete(lane);
            this.laneEnded.fire();
            // A lane that outlived its drain frees its recipient: look again now, not at the next tick.
            if (run.returned) this.poke();
          });
        this.lanes.add(lane);
        started.push(state);
      }
      if (!progressed || due.length < this.options.batchSize) break;
    }
    return started;
  }

  /**
   * Tokens for the first message of a lane, once a slot among the channel's sends in flight is
   * free. A channel token due back within `SHORT_WAIT_MS` is waited for here (with the rows in
   * hand, so the burst goes out on time); a longer wait is left to the next drain.
   */
  private async tokensFor(
    channel: string,
    recipient: string,
    row: Row,
  ): Promise<Ticket | "channel full" | "recipient limited"> {
    while (this.busySet(channel).size >= this.options.maxInFlight) await this.laneEnded.next();
    const stored = payloadOf(row);
    const sends = stored ? this.sendsFor(channel, stored) : 1;
    const now = () => this.clock.now().getTime();
    let delay = this.limiter.channelDelay(channel, now(), sends);
    if (delay > 0 && delay <= SHORT_WAIT_MS) {
      const before = now();
      await new Promise((r) => setTimeout(r, delay));
      // Only a clock that moves brings the token back (a test's fixed clock does not).
      if (now() - before >= delay / 2) delay = this.limiter.channelDelay(channel, now(), sends);
    }
    if (delay > 0) {
      this.hold(delay);
      return "channel full";
    }
    const wait = this.limiter.delayFor(channel, recipient, now(), sends);
    if (wait > 0) {
      this.hold(wait);
      return "recipient limited";
    }
    return this.limiter.take(channel, recipient, now(), sends);
  }

  /**
   * Sends one recipient's due rows in order, while its limits allow and each send succeeds, and
   * then the rest of its due rows when the batch may have cut them off. A row waits while an
   * earlier message of the recipient is unsent (say, retrying later).
   */
  private async lane(
    channel: string,
    recipient: string,
    first: { rows: readonly Row[]; unsent: readonly UnsentMessage[]; more: boolean; ticket: Ticket },
    run: DrainRun,
    state: LaneState,
  ): Promise<void> {
    let { rows, unsent, more } = first;
    let taken: Ticket | undefined = first.ticket;
    const done = new Set<string>();
    for (;;) {
      for (const row of rows) {
        const waiting = unsent.some((u) => before(u, row) && !done.has(u.id));
        if (waiting) {
          taken?.cancel();
          return;
        }
        const stored = payloadOf(row);
        let ticket = taken;
        taken = undefined;
        if (!stored) {
          // A payload that does not parse can never be sent: it ends at once, the admins are told.
          ticket?.cancel();
          if (await this.uow.read((s) => s.outbox.claim(row.id, this.clock.now())))
            await this.failed(
              { ...row, attempts: row.attempts + 1 },
              sendFailed("payload is not a message", false),
              this.log,
            );
          return;
        }
        const message = withPromptId(row, stored);
        if (!ticket) {
          const sends = this.sendsFor(channel, stored);
          const delay = this.limiter.delayFor(channel, recipient, this.clock.now().getTime(), sends);
          if (delay > 0) {
            this.hold(delay);
            return;
          }
          ticket = this.limiter.take(channel, recipient, this.clock.now().getTime(), sends);
        }
        if (!(await this.uow.read((s) => s.outbox.claim(row.id, this.clock.now())))) {
          ticket.cancel();
          return;
        }
        state.sendingSince = Date.now();
        const ok = await this.sendOne({ ...row, attempts: row.attempts + 1 }, message, ticket);
        state.sendingSince = undefined;
        if (!ok) return;
        run.sent++;
        done.add(row.id);
      }
      if (!more) return;
      const { batchSize } = this.options;
      rows = await this.uow.read((s) => s.outbox.due(channel, this.clock.now(), { recipient }, batchSize));
      if (rows.length === 0) return;
      unsent = (await this.unsentOf(channel, [recipient])).get(recipient) ?? [];
      more = rows.length >= batchSize;
    }
  }

  private sendsFor(channel: string, message: OutboundMessage): number {
    try {
      return Math.max(1, this.senders.get(channel)?.sendsFor?.(message) ?? 1);
    } catch {
      return 1;
    }
  }

  /**
   * The unsent messages of a batch's recipients, oldest first: a row waits until every message
   * created before it for the same recipient is out, so each recipient's messages arrive in
   * order. One query per batch, not one per row.
   */
  private async unsentOf(
    channel: string,
    recipients: readonly string[],
  ): Promise<Map<string, UnsentMessage[]>> {
    const unsent = new Map<string, UnsentMessage[]>();
    if (recipients.length === 0) return unsent;
    const found = await this.uow.read((s) => s.outbox.unsentOf(channel, recipients));
    for (const u of found) unsent.set(u.recipient, [...(unsent.get(u.recipient) ?? []), u]);
    return unsent;
  }

  /**
   * Loads what was sent to these recipients within the channel's longest recipient window into the
   * rate limiter, once per recipient: a per-member limit (WeCom's 30 a minute) then holds across
   * a restart, counted from the database.
   */
  private async seed(channel: string, recipients: readonly string[]): Promise<void> {
    // A window of seconds is over before a restarted process sends: only longer ones are loaded.
    const fresh = recipients.filter(
      (r) =>
        !this.seeded.has(`${channel}\u0000${r}`) &&
        this.limiter.recipientHorizon(channel, r) >= SEED_MIN_WINDOW_MS,
    );
    if (fresh.length === 0) return;
    const now = this.clock.now();
    const since = new Date(
      now.getTime() - Math.max(...fresh.map((r) => this.limiter.recipientHorizon(channel, r))),
    );
    const sent = await this.uow.read((s) => s.outbox.sentTo(channel, fresh, since));
    for (const m of sent) {
      const stored = payloadOf(m);
      this.limiter.record(
        channel,
        m.recipient,
        m.sentAt.getTime(),
        stored ? this.sendsFor(channel, stored) : 1,
      );
    }
    for (const r of fresh) this.seeded.add(`${channel}\u0000${r}`);
  }

  /** Sends one claimed row within the send timeout, then marks it; true when it went out. */
  private async sendOne(row: Row, message: OutboundMessage, ticket: Ticket): Promise<boolean> {
    const sender = this.senders.get(row.channel);
    const log = this.log.child({ outboxId: row.id, channel: row.channel, attempt: row.attempts });
    let result: SendResult;
    // The claim may have waited for the database: the window counts from the request itself.
    ticket.sending(this.clock.now().getTime());
    try {
      result = sender
        ? await this.withTimeout(sender, row, message)
        : sendFailed(`no sender for channel ${row.channel}`, true);
    } catch (e) {
      result = sendFailed(String(e), true, { cause: e });
    } finally {
      ticket.finish();
    }
    if (result.ok) {
      await this.persist("mark sent", log, () => this.uow.run((s) => this.recordSent(s, row, message)));
      return true;
    }
    await this.persist("record failure", log, () => this.failed(row, result as Failure, log));
    return false;
  }

  /** The channel's send, aborted (through the delivery's signal) and given up after `sendTimeoutMs`. */
  private async withTimeout(sender: ChannelSender, row: Row, message: OutboundMessage): Promise<SendResult> {
    const { sendTimeoutMs } = this.options;
    const abort = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<SendResult>((resolve) => {
      timer = setTimeout(() => {
        abort.abort(new Error(`send timed out after ${sendTimeoutMs} ms`));
        resolve(sendFailed(`send timed out after ${sendTimeoutMs} ms`, true, { inDoubt: true }));
      }, sendTimeoutMs);
    });
    const sending = sender.send(row.recipient, message, {
      key: row.key,
      outboxId: row.id,
      signal: abort.signal,
    });
    // A send given up on may still fail later; its outcome no longer matters.
    sending.catch(() => undefined);
    try {
      return await Promise.race([sending, timedOut]);
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Runs a write that follows a send, waiting out a busy database: a lost "sent" mark means the
   * message goes out again after a restart.
   */
  private async persist(what: string, log: Logger, write: () => Promise<void>): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await write();
      } catch (err) {
        if (attempt >= MARK_ATTEMPTS) {
          log.error({ err, attempts: attempt }, `outbox: could not ${what}; the row is left to recovery`);
          return;
        }
        log.warn({ err, attempt }, `outbox: could not ${what}; trying again`);
        await new Promise((r) => setTimeout(r, 250 * 2 ** (attempt - 1)));
      }
    }
  }

  /** Marks a row sent and records what its chat was shown. */
  private async recordSent(s: Stores, row: Row, message: OutboundMessage): Promise<void> {
    const now = this.clock.now();
    await s.outbox.markSent(row.id, now);
    await this.recordShown(s, row, message, now);
  }

  /** Records what a chat was shown by a message: a prompt, or a card's options. */
  private async recordShown(s: Stores, row: Row, message: OutboundMessage, now: Date): Promise<void> {
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

  /** Retries a failed send later, or ends it (marking an unreachable account, or unconfirmed when in doubt). */
  private async failed(row: Row, result: Failure, log: Logger): Promise<void> {
    const now = this.clock.now();
    if (!result.unreachable && result.inDoubt && !this.resendsInDoubt(row.channel))
      return this.unconfirmed(row, now, result.error);
    let dead: boolean;
    let lastError: string;
    if (result.unreachable) {
      dead = true;
      lastError = (result.error ?? result.reason).slice(0, 500);
      await this.markDead({ ...row, lastError }, now, result.reason);
    } else {
      if (result.retryAfterMs !== undefined) {
        const until = now.getTime() + result.retryAfterMs;
        // A limit on the account as a whole: every chat waits, not only this one.
        if (result.retryScope === "channel") this.limiter.pauseChannel(row.channel, until);
        else this.limiter.pause(row.channel, row.recipient, until);
      }
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

  /** Whether a send of this channel whose outcome is unknown is made again (see `inDoubt`). */
  private resendsInDoubt(channel: string): boolean {
    return this.options.inDoubt === "resend" || this.senders.get(channel)?.idempotent === true;
  }

  /**
   * Ends a send in doubt without sending it again, and tells the admins. Its chat is recorded as
   * shown what it held: the request had most likely reached the platform (a kill or a timeout
   * falls far more often after the request went out than in the instant before), and the buttons
   * of a prompt that arrived must keep working.
   */
  private async unconfirmed(row: Row, now: Date, why: string): Promise<void> {
    const lastError = `in doubt: ${why}`.slice(0, 500);
    const message = messageOf(row);
    const ended = await this.uow.run(async (s) => {
      if (!(await s.outbox.markUnconfirmed(row.id, lastError, now))) return false;
      if (message) await this.recordShown(s, row, message, now);
      if (this.options.onDead)
        await s.outbox.enqueue(
          await this.options.onDead(s, { ...row, lastError, unconfirmed: true }, now),
          now,
        );
      return true;
    });
    if (ended)
      this.log.warn(
        { outboxId: row.id, channel: row.channel, recipient: row.recipient, error: lastError },
        "send in doubt: marked unconfirmed, not sent again",
      );
  }

  private backoff(attempt: number): number {
    const { baseDelayMs, maxDelayMs } = this.options;
    const exp = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
    // Full jitter spreads retries of many rows failing together.
    return Math.round(exp / 2 + ((this.options.random ?? Math.random)() * exp) / 2);
  }

  /**
   * At this dispatcher's first drain of a channel (or of one recipient of it), rows of that
   * channel still marked "sending" were left by a process that stopped mid-send (one process owns
   * a channel: one per DATA_DIR): they are dealt with now (`putBack`), not `stuckAfterMs` later.
   */
  private async recoverLeft(channel: string, recipient: string | undefined): Promise<void> {
    const key = `${channel}\u0000${recipient ?? ""}`;
    if (this.recovered.has(key) || this.recovered.has(`${channel}\u0000`)) return;
    this.recovered.add(key);
    const busy = this.busySet(channel);
    const left = await this.uow.read((s) => s.outbox.leftSending(channel, recipient));
    await this.putBack(
      left.filter((r) => !busy.has(r.recipient)),
      this.clock.now(),
    );
  }

  /**
   * Rows claimed longer ago than `stuckAfterMs` were being sent when a process died (another
   * process's rows, such as a console chat's): dealt with as at start (`putBack`).
   */
  private async recoverStuck(now: Date): Promise<void> {
    if (now.getTime() - this.stuckCheckedAt < STUCK_CHECK_EVERY_MS) return;
    this.stuckCheckedAt = now.getTime();
    const stuck = await this.uow.read((s) =>
      s.outbox.stuck(new Date(now.getTime() - this.options.stuckAfterMs)),
    );
    await this.putBack(
      stuck.filter((r) => !this.busySet(r.channel).has(r.recipient)),
      now,
    );
  }

  /**
   * Deals with rows left in "sending" by a process that stopped during the send: in doubt, so
   * ended unconfirmed, or (when this channel resends in doubt) put back in the queue, or ended if
   * that was their last attempt (a message that crashes the process every time must not crash it
   * forever).
   */
  private async putBack(rows: readonly Row[], now: Date): Promise<void> {
    for (const row of rows) {
      if (!this.resendsInDoubt(row.channel)) {
        await this.unconfirmed(row, now, "the process stopped during the send");
        continue;
      }
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
      this.log.warn({ outboxId: row.id, channel: row.channel }, "message left in sending: queued again");
      await this.uow.read((s) => s.outbox.requeue(row.id, now));
    }
  }

  /** The channels this drain sends for: the filter's or every registered one, that this instance sends for. */
  private ownChannels(filter: DrainFilter): string[] {
    const channels = filter.channel ? [filter.channel] : [...this.senders.keys()];
    const sendsFor = this.options.sendsFor;
    return sendsFor ? channels.filter((c) => sendsFor(c)) : channels;
  }

  private busySet(channel: string): Set<string> {
    let set = this.busy.get(channel);
    if (!set) {
      set = new Set();
      this.busy.set(channel, set);
    }
    return set;
  }

  /** Notes that something held back by a limit may go in `delayMs`. */
  private hold(delayMs: number): void {
    if (Number.isFinite(delayMs)) this.wakeAt = Math.min(this.wakeAt, this.clock.now().getTime() + delayMs);
  }

  /**
   * Drains until stopped: again as soon as a token frees up, a retry falls due or a background
   * send ends, and at least every `intervalMs` (rows other processes enqueue). No fixed sleep
   * after a burst. Errors are logged, never thrown out of the loop.
   */
  start(intervalMs: number, filter: DrainFilter = {}): void {
    this.looping = true;
    const tick = async () => {
      this.timer = undefined;
      this.ticking = true;
      this.poked = false;
      try {
        await this.drain(filter);
      } catch (err) {
        this.log.error({ err }, "outbox drain failed");
      }
      let delay = intervalMs;
      try {
        delay = await this.nextDrainIn(intervalMs, filter);
      } catch (err) {
        this.log.error({ err }, "outbox: could not read when the next message is due");
      }
      this.ticking = false;
      if (!this.looping) return;
      this.timer = setTimeout(() => void tick(), this.poked ? 0 : delay);
    };
    this.tick = () => void tick();
    this.timer = setTimeout(this.tick, intervalMs);
  }

  /** Milliseconds until the next drain is worth running, at most `intervalMs`. */
  private async nextDrainIn(intervalMs: number, filter: DrainFilter): Promise<number> {
    const now = this.clock.now().getTime();
    // A token back sooner than the interval: go then (a retry due earlier waits that long at most).
    if (this.wakeAt - now < intervalMs) return Math.max(1, this.wakeAt - now);
    const channels = this.ownChannels(filter);
    const due = await this.uow.read((s) => s.outbox.nextAttemptAfter(channels, new Date(now)));
    return Math.max(1, Math.min(intervalMs, (due?.getTime() ?? Number.POSITIVE_INFINITY) - now));
  }

  /** Runs the loop's next drain now (a recipient became free). */
  private poke(): void {
    if (!this.looping) return;
    if (this.ticking) this.poked = true;
    else if (this.timer && this.tick) {
      clearTimeout(this.timer);
      this.timer = setTimeout(this.tick, 0);
    }
  }

  async stop(): Promise<void> {
    this.looping = false;
    clearTimeout(this.timer);
    this.timer = undefined;
    while (this.running) await this.running.catch(() => 0);
    while (this.lanes.size > 0) await Promise.all([...this.lanes]).catch(() => undefined);
  }
}

/** The message a row holds, or undefined when its payload does not parse. */
function payloadOf(row: { payload: string }): OutboundMessage | undefined {
  try {
    return JSON.parse(row.payload) as OutboundMessage;
  } catch {
    return undefined;
  }
}

/** A prompt gets its prompt id from its row's key, as when it is sent. */
function withPromptId(row: Row, stored: OutboundMessage): OutboundMessage {
  return isPrompt(stored) ? { ...stored, promptId: promptIdOf(row.key) } : stored;
}

/** The message a row sends, or undefined when its payload does not parse. */
function messageOf(row: Row): OutboundMessage | undefined {
  const stored = payloadOf(row);
  return stored && withPromptId(row, stored);
}

/** Whether an unsent message comes before a row in send order (created earlier, or together with a smaller id). */
function before(u: UnsentMessage, row: Row): boolean {
  const a = u.createdAt.getTime();
  const b = row.createdAt.getTime();
  return a < b || (a === b && u.id < row.id);
}
