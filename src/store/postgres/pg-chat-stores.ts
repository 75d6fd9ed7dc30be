import type { Client } from "../client.ts";
import {
  type ChatKey,
  type ChatRow,
  ConversationStore,
  type OpenChat,
  toOpenChat,
} from "../conversation-store.ts";
import { InboundStore, type SeenMessage } from "../inbound-store.ts";
import { NO_SQLITE, type PgSql, pgInstant } from "../sql.ts";

/**
 * The chat's account, state, last prompt and messages being sent in one statement (see
 * conversation-store.ts), as SQLite's row shape: one round trip for what every message needs.
 *
 * The messages being sent are found by the (channel, recipient, status) index, with the status in
 * the index condition, so the unit of work locks (serializable isolation) only the index page of
 * this chat's rows. Written as `status = 'sending'` the planner takes the (status, nextAttemptAt)
 * index instead ('sending' rows are rare), whose 'sending' range begins where every new pending
 * row is inserted (the latest nextAttemptAt): every answer's reply then conflicted with every
 * other chat's read. The row comparison on (recipient, status) is an index condition only for an
 * index whose columns run recipient, status.
 */
const OPEN_CHAT = `
SELECT ci."personId", ci."blockedAt", ci."blockedReason",
       p.name, p.phone, p.role, p."enterpriseId", p.active::int AS active,
       e."creditCode", e.name AS "enterpriseName", e.industry, e."supervisionClass", e."areaId", e."gridId", e.address,
       c.state,
       cp."promptId", cp."personId" AS "promptPersonId", cp.choices, cp.expects,
       ARRAY(SELECT o.key FROM "OutboxMessage" o
             WHERE o.channel = k.channel AND o.recipient = k.chat
               AND (o.recipient, o.status) >= (k.chat, 'sending') AND (o.recipient, o.status) <= (k.chat, 'sending')
       ) AS sending
FROM (SELECT $1::text AS channel, $2::text AS "externalId", $3::text AS chat) AS k
LEFT JOIN "ChannelIdentity" ci ON ci.channel = k.channel AND ci."externalId" = k."externalId"
LEFT JOIN "Person" p ON p.id = ci."personId"
LEFT JOIN "Enterprise" e ON e.id = p."enterpriseId"
LEFT JOIN "Conversation" c ON c.channel = k.channel AND c."externalId" = k."externalId"
LEFT JOIN "ChatPrompt" cp ON cp.channel = k.channel AND cp.chat = k.chat`;

const SAVE = `
INSERT INTO "Conversation" (id, channel, "externalId", "personId", state, version, "updatedAt")
VALUES ($1, $2, $3, $4, $5, 0, $6::timestamp)
ON CONFLICT (channel, "externalId") DO UPDATE SET
  state = excluded.state, "personId" = excluded."personId", version = "Conversation".version + 1,
  "updatedAt" = excluded."updatedAt"`;

export class PgConversationStore extends ConversationStore {
  constructor(
    db: Client,
    private readonly pg: PgSql,
  ) {
    super(db, NO_SQLITE);
  }

  override async openChat(key: ChatKey, chat: string): Promise<OpenChat> {
    const row = await this.pg.get<ChatRow>(OPEN_CHAT, key.channel, key.externalId, chat);
    if (!row) throw new Error("the chat statement returned no row");
    return toOpenChat(key, row);
  }

  override async save(key: ChatKey & { personId: string }, state: unknown): Promise<void> {
    await this.pg.run(
      SAVE,
      crypto.randomUUID(),
      key.channel,
      key.externalId,
      key.personId,
      JSON.stringify(state),
      pgInstant(new Date()),
    );
  }
}

const RECORD = `
INSERT INTO "InboundMessage" (id, channel, "platformMessageId", "senderExternalId", "receivedAt")
VALUES ($1, $2, $3, $4, $5::timestamp)
ON CONFLICT (channel, "platformMessageId") DO NOTHING`;

/**
 * Inbound de-duplication across instances: the same update delivered to two instances inserts one
 * row; the second insert waits for the first transaction and then does nothing (or, under
 * serializable isolation, fails and is retried, and then finds the row).
 */
export class PgInboundStore extends InboundStore {
  constructor(
    db: Client,
    private readonly pg: PgSql,
  ) {
    super(db, NO_SQLITE);
  }

  override async record(m: SeenMessage): Promise<boolean> {
    const changes = await this.pg.run(
      RECORD,
      crypto.randomUUID(),
      m.channel,
      m.platformMessageId,
      m.senderExternalId,
      pgInstant(m.receivedAt),
    );
    return changes > 0;
  }
}
