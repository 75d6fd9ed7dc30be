import type { OutboundMessage } from "./messages.ts";

/** A message to put in the outbox: to whom, on which channel, under which deterministic key. */
export type OutboxItem = {
  /** Deterministic: enqueuing the same key twice sends once. */
  key: string;
  channel: string;
  recipient: string;
  personId?: string | null;
  message: OutboundMessage;
  /** Not sent before this moment (quiet hours, a scheduled send). */
  notBefore?: Date;
};

/**
 * Statuses of an outgoing message row. `unconfirmed`: a send was under way when its process died
 * or it timed out, so whether the platform took it is unknown; it is not sent again (see the
 * dispatcher's `inDoubt`), and the admins are told.
 */
export const OutboxStatuses = ["pending", "sending", "sent", "dead", "unconfirmed"] as const;
export type OutboxStatus = (typeof OutboxStatuses)[number];

export function isOutboxStatus(v: string): v is OutboxStatus {
  return (OutboxStatuses as readonly string[]).includes(v);
}
