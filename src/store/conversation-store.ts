import { z } from "zod";
import { isExpects } from "../domain/messages.ts";
import type { ShownPrompt } from "../domain/resolve-choice.ts";
import type { Client } from "./client.ts";
import type { BoundAccount } from "./identity-store.ts";
import { parseClosed, toEnterprise, toPerson } from "./rows.ts";
import { dbInstant, type Sql } from "./sql.ts";

/** Whose chat: one conversation per chat account. */
export type ChatKey = { channel: string; externalId: string };

/** Everything a message needs about its chat, read at once. */
export type OpenChat = {
  /** The sender's bound account with the person and their enterprise; null for a stranger. */
  account: BoundAccount | null;
  /** The chat's flow state as stored (JSON), for the caller's schema to validate; undefined when none. */
  state: unknown;
  /** What the chat was last shown (current prompt, options); null when nothing was recorded. */
  shown: ShownPrompt | null;
  /**
   * Outbox keys of the messages to this chat being sent right now (claimed, not yet marked sent):
   * a press of their button, or a typed option number, can reach another connection or instance
   * before the sender records what the chat was shown, and is then tried again in a moment rather
   * than read against the options shown before. Always empty on SQLite: its one connection runs
   * the sender's "sent" mark and the next message's unit of work in the order they asked (see
   * unit-of-work.ts), so the record is always there first.
   */
  sending: string[];
};

const choicesSchema = z.array(z.object({ id: z.string(), label: z.string() }));

/** The row of the chat statement (SQLite's shapes: `active` as 0/1). */
export type ChatRow = {
  personId: string | null;
  blockedAt: string | null;
  blockedReason: string | null;
  name: string | null;
  phone: string | null;
  role: string | null;
  enterpriseId: string | null;
  active: number | null;
  creditCode: string | null;
  enterpriseName: string | null;
  industry: string | null;
  supervisionClass: string | null;
  areaId: string | null;
  gridId: string | null;
  address: string | null;
  state: string | null;
  promptId: string | null;
  promptPersonId: string | null;
  choices: string | null;
  expects: string | null;
  /** PostgreSQL only (see OpenChat.sending). */
  sending?: string[];
};

/**
 * The chat's account, state and last prompt in one statement: every inbound message needs all three,
 * and this is the hottest read of the product.
 */
const OPEN_CHAT = `
SELECT ci.personId, ci.blockedAt, ci.blockedReason,
       p.name, p.phone, p.role, p.enterpriseId, p.active,
       e.creditCode, e.name AS enterpriseName, e.industry, e.supervisionClass, e.areaId, e.gridId, e.address,
       c.state,
       cp.promptId, cp.personId AS promptPersonId, cp.choices, cp.expects
FROM (SELECT ? AS channel, ? AS externalId, ? AS chat) AS k
LEFT JOIN ChannelIdentity ci ON ci.channel = k.channel AND ci.externalId = k.externalId
LEFT JOIN Person p ON p.id = ci.personId
LEFT JOIN Enterprise e ON e.id = p.enterpriseId
LEFT JOIN Conversation c ON c.channel = k.channel AND c.externalId = k.externalId
LEFT JOIN ChatPrompt cp ON cp.channel = k.channel AND cp.chat = k.chat`;

const SAVE = `
INSERT INTO Conversation (id, channel, externalId, personId, state, version, updatedAt)
VALUES (?, ?, ?, ?, ?, 0, ?)
ON CONFLICT (channel, externalId) DO UPDATE SET
  state = excluded.state, personId = excluded.personId, version = version + 1, updatedAt = excluded.updatedAt`;

/** Each chat's flow state, a JSON column validated by the caller's schema on read. */
export class ConversationStore {
  constructor(
    protected readonly db: Client,
    protected readonly sql: Sql,
  ) {}

  /** The sender's account, the chat's state and what the chat was last shown (`chat`: a group, or the sender). */
  async openChat(key: ChatKey, chat: string): Promise<OpenChat> {
    const row = this.sql.statement(OPEN_CHAT).get(key.channel, key.externalId, chat) as ChatRow;
    return toOpenChat(key, row);
  }

  async save(key: ChatKey & { personId: string }, state: unknown): Promise<void> {
    this.sql
      .statement(SAVE)
      .run(
        crypto.randomUUID(),
        key.channel,
        key.externalId,
        key.personId,
        JSON.stringify(state),
        dbInstant(new Date()),
      );
  }
}

/** What the chat statement's row says about the chat (shared with the PostgreSQL store). */
export function toOpenChat(key: ChatKey, row: ChatRow): OpenChat {
  return {
    account: accountOf(key, row),
    state: jsonOf(row.state),
    shown: shownOf(row),
    sending: row.sending ?? [],
  };
}

function jsonOf(text: string | null): unknown {
  if (text === null) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function accountOf(key: ChatKey, r: ChatRow): BoundAccount | null {
  if (r.personId === null || r.name === null || r.phone === null || r.role === null) return null;
  const person = toPerson({
    id: r.personId,
    name: r.name,
    phone: r.phone,
    role: r.role,
    enterpriseId: r.enterpriseId,
    active: r.active === 1,
  });
  const enterprise =
    r.enterpriseId !== null &&
    r.creditCode !== null &&
    r.enterpriseName !== null &&
    r.industry !== null &&
    r.areaId !== null
      ? toEnterprise({
          id: r.enterpriseId,
          creditCode: r.creditCode,
          name: r.enterpriseName,
          industry: r.industry,
          supervisionClass: r.supervisionClass,
          areaId: r.areaId,
          gridId: r.gridId,
          address: r.address,
        })
      : null;
  return {
    channel: key.channel,
    externalId: key.externalId,
    personId: r.personId,
    blockedAt: r.blockedAt === null ? null : new Date(r.blockedAt),
    blockedReason: r.blockedReason,
    person: { ...person, enterprise },
  };
}

function shownOf(r: ChatRow): ShownPrompt | null {
  if (r.choices === null || r.expects === null) return null;
  const parsed = choicesSchema.safeParse(jsonOf(r.choices));
  return {
    promptId: r.promptId,
    personId: r.promptPersonId,
    // Options that no longer parse name nothing; the prompt itself still counts.
    choices: parsed.success ? parsed.data : [],
    expects: parseClosed("chat prompt expects", r.expects, isExpects),
  };
}
