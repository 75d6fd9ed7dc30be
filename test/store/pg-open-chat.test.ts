import { afterEach, describe, expect, it } from "vitest";
import { handleInboundMessage } from "../../src/app/handle-inbound-message.ts";
import { isConflict } from "../../src/domain/app-error.ts";
import { type Database, openDatabase } from "../../src/store/database.ts";
import { createPgDatabase, onPostgres, TEST_PG_URL } from "../support/pg.ts";
import { createTestApp, DEMO, kindsContent, type TestApp } from "../support/test-app.ts";

const now = new Date("2026-09-24T01:00:00Z");
const reply = (key: string, recipient: string) => ({
  key,
  channel: "telegram",
  recipient,
  message: { text: "好", expects: "none" as const },
});

describe.skipIf(!TEST_PG_URL)("the chat statement on PostgreSQL", () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    close = undefined;
  });

  it("reads the keys of the chat's messages being sent, and only that chat's", async () => {
    const pg = await createPgDatabase();
    const db: Database = await openDatabase(pg.url);
    close = async () => {
      await db.close();
      await pg.drop();
    };
    await db.uow.run((s) =>
      s.outbox.enqueue(
        [reply("a:1", "u1"), reply("a:2", "u1"), reply("b:1", "u2"), reply("g:1", "group1")],
        now,
      ),
    );
    const idOf = async (key: string) =>
      (await db.prisma.outboxMessage.findUniqueOrThrow({ where: { key } })).id;
    for (const key of ["a:2", "b:1", "g:1"]) {
      const id = await idOf(key);
      await db.uow.run((s) => s.outbox.claim(id, now));
    }
    const sending = (externalId: string, chat = externalId) =>
      db.uow.run(
        async (s) => (await s.conversations.openChat({ channel: "telegram", externalId }, chat)).sending,
      );
    expect(await sending("u1")).toEqual(["a:2"]);
    expect(await sending("u2")).toEqual(["b:1"]);
    // In a group, what is being sent to the group, whoever writes.
    expect(await sending("u1", "group1")).toEqual(["g:1"]);
    expect(await sending("u3")).toEqual([]);
    const sent = await idOf("a:2");
    await db.uow.run((s) => s.outbox.markSent(sent, now));
    expect(await sending("u1")).toEqual([]);
  });
});

describe.skipIf(!onPostgres)("an answer racing the record of what its chat was shown", () => {
  let app: TestApp | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it("is tried again while a message to the chat is being sent, and answered once it is sent", async () => {
    app = await createTestApp(kindsContent());
    const head = app.chat(DEMO.chemicalsHead);
    await head.say("自查");
    await head.pull();
    await app.deps.uow.run((s) =>
      s.outbox.enqueue([{ ...reply("notice:1", DEMO.chemicalsHead), channel: "console" }], now),
    );
    const id = (await app.db.outboxMessage.findUniqueOrThrow({ where: { key: "notice:1" } })).id;
    await app.deps.uow.run((s) => s.outbox.claim(id, now));
    const answer = {
      channel: "console",
      senderId: DEMO.chemicalsHead,
      platformMessageId: "race-1",
      text: "否",
      attachments: [],
      receivedAt: app.clock.now(),
    };
    const refused = await handleInboundMessage(app.deps, answer).catch((e: unknown) => e);
    expect(isConflict(refused)).toBe(true);
    expect(await app.db.inboundMessage.count({ where: { platformMessageId: "race-1" } })).toBe(0);
    await app.deps.uow.run((s) => s.outbox.markSent(id, now));
    expect(await handleInboundMessage(app.deps, answer)).toBe("processed");
  });
});
