import type { OutboundMessage } from "../domain/messages.ts";

/** What a channel adapter offers the dispatcher: send one message to one recipient. */
export interface ChannelSender {
  readonly channel: string;
  /** `delivery` names the outbox row: its stable key (useful as an idempotency key) and id. */
  send(
    recipient: string,
    message: OutboundMessage,
    delivery?: { key: string; outboxId: string },
  ): Promise<void>;
}

/**
 * A failed send as the channel judged it. `retryable` failures are tried again (after
 * `retryAfterMs` when the platform said so); others end the message at once.
 */
export class SendFailure extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly retryAfterMs?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "SendFailure";
  }
}
