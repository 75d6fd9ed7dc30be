import type { OutboundMessage } from "../domain/messages.ts";
import type { Tx } from "../store/database.ts";

/** Statuses of an outgoing message row. */
export const OutboxStatuses = ["pending", "sending", "sent", "dead"] as const;
export type OutboxStatus = (typeof OutboxStatuses)[number];

export type OutboxItem = {
  /** Deterministic: enqueuing the same key twice sends once. */
  key: string;
  channel: string;
  recipient: string;
  personId?: string | null;
  message: OutboundMessage;
  notBefore?: Date;
};

/** The row an outbox item becomes. */
export function outboxRow(item: OutboxItem, now: Date) {
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

/** Puts messages in the outbox inside the caller's transaction; a known key is left as it is. */
export async function enqueue(tx: Tx, items: readonly OutboxItem[], now: Date): Promise<void> {
  for (const item of items) {
    await tx.outboxMessage.upsert({ where: { key: item.key }, update: {}, create: outboxRow(item, now) });
  }
}
