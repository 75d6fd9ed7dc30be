import { AppError } from "../../domain/app-error.ts";
import type { Choice, Expects } from "../../domain/messages.ts";
import type { OutboxItem, OutboxStatus } from "../../domain/outbox-item.ts";
import type { ShownPrompt } from "../../domain/resolve-choice.ts";
import { type Client, isUniqueViolation } from "../client.ts";
import {
  type OutboxMessage,
  type OutboxRecord,
  OutboxStore,
  parseShown,
  rowsJson,
  type SentMessage,
  type ShownRow,
  type UnsentMessage,
} from "../outbox-store.ts";
import { NO_SQLITE, type PgSql, pgInstant } from "../sql.ts";

/** Inserts the rows of a JSON array (see `rowsJson`) in one statement, in their order. */
const INSERT_ROWS = `
INSERT INTO "OutboxMessage" (id, key, channel, recipient, "personId", payload, status, attempts, "nextAttemptAt", "createdAt")
SELECT r->>0, r->>1, r->>2, r->>3, r->>4, r->>5, 'pending', 0, (r->>6)::timestamp, (r->>7)::timestamp
FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS x(r, n) ORDER BY n`;

const COLUMNS = `id, key, channel, recipient, "personId", payload, attempts, "createdAt"`;

const DUE = `
SELECT ${COLUMNS} FROM "OutboxMessage"
WHERE channel = $1 AND status = 'pending' AND "nextAttemptAt" <= $2::timestamp AND NOT (recipient = ANY($3::text[]))
ORDER BY "createdAt", id LIMIT $4::int`;

const DUE_FOR_RECIPIENT = `
SELECT ${COLUMNS} FROM "OutboxMessage"
WHERE channel = $1 AND recipient = $2 AND status = 'pending' AND "nextAttemptAt" <= $3::timestamp
ORDER BY "createdAt", id LIMIT $4::int`;

const UNSENT_OF = `
SELECT id, recipient, "createdAt" FROM "OutboxMessage"
WHERE channel = $1 AND recipient = ANY($2::text[]) AND status IN ('pending', 'sending')
ORDER BY "createdAt", id`;

const CLAIM = `
UPDATE "OutboxMessage" SET status = 'sending', "claimedAt" = $1::timestamp, attempts = attempts + 1
WHERE id = $2 AND status = 'pending'`;

const MARK_SENT = `UPDATE "OutboxMessage" SET status = 'sent', "sentAt" = $1::timestamp, "lastError" = NULL WHERE id = $2`;

const SENT_TO = `
SELECT recipient, "sentAt", payload FROM "OutboxMessage"
WHERE channel = $1 AND recipient = ANY($2::text[]) AND status = 'sent' AND "sentAt" > $3::timestamp`;

/** The earliest due moment after now among pending rows of some channels. */
const NEXT_ATTEMPT = `
SELECT "nextAttemptAt" FROM "OutboxMessage"
WHERE status = 'pending' AND channel = ANY($1::text[]) AND "nextAttemptAt" > $2::timestamp
ORDER BY "nextAttemptAt" LIMIT 1`;

const STUCK = `SELECT ${COLUMNS} FROM "OutboxMessage" WHERE status = 'sending' AND "claimedAt" < $1::timestamp`;

const LEFT_SENDING = `SELECT ${COLUMNS} FROM "OutboxMessage" WHERE status = 'sending' AND channel = $1`;
const LEFT_SENDING_TO = `${LEFT_SENDING} AND recipient = $2`;

const RETRY_AT = `UPDATE "OutboxMessage" SET status = 'pending', "lastError" = $1, "nextAttemptAt" = $2::timestamp WHERE id = $3`;
const MARK_DEAD = `UPDATE "OutboxMessage" SET status = 'dead', "lastError" = $1, "nextAttemptAt" = $2::timestamp WHERE id = $3`;
const REQUEUE = `UPDATE "OutboxMessage" SET status = 'pending', "nextAttemptAt" = $1::timestamp WHERE id = $2 AND status = 'sending'`;
const WITH_STATUS = `
SELECT ${COLUMNS}, status, "lastError", "nextAttemptAt" FROM "OutboxMessage"
WHERE status = ANY($1::text[])
ORDER BY "nextAttemptAt" DESC, id COLLATE "C" DESC LIMIT $2::int`;

const MARK_UNCONFIRMED = `
UPDATE "OutboxMessage" SET status = 'unconfirmed', "lastError" = $1, "nextAttemptAt" = $2::timestamp
WHERE id = $3 AND status = 'sending'`;

const RECORD_PROMPT = `
INSERT INTO "ChatPrompt" (channel, chat, "promptId", "personId", choices, expects, "sentAt")
VALUES ($1, $2, $3, $4, $5, $6, $7::timestamp)
ON CONFLICT (channel, chat) DO UPDATE SET "promptId" = excluded."promptId", "personId" = excluded."personId",
  choices = excluded.choices, expects = excluded.expects, "sentAt" = excluded."sentAt"`;
const RECORD_CHOICES = `
INSERT INTO "ChatPrompt" (channel, chat, "promptId", "personId", choices, expects, "sentAt")
VALUES ($1, $2, NULL, NULL, $3, 'none', $4::timestamp)
ON CONFLICT (channel, chat) DO UPDATE SET choices = excluded.choices, "sentAt" = excluded."sentAt"`;
const SHOWN_IN = `SELECT "promptId", "personId", choices, expects FROM "ChatPrompt" WHERE channel = $1 AND chat = $2`;
const PROMPT_ANSWERED = `UPDATE "ChatPrompt" SET "promptId" = NULL WHERE channel = $1 AND chat = $2 AND "promptId" = $3`;

const choicesJson = (choices: Choice[]) => JSON.stringify(choices.map(({ id, label }) => ({ id, label })));

/**
 * The outbox on PostgreSQL: the same statements as on SQLite. A row is claimed by a conditional
 * update (pending → sending), so two senders can never both claim it; on a shared database one
 * instance sends each channel's rows anyway (its role, see leadership.ts).
 */
export class PgOutboxStore extends OutboxStore {
  constructor(
    db: Client,
    private readonly pg: PgSql,
  ) {
    super(db, NO_SQLITE);
  }

  override async enqueue(items: readonly OutboxItem[], now: Date): Promise<number> {
    if (items.length === 0) return 0;
    return this.pg.run(`${INSERT_ROWS} ON CONFLICT (key) DO NOTHING`, rowsJson(items, now));
  }

  override async enqueueNew(items: readonly OutboxItem[], now: Date): Promise<number> {
    if (items.length === 0) return 0;
    // In a transaction, a refused statement would abort all of it: the insert runs in a savepoint,
    // so that, as on SQLite, only the batch is undone and the caller may go on.
    const savepoint = this.pg.inTransaction;
    if (savepoint) await this.pg.run("SAVEPOINT outbox_new");
    try {
      await this.pg.run(INSERT_ROWS, rowsJson(items, now));
      if (savepoint) await this.pg.run("RELEASE SAVEPOINT outbox_new");
    } catch (e) {
      if (savepoint) await this.pg.run("ROLLBACK TO SAVEPOINT outbox_new");
      if (isUniqueViolation(e)) throw new AppError("conflict", "an outbox key exists already", { cause: e });
      throw e;
    }
    return items.length;
  }

  override async due(
    channel: string,
    now: Date,
    filter: { recipient?: string; except?: ReadonlySet<string> },
    limit: number,
  ): Promise<OutboxMessage[]> {
    const at = pgInstant(now);
    return filter.recipient !== undefined
      ? this.pg.all<OutboxMessage>(DUE_FOR_RECIPIENT, channel, filter.recipient, at, limit)
      : this.pg.all<OutboxMessage>(DUE, channel, at, [...(filter.except ?? [])], limit);
  }

  override async unsentOf(channel: string, recipients: readonly string[]): Promise<UnsentMessage[]> {
    if (recipients.length === 0) return [];
    return this.pg.all<UnsentMessage>(UNSENT_OF, channel, [...recipients]);
  }

  override async sentTo(channel: string, recipients: readonly string[], since: Date): Promise<SentMessage[]> {
    if (recipients.length === 0) return [];
    return this.pg.all<SentMessage>(SENT_TO, channel, [...recipients], pgInstant(since));
  }

  override async claim(id: string, now: Date): Promise<boolean> {
    return (await this.pg.run(CLAIM, pgInstant(now), id)) > 0;
  }

  override async markSent(id: string, now: Date): Promise<void> {
    await this.pg.run(MARK_SENT, pgInstant(now), id);
  }

  override async nextAttemptAfter(channels: readonly string[], now: Date): Promise<Date | null> {
    if (channels.length === 0) return null;
    const row = await this.pg.get<{ nextAttemptAt: Date }>(NEXT_ATTEMPT, [...channels], pgInstant(now));
    return row ? row.nextAttemptAt : null;
  }

  override async retryAt(id: string, lastError: string, at: Date): Promise<void> {
    await this.pg.run(RETRY_AT, lastError, pgInstant(at), id);
  }

  override async markDead(id: string, lastError: string, now: Date): Promise<void> {
    await this.pg.run(MARK_DEAD, lastError, pgInstant(now), id);
  }

  override async withStatus(statuses: readonly OutboxStatus[], limit: number): Promise<OutboxRecord[]> {
    return this.pg.all<OutboxRecord>(WITH_STATUS, [...statuses], limit);
  }

  override async markUnconfirmed(id: string, lastError: string, now: Date): Promise<boolean> {
    return (await this.pg.run(MARK_UNCONFIRMED, lastError, pgInstant(now), id)) > 0;
  }

  override async stuck(claimedBefore: Date): Promise<OutboxMessage[]> {
    return this.pg.all<OutboxMessage>(STUCK, pgInstant(claimedBefore));
  }

  override async leftSending(channel: string, recipient?: string): Promise<OutboxMessage[]> {
    return recipient === undefined
      ? this.pg.all<OutboxMessage>(LEFT_SENDING, channel)
      : this.pg.all<OutboxMessage>(LEFT_SENDING_TO, channel, recipient);
  }

  override async requeue(id: string, now: Date): Promise<void> {
    await this.pg.run(REQUEUE, pgInstant(now), id);
  }

  override async recordPrompt(
    channel: string,
    chat: string,
    prompt: { promptId: string; personId: string | null; choices: Choice[]; expects: Expects },
    sentAt: Date,
  ): Promise<void> {
    await this.pg.run(
      RECORD_PROMPT,
      channel,
      chat,
      prompt.promptId,
      prompt.personId,
      choicesJson(prompt.choices),
      prompt.expects,
      pgInstant(sentAt),
    );
  }

  override async recordChoices(
    channel: string,
    chat: string,
    choices: Choice[],
    sentAt: Date,
  ): Promise<void> {
    await this.pg.run(RECORD_CHOICES, channel, chat, choicesJson(choices), pgInstant(sentAt));
  }

  override async shownIn(channel: string, chat: string): Promise<ShownPrompt | null> {
    const row = await this.pg.get<ShownRow>(SHOWN_IN, channel, chat);
    return row ? parseShown(row) : null;
  }

  override async promptAnswered(channel: string, chat: string, promptId: string): Promise<void> {
    await this.pg.run(PROMPT_ANSWERED, channel, chat, promptId);
  }
}
