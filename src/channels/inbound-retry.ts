import type { InboundMessage } from "../domain/messages.ts";
import type { Logger } from "../logger.ts";
import { sleep } from "./read-capped.ts";

/** How often a message is tried before it is recorded as failed, and the waits between tries. */
export type InboundRetry = { attempts: number; delaysMs: readonly number[] };

/**
 * Five tries over about 15 s plus SQLite's busy timeout (5 s) each: long enough to wait out an
 * import, a `tick` or a backup holding the write lock.
 */
export const DEFAULT_INBOUND_RETRY: InboundRetry = { attempts: 5, delaysMs: [1_000, 2_000, 4_000, 8_000] };

/** What became of a message that was tried: its handler's outcome, or recorded as failed. */
export type Tried<T> = T | "failed" | "duplicate";

/**
 * Handles an inbound message so that it is never lost: `handle` is tried again after a failure
 * (a busy database, a fault), and after the last attempt the message is recorded as failed (and
 * answered that the system is busy) by `recordFailed`, which is tried until it lands. Throws only
 * when `signal` aborts first (the channel is stopping): the platform must then deliver it again.
 */
export async function handleWithRetry<T>(
  message: InboundMessage,
  handle: () => Promise<T>,
  recordFailed: () => Promise<"failed" | "duplicate">,
  options: { retry: InboundRetry; signal: AbortSignal; log: Logger },
): Promise<Tried<T>> {
  const { retry, signal } = options;
  const log = options.log.child({ channel: message.channel, messageId: message.platformMessageId });
  for (let attempt = 1; attempt <= retry.attempts; attempt++) {
    try {
      return await handle();
    } catch (err) {
      if (attempt >= retry.attempts) {
        log.error({ err, attempt }, "inbound message failed every attempt; recording it as failed");
        break;
      }
      log.warn({ err, attempt }, "inbound message failed; trying again");
      await pause(retry.delaysMs[Math.min(attempt - 1, retry.delaysMs.length - 1)] ?? 1_000, signal);
    }
  }
  for (let attempt = 1; ; attempt++) {
    try {
      return await recordFailed();
    } catch (err) {
      log.error({ err, attempt }, "could not record the failed inbound message; trying again");
      await pause(Math.min(30_000, 1_000 * 2 ** Math.min(attempt - 1, 5)), signal);
    }
  }
}

/** Waits, or throws at once when the signal aborts (the message is then not confirmed). */
async function pause(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) throw new Error("stopping: inbound message left for redelivery");
  await sleep(ms, signal);
  if (signal.aborted) throw new Error("stopping: inbound message left for redelivery");
}
