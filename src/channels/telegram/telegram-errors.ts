import { GrammyError, HttpError } from "grammy";
import { type SendFailed, sendFailed, type Unreachable } from "../../outbox/channel-sender.ts";

/** A failed Bot API call as the outbox should treat it. */
export type TelegramFailure = SendFailed | Unreachable;

const UNREACHABLE =
  /blocked by the user|user is deactivated|chat not found|bot was kicked|not a member|PEER_ID_INVALID/i;

/**
 * Sorts Bot API errors: 429 waits `retry_after`; 5xx, network failures, a bad token (401/404,
 * an operator fix away) and 409 are tried again; 403 (blocked, kicked) and a vanished chat mean
 * the account cannot be reached; any other 400 is a request that will never succeed.
 */
export function classifyTelegramError(e: unknown): TelegramFailure {
  if (e instanceof GrammyError) {
    const what = `telegram ${e.method}: ${e.error_code} ${e.description}`;
    if (e.error_code === 429) {
      const seconds = e.parameters.retry_after ?? 1;
      return sendFailed(what, true, { retryAfterMs: seconds * 1000, cause: e });
    }
    if (e.error_code === 403 || (e.error_code === 400 && UNREACHABLE.test(e.description)))
      return { ok: false, unreachable: true, reason: what };
    return sendFailed(what, e.error_code !== 400, { cause: e });
  }
  if (e instanceof HttpError) return sendFailed(`telegram network error: ${e.message}`, true, { cause: e });
  return sendFailed(String(e), true, { cause: e });
}

/** How long Telegram asked to wait before the next call, if it did. */
export function retryAfterOf(f: TelegramFailure): number | undefined {
  return f.unreachable ? undefined : f.retryAfterMs;
}
