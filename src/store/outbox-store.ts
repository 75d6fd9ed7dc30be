import { z } from "zod";
import { type Choice, type Expects, isExpects } from "../domain/messages.ts";
import type { OutboxItem } from "../domain/outbox-item.ts";
import type { ShownPrompt } from "../domain/resolve-choice.ts";
import { type Client, inChunks, MAX_IN_LIST } from "./client.ts";
import { parseClosed } from "./rows.ts";
import type { Sql } from "./sql.ts";

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

/** A message not yet out (pending or being sent), for keeping each recipient's order. */
export type UnsentMessage = { id: string; recipient: string; createdAt: Date };

/** A stored file as a channel sends it: its content hash (the bytes are in the file store) and type. */
export type AttachmentFile = { sha256: string; mime: string };

const OUTBOX_COLUMNS = {
  id: true,
  key: true,
  channel: true,
  recipient: true,
  personId: true,
  payload: true,
  attempts: true,
  createdAt: true,
} as const;

const choicesSchema = z.array(z.object({ id: z.string(), label: z.string() }));

/** The row an outbox item becomes. */
function outboxRow(item: OutboxItem, now: Date) {
  return {
    key: item.key,
    channel: item.channel,
    recipient: item.recipient,
    personId: item.personId ?? null,
    payload: JSON.stringify(item.message),
    nextAttemptAt: item.notBefore ?? now,
    createdAt: now,
  };
}

/**
 * Every outgoing message, as rows the dispatcher claims and marks, and what each chat was last
 * shown (the prompt its buttons answer, the choices a typed number names).
 */
export class OutboxStore {
  constructor(
    private readonly db: Client,
    protected readonly sql: Sql,
  ) {}

  /** Puts messages in the outbox; a known key is left as it is. */
  async enqueue(items: readonly OutboxItem[], now: Date): Promise<void> {
    for (const item of items) {
      await this.db.outboxMessage.upsert({
        where: { key: item.key },
        update: {},
        create: outboxRow(item, now),
      });
    }
  }

  /**
   * Puts many messages in the outbox with multi-row inserts, for keys that cannot exist yet (the
   * caller holds, in the same transaction, the claim these keys derive from). A key that exists
   * anyway makes the insert, and so the caller's transaction, fail: nothing is sent twice.
   */
  async enqueueNew(items: readonly OutboxItem[], now: Date): Promise<number> {
    await inChunks(items, async (chunk) => {
      await this.db.outboxMessage.createMany({ data: chunk.map((item) => outboxRow(item, now)) });
      return [];
    });
    return items.length;
  }

  /**
   * Pending messages of a channel due by `now`, oldest first: those of one recipient, or of any
   * recipient but the ones held back. SQLite caps a statement's parameters, so a long list of
   * held-back recipients is excluded partly in the query and the rest here (the batch may then
   * come back short).
   */
  async due(
    channel: string,
    now: Date,
    filter: { recipient?: string; except?: ReadonlySet<string> },
    limit: number,
  ): Promise<OutboxMessage[]> {
    const except = [...(filter.except ?? [])];
    const inQuery = except.slice(0, MAX_IN_LIST);
    const rows = await this.db.outboxMessage.findMany({
      where: {
        status: "pending",
        nextAttemptAt: { lte: now },
        channel,
        ...(filter.recipient
          ? { recipient: filter.recipient }
          : inQuery.length > 0
            ? { recipient: { notIn: inQuery } }
            : {}),
      },
      select: OUTBOX_COLUMNS,
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: limit,
    });
    if (filter.recipient || except.length <= inQuery.length) return rows;
    return rows.filter((r) => !filter.except?.has(r.recipient));
  }

  /** The messages of these recipients not yet out (pending or being sent), oldest first. */
  async unsentOf(channel: string, recipients: readonly string[]): Promise<UnsentMessage[]> {
    const rows = await inChunks(recipients, (chunk) =>
      this.db.outboxMessage.findMany({
        where: { channel, recipient: { in: chunk }, status: { in: ["pending", "sending"] } },
        select: { id: true, recipient: true, createdAt: true },
      }),
    );
    return rows.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || compare(a.id, b.id));
  }

  /** Claims a pending message for sending (one more attempt); false when someone else did. */
  async claim(id: string, now: Date): Promise<boolean> {
    const claimed = await this.db.outboxMessage.updateMany({
      where: { id, status: "pending" },
      data: { status: "sending", claimedAt: now, attempts: { increment: 1 } },
    });
    return claimed.count > 0;
  }

  async markSent(id: string, now: Date): Promise<void> {
    await this.db.outboxMessage.update({
      where: { id },
      data: { status: "sent", sentAt: now, lastError: null },
    });
  }

  /** Puts a failed message back in the queue until `at`. */
  async retryAt(id: string, lastError: string, at: Date): Promise<void> {
    await this.db.outboxMessage.update({
      where: { id },
      data: { status: "pending", lastError, nextAttemptAt: at },
    });
  }

  /** Gives a message up. */
  async markDead(id: string, lastError: string, now: Date): Promise<void> {
    await this.db.outboxMessage.update({
      where: { id },
      data: { status: "dead", lastError, nextAttemptAt: now },
    });
  }

  /** Messages claimed before `claimedBefore` and still being sent: their process stopped mid-send. */
  async stuck(claimedBefore: Date): Promise<OutboxMessage[]> {
    return this.db.outboxMessage.findMany({
      where: { status: "sending", claimedAt: { lt: claimedBefore } },
      select: OUTBOX_COLUMNS,
    });
  }

  /** Puts a message stuck in sending back in the queue (unless it moved on meanwhile). */
  async requeue(id: string, now: Date): Promise<void> {
    await this.db.outboxMessage.updateMany({
      where: { id, status: "sending" },
      data: { status: "pending", nextAttemptAt: now },
    });
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
    const data = {
      promptId: prompt.promptId,
      personId: prompt.personId,
      choices: JSON.stringify(prompt.choices.map(({ id, label }) => ({ id, label }))),
      expects: prompt.expects,
      sentAt,
    };
    await this.db.chatPrompt.upsert({
      where: { channel_chat: { channel, chat } },
      create: { channel, chat, ...data },
      update: data,
    });
  }

  /** Records options shown in a chat by a message that is no prompt (a card): the prompt stays current. */
  async recordChoices(channel: string, chat: string, choices: Choice[], sentAt: Date): Promise<void> {
    const json = JSON.stringify(choices.map(({ id, label }) => ({ id, label })));
    await this.db.chatPrompt.upsert({
      where: { channel_chat: { channel, chat } },
      create: { channel, chat, promptId: null, personId: null, choices: json, expects: "none", sentAt },
      update: { choices: json, sentAt },
    });
  }

  /** What the chat was last shown, or null when nothing with options or a prompt was sent to it. */
  async shownIn(channel: string, chat: string): Promise<ShownPrompt | null> {
    const row = await this.db.chatPrompt.findUnique({ where: { channel_chat: { channel, chat } } });
    if (!row) return null;
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

  /**
   * Ends a prompt once its button was pressed and handled: a second press of its buttons is
   * stale. A prompt sent meanwhile is left current.
   */
  async promptAnswered(channel: string, chat: string, promptId: string): Promise<void> {
    await this.db.chatPrompt.updateMany({ where: { channel, chat, promptId }, data: { promptId: null } });
  }

  /** The stored file behind an attachment id, to send as an image. */
  async attachmentFile(id: string): Promise<AttachmentFile | null> {
    // TODO(seams): s.attachments, once the attachment store reads files.
    return this.db.attachment.findUnique({ where: { id }, select: { sha256: true, mime: true } });
  }
}

/** Orders ids as the database's `ORDER BY id` does (binary collation). */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
