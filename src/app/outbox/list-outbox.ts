import { isOutboxStatus, type OutboxStatus } from "../../domain/outbox-item.ts";
import type { Stores } from "../../store/stores.ts";

/** What an office looks at first: messages given up on, and messages whose delivery is unknown. */
export const UNDELIVERED: readonly OutboxStatus[] = ["unconfirmed", "dead"];

/**
 * An outgoing message as `xunjian outbox --json` prints it: to whom (the person's name when the
 * account is bound), on which channel, how it ended, and the start of its text. `at` is when it
 * was last set to go (pending) or ended (dead, unconfirmed); dates are ISO strings.
 */
export type OutboxListItem = {
  id: string;
  key: string;
  status: OutboxStatus;
  channel: string;
  recipient: string;
  person: string | null;
  attempts: number;
  excerpt: string;
  lastError: string | null;
  created: string;
  at: string;
};

/** The start of a message's text, on one line. */
function excerptOf(payload: string): string {
  try {
    const text = (JSON.parse(payload) as { text?: unknown }).text;
    return typeof text === "string" ? text.replace(/\s+/g, " ").slice(0, 40) : "";
  } catch {
    return payload.slice(0, 40);
  }
}

/** The latest messages of these statuses (`UNDELIVERED` by default), at most `limit`. */
export async function listOutbox(
  s: Stores,
  statuses: readonly OutboxStatus[] = UNDELIVERED,
  limit = 200,
): Promise<OutboxListItem[]> {
  const rows = await s.outbox.withStatus(statuses, limit);
  const ids = [...new Set(rows.flatMap((r) => (r.personId ? [r.personId] : [])))];
  const names = new Map((await s.people.byIds(ids)).map((p) => [p.id, p.name]));
  return rows.map((r) => ({
    id: r.id,
    key: r.key,
    status: r.status,
    channel: r.channel,
    recipient: r.recipient,
    person: r.personId ? (names.get(r.personId) ?? null) : null,
    attempts: r.attempts,
    excerpt: excerptOf(r.payload),
    lastError: r.lastError,
    created: r.createdAt.toISOString(),
    at: r.nextAttemptAt.toISOString(),
  }));
}

/** Reads `--status a,b` into statuses; the first value that is not one, when any. */
export function parseStatuses(value: string): { ok: true; statuses: OutboxStatus[] } | { ok: false } {
  const parts = value
    .split(",")
    .map((v) => v.trim())
    .filter(Boolean);
  return parts.length > 0 && parts.every(isOutboxStatus) ? { ok: true, statuses: parts } : { ok: false };
}
