import type { Tx } from "../store/database.ts";
import { type OutboxItem, outboxRow } from "./outbox.ts";

/** Rows per INSERT: well under SQLite's bound-variable limit (9 columns a row). */
const CHUNK = 500;

/**
 * Puts many messages in the outbox with multi-row inserts, for keys that cannot exist yet: the caller
 * holds, in the same transaction, the claim (a ScheduledWork row) that these keys derive from. A key
 * that exists anyway makes the insert, and so the caller's transaction, fail: nothing is sent twice.
 * Use `enqueue` (outbox.ts) when a key may already be there.
 */
export async function enqueueNew(tx: Tx, items: readonly OutboxItem[], now: Date): Promise<number> {
  for (let i = 0; i < items.length; i += CHUNK) {
    await tx.outboxMessage.createMany({
      data: items.slice(i, i + CHUNK).map((item) => outboxRow(item, now)),
    });
  }
  return items.length;
}
