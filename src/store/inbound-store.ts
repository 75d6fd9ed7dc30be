import type { Client } from "./client.ts";
import { dbInstant, type Sql } from "./sql.ts";

/** A platform message as first seen. */
export type SeenMessage = {
  channel: string;
  platformMessageId: string;
  senderExternalId: string;
  receivedAt: Date;
};

const RECORD = `
INSERT INTO InboundMessage (id, channel, platformMessageId, senderExternalId, receivedAt)
VALUES (?, ?, ?, ?, ?)
ON CONFLICT (channel, platformMessageId) DO NOTHING`;

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
   * Records the message as seen; false when it was seen before (a redelivery). Called first in the
   * message's unit of work, so a racing delivery of the same message is decided by the unique key.
   */
  async record(m: SeenMessage): Promise<boolean> {
    const { changes } = this.sql
      .statement(RECORD)
      .run(crypto.randomUUID(), m.channel, m.platformMessageId, m.senderExternalId, dbInstant(m.receivedAt));
    return changes > 0;
  }
}
