import { AppError } from "../../domain/app-error.ts";
import { promptIdOf } from "../../domain/choice-payload.ts";
import type { OutboxItem } from "../../domain/outbox-item.ts";
import { type Client, isUniqueViolation } from "../client.ts";
import {
  type OutboxMessage,
  OutboxStore,
  rowsJson,
  type SentMessage,
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
    try {
      await this.pg.run(INSERT_ROWS, rowsJson(items, now));
    } catch (e) {
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

  override async isBeingSent(channel: string, chat: string, promptId?: string): Promise<boolean> {
    const rows = await this.pg.all<{ key: string }>(
      `SELECT key FROM "OutboxMessage" WHERE channel = $1 AND recipient = $2 AND status = 'sending'`,
      channel,
      chat,
    );
    return rows.some((r) => promptId === undefined || promptIdOf(r.key) === promptId);
  }

  override async claim(id: string, now: Date): Promise<boolean> {
    return (await this.pg.run(CLAIM, pgInstant(now), id)) > 0;
  }

  override async markSent(id: string, now: Date): Promise<void> {
    await this.pg.run(MARK_SENT, pgInstant(now), id);
  }
}
