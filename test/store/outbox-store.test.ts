import { afterEach, describe, expect, it } from "vitest";
import { isConflict } from "../../src/domain/app-error.ts";
import type { OutboxItem } from "../../src/domain/outbox-item.ts";
import { createTestApp, type TestApp } from "../support/test-app.ts";

const item = (key: string, text = key, notBefore?: Date): OutboxItem => ({
  key,
  channel: "console",
  recipient: `chat-${key}`,
  personId: null,
  message: { text, expects: "none" },
  ...(notBefore ? { notBefore } : {}),
});

describe("outbox store: enqueue", () => {
  let app: TestApp;
  afterEach(async () => app?.close());

  const rows = () =>
    app.db.outboxMessage.findMany({
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: {
        key: true,
        payload: true,
        status: true,
        attempts: true,
        nextAttemptAt: true,
        createdAt: true,
      },
    });

  it("writes new keys in their order, leaves a known key as it is and counts only the new", async () => {
    app = await createTestApp({ seed: false });
    const now = new Date("2026-09-18T01:08:00Z");
    const later = new Date("2026-09-18T02:00:00Z");
    expect(await app.deps.uow.run((s) => s.outbox.enqueue([item("a"), item("b", "b", later)], now))).toBe(2);
    expect(
      await app.deps.uow.run((s) => s.outbox.enqueue([item("c"), item("a", "changed"), item("c")], now)),
    ).toBe(1);
    expect(await app.deps.uow.run((s) => s.outbox.enqueue([], now))).toBe(0);
    const written = await rows();
    expect(written.map((r) => r.key)).toEqual(["a", "b", "c"]);
    expect(JSON.parse(written[0]?.payload ?? "")).toEqual({ text: "a", expects: "none" });
    expect(written.every((r) => r.status === "pending" && r.attempts === 0)).toBe(true);
    expect(written.map((r) => r.nextAttemptAt.toISOString())).toEqual([
      now.toISOString(),
      later.toISOString(),
      now.toISOString(),
    ]);
    expect(written.every((r) => r.createdAt.getTime() === now.getTime())).toBe(true);
    // What the dispatcher reads back is in the same order.
    const due = await app.deps.uow.read((s) => s.outbox.due("console", later, {}, 10));
    expect(due.map((m) => m.key)).toEqual(["a", "b", "c"]);
  });

  it("refuses a batch of new keys with a known one as a conflict and writes none of it", async () => {
    app = await createTestApp({ seed: false });
    const now = new Date("2026-09-18T01:08:00Z");
    expect(await app.deps.uow.run((s) => s.outbox.enqueueNew([item("a"), item("b")], now))).toBe(2);
    const refused = await app.deps.uow
      .run(async (s) => {
        // The caller catches the refusal and goes on: none of the batch may stay behind.
        const error = await s.outbox.enqueueNew([item("c"), item("d"), item("a")], now).catch((e) => e);
        await s.outbox.enqueue([item("e")], now);
        return error;
      })
      .catch((e) => e);
    expect(isConflict(refused)).toBe(true);
    expect((await rows()).map((r) => r.key)).toEqual(["a", "b", "e"]);
  });
});
