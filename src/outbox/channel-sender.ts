import type { OutboundMessage } from "../domain/messages.ts";

/**
 * The outbox row a send delivers: its stable key (useful as an idempotency key) and id, and a
 * signal that aborts when the send has taken longer than the dispatcher's send timeout.
 */
export type Delivery = { key: string; outboxId: string; signal?: AbortSignal };

/** A send that failed: tried again when `retryable` (after `retryAfterMs` when the platform said so). */
export type SendFailed = {
  ok: false;
  unreachable?: false;
  retryable: boolean;
  retryAfterMs?: number;
  /**
   * Whom `retryAfterMs` holds back: this recipient (the default), or the whole channel when the
   * platform's limit was on the account as a whole.
   */
  retryScope?: "recipient" | "channel";
  error: string;
  cause?: unknown;
  /** The platform may have taken the message (the send timed out after the request went out). */
  inDoubt?: boolean;
};

/** The platform says the recipient cannot be reached (blocked the bot, left the company). */
export type Unreachable = {
  ok: false;
  unreachable: true;
  /** Why, as recorded on the account. */
  reason: string;
  /** The message's last error, when it should say more than the reason. */
  error?: string;
};

/**
 * How a send went, as the channel judged it. An account that cannot be reached is a result, not
 * an error: the dispatcher marks the account and ends the message. Other failures are tried
 * again when `retryable`, and end the message at once otherwise.
 */
export type SendResult = { ok: true } | Unreachable | SendFailed;

/** A failed send that ends the message, or is tried again when `retryable`. */
export function sendFailed(
  error: string,
  retryable: boolean,
  more: {
    retryAfterMs?: number;
    retryScope?: "recipient" | "channel";
    cause?: unknown;
    inDoubt?: boolean;
  } = {},
): SendFailed {
  return { ok: false, retryable, error, ...more };
}

/** What the dispatcher sends through: one channel's way of delivering one message to one recipient. */
export interface ChannelSender {
  readonly id: string;
  /**
   * The channel shows a delivery once however often it is sent (it keeps the outbox id): a send
   * whose outcome is unknown may then simply be made again. Platforms without such a key
   * (Telegram, WeCom, WeChat) leave this unset.
   */
  readonly idempotent?: boolean;
  /** Sends; a thrown error counts as a failure worth trying again. */
  send(recipient: string, message: OutboundMessage, delivery: Delivery): Promise<SendResult>;
  /** How many platform messages `message` takes (each counts against the rate limits); 1 when absent. */
  sendsFor?(message: OutboundMessage): number;
}
