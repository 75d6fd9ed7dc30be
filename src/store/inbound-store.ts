import type { Client } from "./client.ts";
import type { Sql } from "./sql.ts";

/** A platform message as first seen. */
export type SeenMessage = {
  channel: string;
  platformMessageId: string;
  senderExternalId: string;
  receivedAt: Date;
};

/** Inbound messages seen, for de-duplication of platform redelivery. */
export class InboundStore {
  constructor(
    private readonly db: Client,
    protected readonly sql: Sql,
  ) {}

  async isSeen(channel: string, platformMessageId: string): Promise<boolean> {
    const row = await this.db.inboundMessage.findUnique({
      where: { channel_platformMessageId: { channel, platformMessageId } },
      select: { id: true },
    });
    return row !== null;
  }

  /**
   * Records the message as seen. Called first in the message's transaction: on SQLite the insert
   * takes the write lock at once, and a racing delivery of the same message fails on the unique
   * key instead of doing the work twice.
   */
  async record(message: SeenMessage): Promise<void> {
    await this.db.inboundMessage.create({ data: message });
  }
}
