import { GrammyError, HttpError } from "grammy";
import { SendFailure } from "../../outbox/channel-sender.ts";

/** A failed send as the outbox should treat it, and whether the recipient cannot be reached. */
export type TelegramFailure = { failure: SendFailure; unreachable: boolean };

const UNREACHABLE =
  /blocked by the user|user is deactivated|chat not found|bot was kicked|not a member|PEER_ID_INVALID/i;

/**
 * Sorts Bot API errors: 429 waits `retry_after`; 5xx, network failures, a bad token (401/404,
 * an operator fix away) and 409 are tried again; 403 (blocked, kicked) and a vanished chat end
 * the message and mark the account; any other 400 is a request that will never succeed.
 */
export function classifyTelegramError(e: unknown): TelegramFailure {
  if (e instanceof GrammyError) {
    const what = `telegram ${e.method}: ${e.error_code} ${e.description}`;
    if (e.error_code === 429) {
      const seconds = e.parameters.retry_after ?? 1;
      return { failure: new SendFailure(what, true, seconds * 1000, { cause: e }), unreachable: false };
    }
    if (e.error_code === 403 || (e.error_code === 400 && UNREACHABLE.test(e.description)))
      return { failure: new SendFailure(what, false, undefined, { cause: e }), unreachable: true };
    if (e.error_code === 400)
      return { failure: new SendFailure(what, false, undefined, { cause: e }), unreachable: false };
    return { failure: new SendFailure(what, true, undefined, { cause: e }), unreachable: false };
  }
  if (e instanceof HttpError)
    return {
      failure: new SendFailure(`telegram network error: ${e.message}`, true, undefined, { cause: e }),
      unreachable: false,
    };
  if (e instanceof SendFailure) return { failure: e, unreachable: false };
  return { failure: new SendFailure(String(e), true, undefined, { cause: e }), unreachable: false };
}
