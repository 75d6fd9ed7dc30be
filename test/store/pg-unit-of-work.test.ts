import { afterEach, describe, expect, it } from "vitest";
import { type Database, openDatabase } from "../../src/store/database.ts";
import { createPgDatabase, TEST_PG_URL } from "../support/pg.ts";

/** Two "instances": two databases opened on the same PostgreSQL database, each with a small pool. */
async function twoInstances(): Promise<{ a: Database; b: Database; close(): Promise<void> }> {
  const db = await createPgDatabase();
  const a = await openDatabase(`${db.url}?connection_limit=3`);
  const b = await openDatabase(`${db.url}?connection_limit=3`);
  return {
    a,
    b,
    close: async () => {
      await a.close();
      await b.close();
      await db.drop();
    },
  };
}

const message = (id: string) => ({
  channel: "telegram",
  platformMessageId: id,
  senderExternalId: "u1",
  receivedAt: new Date("2026-09-24T01:00:00Z"),
});

describe.skipIf(!TEST_PG_URL)("units of work on PostgreSQL", () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    close = undefined;
  });

  it("records a message delivered to two instances at once exactly once", async () => {
    const { a, b, close: done } = await twoInstances();
    close = done;
    for (let i = 0; i < 20; i++) {
      const results = await Promise.all(
        [a, b, a, b].map((db) => db.uow.run((s) => s.inbound.record(message(`m${i}`)))),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
    }
    expect(await a.prisma.inboundMessage.count()).toBe(20);
  });

  it("claims a doubled sweep slot once across instances, with its messages", async () => {
    const { a, b, close: done } = await twoInstances();
    close = done;
    const now = new Date("2026-09-24T01:00:00Z");
    const claims = await Promise.all(
      [a, b, a, b, a, b].map((db) =>
        db.uow.run(async (s) => {
          if (!(await s.scheduledWork.claimSlot({ key: "slot:1", kind: "reminder", dueAt: now }, now)))
            return false;
          await s.outbox.enqueueNew(
            [
              {
                key: "slot:1:p1",
                channel: "telegram",
                recipient: "u1",
                message: { text: "提醒", expects: "none" },
              },
            ],
            now,
          );
          return true;
        }),
      ),
    );
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await a.prisma.outboxMessage.count()).toBe(1);
    expect(await a.prisma.scheduledWork.count()).toBe(1);
  });

  it("runs a unit again after a serialization failure, and gives every connection back", async () => {
    const { a, b, close: done } = await twoInstances();
    close = done;
    // Each unit reads what the others write (the messages seen so far) and writes one more: under
    // serializable isolation most of them collide and fail at commit, and are run again.
    const units = Array.from({ length: 24 }, (_, i) =>
      (i % 2 ? a : b).uow.run(async (s) => {
        const seen = await s.inbound.isSeen("telegram", `n${i - 1}`);
        await s.inbound.record(message(`n${i}`));
        return seen;
      }),
    );
    await Promise.all(units);
    expect(await a.prisma.inboundMessage.count()).toBe(24);
    // A connection kept by a failed commit would leave the pool short: more units than connections still run.
    const more = await Promise.all(
      Array.from({ length: 12 }, (_, i) => a.uow.run((s) => s.inbound.record(message(`o${i}`)))),
    );
    expect(more.every(Boolean)).toBe(true);
  });

  it("refuses a unit of work opened inside another instead of waiting on itself", async () => {
    const { a, close: done } = await twoInstances();
    close = done;
    await expect(a.uow.run(() => a.uow.read(async () => 1))).rejects.toThrow(/inside another/);
  });
});
