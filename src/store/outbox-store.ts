import { randomBytes } from "node:crypto";
import { z } from "zod";
import { AppError } from "../domain/app-error.ts";
import { type Choice, type Expects, isExpects } from "../domain/messages.ts";
import type { OutboxItem, OutboxStatus } from "../domain/outbox-item.ts";
import type { ShownPrompt } from "../domain/resolve-choice.ts";
import type { Client } from "./client.ts";
import { parseClosed } from "./rows.ts";
import { dbInstant, fromDbInstant, type Sql } from "./sql.ts";

/** An outbox row as the dispatcher works with it; `payload` is the message as stored (JSON). */
export type OutboxMessage = {
  id: string;
  key: string;
  channel: string;
  recipient: string;
  personId: string | null;
  payload: string;
  attempts: number;
  createdAt: Date;
};

/** A message as an office lists it (`xunjian outbox`): its status, attempts and last error. */
export type OutboxRecord = OutboxMessage & {
  status: OutboxStatus;
  lastError: string | null;
  /** When it was last set to go (pending) or ended (dead, unconfirmed). */
  nextAttemptAt: Date;
};

/** A message not yet out (pending or being sent), for keeping each recipient's order. */
export type UnsentMessage = { id: string; recipient: string; createdAt: Date };

/** A stored file as a channel sends it: its content hash (the bytes are in the file store) and type. */
export type AttachmentFile = { sha256: string; mime: string };

const choicesSchema = z.array(z.object({ id: z.string(), label: z.string() }));

/** A message sent within a window, for rate limits that outlive a restart. */
export type SentMessage = { recipient: string; sentAt: Date; payload: string };

let lastIdMs = 0;
let idCounter = 0;
/**
 * Random bytes for the ids, drawn from the system a pool at a time: one `randomBytes` call per id
 * cost more than the rest of an enqueued row (measured: 80 ms for a slot of 10,000 reminders).
 */
const ID_RANDOM_BYTES = 6;
let randomPool = Buffer.alloc(0);
let randomAt = 0;

function idRandom(): string {
  if (randomAt + ID_RANDOM_BYTES > randomPool.length) {
    randomPool = randomBytes(ID_RANDOM_BYTES * 1024);
    randomAt = 0;
  }
  randomAt += ID_RANDOM_BYTES;
  return randomPool.toString("hex", randomAt - ID_RANDOM_BYTES, randomAt);
}

/**
 * A cuid-shaped id (`c`, time, counter, random) that grows within the process: rows enqueued in
 * one call share `createdAt`, and `ORDER BY createdAt, id` must give them back in their order.
 */
function outboxId(): string {
  const ms = Date.now();
  if (ms > lastIdMs) {
    lastIdMs = ms;
    idCounter = 0;
  } else idCounter++;
  return `c${lastIdMs.toString(36).padStart(8, "0")}${idCounter.toString(36).padStart(4, "0")}${idRandom()}`;
}

/**
 * An outbox item's column values in insert order (id, key, channel, recipient, personId, payload,
 * nextAttemptAt, createdAt): `created` is the stored creation instant, `instant` writes a send-after
 * moment.
 */
function rowValues(item: OutboxItem, created: string, instant: (d: Date) => string) {
  return [
    outboxId(),
    item.key,
    item.channel,
    item.recipient,
    item.personId ?? null,
    JSON.stringify(item.message),
    item.notBefore ? instant(item.notBefore) : created,
    created,
  ] as const;
}

/** The rows of outbox items as one JSON parameter, for the one-statement inserts below. */
export function rowsJson(items: readonly OutboxItem[], now: Date): string {
  const created = dbInstant(now);
  return JSON.stringify(items.map((item) => rowValues(item, created, dbInstant)));
}

/**
 * One outbox row, prepared once and run per message inside one savepoint: measured cheaper than
 * one statement over a JSON array of the rows (no JSON to build and take apart) and than
 * multi-row VALUES lists, and plain SQL on both SQLite and PostgreSQL.
 */
const INSERT_ROW = `
INSERT INTO OutboxMessage (id, key, channel, recipient, personId, payload, status, attempts, nextAttemptAt, createdAt)
VALUES (?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?)`;
const INSERT_ROW_UNLESS_KNOWN = `${INSERT_ROW} ON CONFLICT (key) DO NOTHING`;

const COLUMNS = "id, key, channel, recipient, personId, payload, attempts, createdAt";

/**
 * A channel's pending rows due by a moment, in send order, leaving out recipients held back (a
 * JSON array). Read through the (channel, status, createdAt, id) index, named because SQLite's
 * planner would otherwise pick (status, nextAttemptAt) and sort every due row: this way there is
 * no sort, and the scan stops at the batch size.
 */
export const DUE_SQL = `
SELECT ${COLUMNS} FROM OutboxMessage INDEXED BY OutboxMessage_channel_status_createdAt_id_idx
WHERE channel = ? AND status = 'pending' AND nextAttemptAt <= ?
  AND recipient NOT IN (SELECT value FROM json_each(?))
ORDER BY createdAt, id LIMIT ?`;

/**
 * One recipient's pending rows due by a moment, in send order: read through the (channel,
 * recipient, status) index, named because without statistics SQLite's planner picks (status,
 * nextAttemptAt) and reads every due row of every recipient for each call (a lane asks once per
 * batch it sends: 6,500 sends took seconds in this statement alone). A recipient's rows are few,
 * so sorting them is cheap.
 */
const DUE_FOR_RECIPIENT = `
SELECT ${COLUMNS} FROM OutboxMessage INDEXED BY OutboxMessage_channel_recipient_status_idx
WHERE channel = ? AND recipient = ? AND status = 'pending' AND nextAttemptAt <= ?
ORDER BY createdAt, id LIMIT ?`;

const UNSENT_OF = `
SELECT id, recipient, createdAt FROM OutboxMessage
WHERE channel = ? AND recipient IN (SELECT value FROM json_each(?)) AND status IN ('pending', 'sending')
ORDER BY createdAt, id`;

const CLAIM = `
UPDATE OutboxMessage SET status = 'sending', claimedAt = ?, attempts = attempts + 1
WHERE id = ? AND status = 'pending'`;

const MARK_SENT = `UPDATE OutboxMessage SET status = 'sent', sentAt = ?, lastError = NULL WHERE id = ?`;

const SENT_TO = `
SELECT recipient, sentAt, payload FROM OutboxMessage
WHERE channel = ? AND recipient IN (SELECT value FROM json_each(?)) AND status = 'sent' AND sentAt > ?`;

/** The earliest due moment after now among pending rows of some channels (a JSON list). */
const NEXT_ATTEMPT = `
SELECT nextAttemptAt FROM OutboxMessage
WHERE status = 'pending' AND channel IN (SELECT value FROM json_each(?)) AND nextAttemptAt > ?
ORDER BY nextAttemptAt LIMIT 1`;

const STUCK = `SELECT ${COLUMNS} FROM OutboxMessage WHERE status = 'sending' AND claimedAt < ?`;

const LEFT_SENDING = `SELECT ${COLUMNS} FROM OutboxMessage WHERE status = 'sending' AND channel = ?`;
const LEFT_SENDING_TO = `${LEFT_SENDING} AND recipient = ?`;

const RETRY_AT = `UPDATE OutboxMessage SET status = 'pending', lastError = ?, nextAttemptAt = ? WHERE id = ?`;
const MARK_DEAD = `UPDATE OutboxMessage SET status = 'dead', lastError = ?, nextAttemptAt = ? WHERE id = ?`;
const REQUEUE = `UPDATE OutboxMessage SET status = 'pending', nextAttemptAt = ? WHERE id = ? AND status = 'sending'`;
/** Messages of some statuses (a JSON list), the latest first: through the (status, nextAttemptAt) index. */
const WITH_STATUS = `
SELECT ${COLUMNS}, status, lastError, nextAttemptAt FROM OutboxMessage
WHERE status IN (SELECT value FROM json_each(?))
ORDER BY nextAttemptAt DESC, id DESC LIMIT ?`;

const MARK_UNCONFIRMED = `
UPDATE OutboxMessage SET status = 'unconfirmed', lastError = ?, nextAttemptAt = ? WHERE id = ? AND status = 'sending'`;

/** What a chat was last shown, one row per chat: written after every send that shows options. */
const RECORD_PROMPT = `
INSERT INTO ChatPrompt (channel, chat, promptId, personId, choices, expects, sentAt) VALUES (?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (channel, chat) DO UPDATE SET promptId = excluded.promptId, personId = excluded.personId,
  choices = excluded.choices, expects = excluded.expects, sentAt = excluded.sentAt`;
const RECORD_CHOICES = `
INSERT INTO ChatPrompt (channel, chat, promptId, personId, choices, expects, sentAt) VALUES (?, ?, NULL, NULL, ?, 'none', ?)
ON CONFLICT (channel, chat) DO UPDATE SET choices = excluded.choices, sentAt = excluded.sentAt`;
const SHOWN_IN = "SELECT promptId, personId, choices, expects FROM ChatPrompt WHERE channel = ? AND chat = ?";
const PROMPT_ANSWERED =
  "UPDATE ChatPrompt SET promptId = NULL WHERE channel = ? AND chat = ? AND promptId = ?";

/** A `ChatPrompt` row as read, before its choices and expectation are checked. */
export type ShownRow = { promptId: string | null; personId: string | null; choices: string; expects: string };

/** What a chat was shown, from its stored row (on either database). */
export function parseShown(row: ShownRow): ShownPrompt {
  let choices: Choice[] = [];
  try {
    choices = choicesSchema.parse(JSON.parse(row.choices));
  } catch {
    // Options that no longer parse name nothing; the prompt itself still counts.
  }
  return {
    promptId: row.promptId,
    personId: row.personId,
    choices,
    expects: parseClosed("chat prompt expects", row.expects, isExpects),
  };
}

type RowOut = Omit<OutboxMessage, "createdAt"> & { createdAt: string };
const fromRow = (r: RowOut): OutboxMessage => ({ ...r, createdAt: fromDbInstant(r.createdAt) });

/**
 * Every outgoing message, as rows the dispatcher claims and marks, and what each chat was last
 * shown (the prompt its buttons answer, the choices a typed number names).
 */
export class OutboxStore {
  constructor(
    private readonly db: Client,
    protected readonly sql: Sql,
  ) {}

  /**
   * Puts messages in the outbox in one statement, in their order; a known key is left as it is
   * (`ON CONFLICT DO NOTHING`: the key is deterministic, so a second enqueue of the same message is
   * a no-op). Returns how many were new.
   */
  async enqueue(items: readonly OutboxItem[], now: Date): Promise<number> {
    if (items.length === 0) return 0;
    return this.insertRows(INSERT_ROW_UNLESS_KNOWN, items, now);
  }

  /**
   * Puts many messages in the outbox in one statement, for keys that cannot exist yet (the
   * caller holds, in the same transaction, the claim these keys derive from). A key that exists
   * anyway fails the insert as a `conflict`, and so the caller's transaction: nothing is sent twice.
   */
  async enqueueNew(items: readonly OutboxItem[], now: Date): Promise<number> {
    if (items.length === 0) return 0;
    try {
      this.insertRows(INSERT_ROW, items, now);
    } catch (e) {
      if ((e as { code?: string }).code?.startsWith("SQLITE_CONSTRAINT"))
        throw new AppError("conflict", "an outbox key exists already", { cause: e });
      throw e;
    }
    return items.length;
  }

  /** Inserts the items in their order, all or none; how many rows were written. */
  private insertRows(text: string, items: readonly OutboxItem[], now: Date): number {
    const insert = this.sql.statement(text);
    const created = dbInstant(now);
    // The items of one call mostly share their send-after moment (a slot's quiet-hours start).
    let lastMs = now.getTime();
    let lastText = created;
    const instantOf = (d: Date) => {
      if (d.getTime() !== lastMs) {
        lastMs = d.getTime();
        lastText = dbInstant(d);
      }
      return lastText;
    };
    return this.sql.atomically(() => {
      let written = 0;
      for (const item of items) written += insert.run(...rowValues(item, created, instantOf)).changes;
      return written;
    });
  }

  /**
   * Pending messages of a channel due by `now`, in send order (oldest first): those of one
   * recipient, or of any recipient but the ones held back.
   */
  async due(
    channel: string,
    now: Date,
    filter: { recipient?: string; except?: ReadonlySet<string> },
    limit: number,
  ): Promise<OutboxMessage[]> {
    const at = dbInstant(now);
    const rows = (
      filter.recipient !== undefined
        ? this.sql.statement(DUE_FOR_RECIPIENT).all(channel, filter.recipient, at, limit)
        : this.sql.statement(DUE_SQL).all(channel, at, JSON.stringify([...(filter.except ?? [])]), limit)
    ) as RowOut[];
    return rows.map(fromRow);
  }

  /** The messages of these recipients not yet out (pending or being sent), oldest first. */
  async unsentOf(channel: string, recipients: readonly string[]): Promise<UnsentMessage[]> {
    if (recipients.length === 0) return [];
    const rows = this.sql.statement(UNSENT_OF).all(channel, JSON.stringify(recipients)) as {
      id: string;
      recipient: string;
      createdAt: string;
    }[];
    return rows.map((r) => ({ ...r, createdAt: fromDbInstant(r.createdAt) }));
  }

  /** What was sent to these recipients after `since` (for rate limits counted over a window). */
  async sentTo(channel: string, recipients: readonly string[], since: Date): Promise<SentMessage[]> {
    if (recipients.length === 0) return [];
    const rows = this.sql.statement(SENT_TO).all(channel, JSON.stringify(recipients), dbInstant(since)) as {
      recipient: string;
      sentAt: string;
      payload: string;
    }[];
    return rows.map((r) => ({ ...r, sentAt: fromDbInstant(r.sentAt) }));
  }

  /** The earliest moment after `now` a pending message of these channels falls due, or null. */
  async nextAttemptAfter(channels: readonly string[], now: Date): Promise<Date | null> {
    if (channels.length === 0) return null;
    // Prepared, as the dispatcher asks whenever it goes idle.
    const row = this.sql.statement(NEXT_ATTEMPT).get(JSON.stringify(channels), dbInstant(now)) as
      | { nextAttemptAt: string }
      | undefined;
    return row ? fromDbInstant(row.nextAttemptAt) : null;
  }

  /** Claims a pending message for sending (one more attempt); false when someone else did. */
  async claim(id: string, now: Date): Promise<boolean> {
    return this.sql.statement(CLAIM).run(dbInstant(now), id).changes > 0;
  }

  async markSent(id: string, now: Date): Promise<void> {
    this.sql.statement(MARK_SENT).run(dbInstant(now), id);
  }

  /** Puts a failed message back in the queue until `at`. */
  async retryAt(id: string, lastError: string, at: Date): Promise<void> {
    this.sql.statement(RETRY_AT).run(lastError, dbInstant(at), id);
  }

  /** Gives a message up. */
  async markDead(id: string, lastError: string, now: Date): Promise<void> {
    this.sql.statement(MARK_DEAD).run(lastError, dbInstant(now), id);
  }

  /**
   * Ends a message whose send is in doubt (its process died during it, or it timed out): not sent
   * again. False when it is no longer being sent (another process marked it meanwhile).
   */
  async markUnconfirmed(id: string, lastError: string, now: Date): Promise<boolean> {
    return this.sql.statement(MARK_UNCONFIRMED).run(lastError, dbInstant(now), id).changes > 0;
  }

  /** Messages of these statuses, the latest first (for the office: what did not go out). */
  async withStatus(statuses: readonly OutboxStatus[], limit: number): Promise<OutboxRecord[]> {
    const rows = this.sql.statement(WITH_STATUS).all(JSON.stringify(statuses), limit) as (RowOut & {
      status: OutboxStatus;
      lastError: string | null;
      nextAttemptAt: string;
    })[];
    return rows.map((r) => ({
      ...fromRow(r),
      status: r.status,
      lastError: r.lastError,
      nextAttemptAt: fromDbInstant(r.nextAttemptAt),
    }));
  }

  /** Messages claimed before `claimedBefore` and still being sent: their process stopped mid-send. */
  async stuck(claimedBefore: Date): Promise<OutboxMessage[]> {
    return (this.sql.statement(STUCK).all(dbInstant(claimedBefore)) as RowOut[]).map(fromRow);
  }

  /**
   * Messages of a channel (and recipient) still marked as being sent, whenever they were claimed:
   * at start, before this process claimed anything, they were left by a process that stopped.
   */
  async leftSending(channel: string, recipient?: string): Promise<OutboxMessage[]> {
    const rows =
      recipient === undefined
        ? this.sql.statement(LEFT_SENDING).all(channel)
        : this.sql.statement(LEFT_SENDING_TO).all(channel, recipient);
    return (rows as RowOut[]).map(fromRow);
  }

  /** Puts a message stuck in sending back in the queue (unless it moved on meanwhile). */
  async requeue(id: string, now: Date): Promise<void> {
    this.sql.statement(REQUEUE).run(dbInstant(now), id);
  }

  /**
   * Records a prompt sent to a chat: its buttons are now the current ones, and its choices
   * (none for a prompt without options) are what a typed number names.
   */
  async recordPrompt(
    channel: string,
    chat: string,
    prompt: { promptId: string; personId: string | null; choices: Choice[]; expects: Expects },
    sentAt: Date,
  ): Promise<void> {
    // Prepared, like the rest of a send's bookkeeping: one statement per message sent.
    this.sql
      .statement(RECORD_PROMPT)
      .run(
        channel,
        chat,
        prompt.promptId,
        prompt.personId,
        JSON.stringify(prompt.choices.map(({ id, label }) => ({ id, label }))),
        prompt.expects,
        dbInstant(sentAt),
      );
  }

  /** Records options shown in a chat by a message that is no prompt (a card): the prompt stays current. */
  async recordChoices(channel: string, chat: string, choices: Choice[], sentAt: Date): Promise<void> {
    const json = JSON.stringify(choices.map(({ id, label }) => ({ id, label })));
    this.sql.statement(RECORD_CHOICES).run(channel, chat, json, dbInstant(sentAt));
  }

  /** What the chat was last shown, or null when nothing with options or a prompt was sent to it. */
  async shownIn(channel: string, chat: string): Promise<ShownPrompt | null> {
    const row = this.sql.statement(SHOWN_IN).get(channel, chat) as ShownRow | undefined;
    return row ? parseShown(row) : null;
  }

  /**
   * Ends a prompt once its button was pressed and handled: a second press of its buttons is
   * stale. A prompt sent meanwhile is left current.
   */
  async promptAnswered(channel: string, chat: string, promptId: string): Promise<void> {
    this.sql.statement(PROMPT_ANSWERED).run(channel, chat, promptId);
  }

  /** The stored file behind an attachment id, to send as an image. */
  async attachmentFile(id: string): Promise<AttachmentFile | null> {
    // TODO(seams): s.attachments, once the attachment store reads files.
    return this.db.attachment.findUnique({ where: { id }, select: { sha256: true, mime: true } });
  }
}
