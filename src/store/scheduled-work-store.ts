import { isWorkResult, type WorkResult } from "../domain/campaign/work-keys.ts";
import type { OutboundMessage } from "../domain/messages.ts";
import { type Client, unlessTaken } from "./client.ts";
import { exactlyUnder, underPrefix } from "./key-prefix.ts";
import { parseClosed } from "./rows.ts";

/** A piece of scheduled work named by its deterministic key. */
export type WorkSlot = { key: string; kind: string; dueAt: Date };

/** A piece of work already done or skipped. */
export type DoneWork = WorkSlot & { doneAt: Date; result: WorkResult; note: string | null };

/** A message a piece of work put in the outbox. */
export type WorkMessage = {
  personId: string | null;
  channel: string;
  recipient: string;
  message: OutboundMessage;
};

/** Deterministic keys of scheduled work already done. */
export class ScheduledWorkStore {
  constructor(private readonly db: Client) {}

  /** The work done or skipped so far whose key starts with `prefix` (e.g. one campaign's). */
  async doneUnder(prefix: string): Promise<DoneWork[]> {
    const rows = await this.db.scheduledWork.findMany({ where: { key: underPrefix(prefix) } });
    return exactlyUnder(rows, prefix).map((r) => ({
      key: r.key,
      kind: r.kind,
      dueAt: r.dueAt,
      doneAt: r.doneAt,
      result: parseClosed("scheduled work outcome", r.outcome, isWorkResult),
      note: r.note,
    }));
  }

  /**
   * Claims a slot for the caller's transaction, as its first statement: the insert takes SQLite's
   * write lock before anything is read (a transaction that read first could not upgrade while
   * another process writes), and a second sweep racing for the same key waits here, then finds it
   * taken. False when the slot was claimed already: nothing of it is to be done again.
   * The slot is recorded as `sent`; {@link ScheduledWorkStore.settle} records how it ended.
   */
  claimSlot(slot: WorkSlot, now: Date): Promise<boolean> {
    return unlessTaken(() =>
      this.db.scheduledWork.create({
        data: { key: slot.key, kind: slot.kind, dueAt: slot.dueAt, doneAt: now, outcome: "sent" },
      }),
    );
  }

  /** Records how a claimed slot ended, with a note for operators (counts, reasons). */
  async settle(key: string, result: WorkResult, note: string): Promise<void> {
    await this.db.scheduledWork.update({ where: { key }, data: { outcome: result, note } });
  }

  /**
   * Records slots skipped without doing them, each with its reason. One multi-row insert: a single
   * write statement, so it queues for SQLite's write lock instead of reading first and failing to
   * upgrade when another process writes meanwhile. False (nothing written) when another sweep
   * recorded one of them first.
   */
  recordSkipped(skips: readonly (WorkSlot & { reason: string })[], now: Date): Promise<boolean> {
    return unlessTaken(() =>
      this.db.scheduledWork.createMany({
        data: skips.map((s) => ({
          key: s.key,
          kind: s.kind,
          dueAt: s.dueAt,
          doneAt: now,
          outcome: "skipped",
          note: s.reason,
        })),
      }),
    );
  }

  /** The messages a piece of work put in the outbox (keys `<work key>:<person id>`), oldest first. */
  async messagesOf(workKey: string): Promise<WorkMessage[]> {
    const prefix = `${workKey}:`;
    const rows = await this.db.outboxMessage.findMany({
      where: { key: underPrefix(prefix) },
      orderBy: { id: "asc" },
    });
    return exactlyUnder(rows, prefix).map((m) => ({
      personId: m.personId,
      channel: m.channel,
      recipient: m.recipient,
      message: JSON.parse(m.payload) as OutboundMessage,
    }));
  }
}
