import type { z } from "zod";
import type { Client } from "./client.ts";
import type { Sql } from "./sql.ts";

/** Whose chat: one conversation per chat account. */
export type ChatKey = { channel: string; externalId: string };

/** Each chat's flow state, a JSON column validated by the caller's schema on read. */
export class ConversationStore {
  constructor(
    private readonly db: Client,
    protected readonly sql: Sql,
  ) {}

  /** The chat's state, or undefined when there is none or it no longer parses (an old shape). */
  async load<T>(key: ChatKey, schema: z.ZodType<T>): Promise<T | undefined> {
    const row = await this.db.conversation.findUnique({ where: { channel_externalId: key } });
    if (!row) return undefined;
    let json: unknown;
    try {
      json = JSON.parse(row.state);
    } catch {
      return undefined;
    }
    const parsed = schema.safeParse(json);
    return parsed.success ? parsed.data : undefined;
  }

  async save(key: ChatKey & { personId: string }, state: unknown): Promise<void> {
    const json = JSON.stringify(state);
    await this.db.conversation.upsert({
      where: { channel_externalId: { channel: key.channel, externalId: key.externalId } },
      create: { ...key, state: json },
      update: { state: json, personId: key.personId, version: { increment: 1 } },
    });
  }
}
