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

  it("answers two chats at once without running either unit again (lookups by index, not scans)", async () => {
    const db = await createPgDatabase();
    const a = await openDatabase(db.url);
    close = async () => {
      await a.close();
      await db.drop();
    };
    // A WeChat outbox of 10,000 messages sent to 1,000 chats (ids of 65 characters, as WeChat's),
    // so two chats' rows are pages apart in its indexes, beside a young Conversation table of ten
    // rows and an empty ChatPrompt: after ANALYZE the planner would rather scan those small tables
    // than use their indexes, and would look for the messages being sent through an index whose
    // 'sending' range begins where every new pending message goes.
    const chatId = (n: number) => `@${String(n).padStart(4, "0")}${"f".repeat(60)}`;
    await a.prisma.$executeRawUnsafe(`
      INSERT INTO "OutboxMessage" (id, key, channel, recipient, payload, status, attempts, "nextAttemptAt", "createdAt", "sentAt")
      SELECT 'h' || g, 'reminder:' || md5(g::text), 'wechat', '@' || lpad((g % 1000)::text, 4, '0') || repeat('f', 60),
             '{"text":"提醒","expects":"none"}', 'sent', 1, now(), now(), now()
      FROM generate_series(1, 10000) g`);
    await a.prisma.$executeRawUnsafe(`
      INSERT INTO "Conversation" (id, channel, "externalId", state, "updatedAt")
      SELECT 'c' || g, 'wechat', '@' || lpad(g::text, 4, '0') || repeat('f', 60), '{"flow":"idle"}', now()
      FROM generate_series(0, 999, 100) g`);
    await a.prisma.$executeRawUnsafe("ANALYZE");
    const now = new Date("2026-09-24T01:00:00Z");
    const gate = () => {
      let open: () => void = () => undefined;
      const passed = new Promise<void>((r) => {
        open = r;
      });
      return { open, passed };
    };
    const chats = [chatId(100), chatId(900)];
    const read = chats.map(gate);
    const wrote = chats.map(gate);
    const attempts = [0, 0];
    // Each unit does what an answer does (record, read the chat and what is being sent to it, save
    // its state, enqueue the reply); both have read before either writes, and both have written
    // before either commits.
    await Promise.all(
      chats.map((chat, i) =>
        a.uow.run(async (s) => {
          attempts[i] = (attempts[i] ?? 0) + 1;
          const key = { channel: "wechat", externalId: chat };
          await s.inbound.record({ ...message(`${chat}:1`), channel: "wechat", senderExternalId: chat });
          await s.conversations.openChat(key, chat);
          read[i]?.open();
          await read[1 - i]?.passed;
          await s.conversations.save({ ...key, personId: `p${i}` }, { flow: "idle" });
          await s.outbox.enqueue(
            [
              {
                key: `reply:${chat}:1:0`,
                channel: "wechat",
                recipient: chat,
                message: { text: "好", expects: "none" },
              },
            ],
            now,
          );
          wrote[i]?.open();
          await wrote[1 - i]?.passed;
        }),
      ),
    );
    expect(attempts).toEqual([1, 1]);
    expect(await a.prisma.outboxMessage.count({ where: { status: "pending" } })).toBe(2);
  });

  it("reads instants back as written, whatever the process's time zone", async () => {
    const { a, close: done } = await twoInstances();
    close = done;
    // The stores' statements go to the driver directly (pg-driver.ts), whose own reading of a
    // timestamp without a zone is local time: eight hours off in Shanghai.
    const zone = process.env.TZ;
    process.env.TZ = "Asia/Shanghai";
    try {
      const at = new Date("2026-09-24T01:00:00.123Z");
      await a.uow.run((s) =>
        s.outbox.enqueue(
          [
            {
              key: "r1",
              channel: "telegram",
              recipient: "u1",
              message: { text: "提醒", expects: "none" },
              notBefore: new Date("2026-09-24T02:00:00Z"),
            },
          ],
          at,
        ),
      );
      const later = new Date("2026-09-24T03:00:00Z");
      const [due] = await a.uow.run((s) => s.outbox.due("telegram", later, {}, 10));
      expect(due?.createdAt.toISOString()).toBe(at.toISOString());
      expect((await a.uow.read((s) => s.outbox.nextAttemptAfter(["telegram"], at)))?.toISOString()).toBe(
        "2026-09-24T02:00:00.000Z",
      );
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });

  it("refuses a unit of work opened inside another instead of waiting on itself", async () => {
    const { a, close: done } = await twoInstances();
    close = done;
    await expect(a.uow.run(() => a.uow.read(async () => 1))).rejects.toThrow(/inside another/);
  });
});
