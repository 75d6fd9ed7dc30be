import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { isConflict } from "../../src/domain/app-error.ts";
import type { OutboundMessage } from "../../src/domain/messages.ts";
import type { Delivery, SendResult } from "../../src/outbox/channel-sender.ts";
import { Dispatcher, type DispatcherOptions } from "../../src/outbox/dispatcher.ts";
import { sqlitePath } from "../../src/store/migrate.ts";
import { DUE_SQL } from "../../src/store/outbox-store.ts";
import { onPostgres } from "../support/pg.ts";
import { createTestApp, type TestApp } from "../support/test-app.ts";

/** A channel whose sends wait until the test lets them through (or forever, for a hung one). */
class GatedChannel {
  readonly id = "gated";
  readonly started: string[] = [];
  readonly finished: string[] = [];
  private readonly gates = new Map<string, () => void>();
  /** Recipients whose sends never answer (until aborted by the delivery's signal). */
  readonly hung = new Set<string>();

  async send(recipient: string, message: OutboundMessage, delivery: Delivery): Promise<SendResult> {
    const name = `${recipient}:${message.text}`;
    this.started.push(name);
    await new Promise<void>((resolve, reject) => {
      if (!this.hung.has(recipient)) this.gates.set(name, resolve);
      delivery.signal?.addEventListener("abort", () => reject(delivery.signal?.reason));
    });
    this.finished.push(name);
    return { ok: true };
  }

  /** Lets every send waiting now through. */
  releaseAll(): void {
    for (const [name, open] of this.gates) {
      this.gates.delete(name);
      open();
    }
  }
}

const until = async (what: string, condition: () => boolean) => {
  for (let i = 0; !condition(); i++) {
    if (i > 500) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe("the dispatcher with sends in flight", () => {
  let app: TestApp;
  let channel: GatedChannel;
  const t0 = new Date("2026-09-24T01:00:00Z");

  beforeEach(async () => {
    app = await createTestApp({ at: t0.toISOString() });
    channel = new GatedChannel();
  });
  afterEach(async () => app.close());

  const dispatcher = (options: Partial<DispatcherOptions> = {}) => {
    const d = new Dispatcher(app.deps.uow, app.deps.clock, app.deps.log, options);
    d.register(channel);
    return d;
  };
  const put = (...items: [to: string, text: string][]) =>
    app.deps.uow.run((s) =>
      s.outbox.enqueue(
        items.map(([to, text]) => ({
          key: `t:${to}:${text}`,
          channel: "gated",
          recipient: to,
          message: { text, expects: "none" as const },
        })),
        t0,
      ),
    );

  it("keeps several recipients' sends in flight at once, each recipient's messages one after another", async () => {
    const d = dispatcher();
    await put(["r1", "a"], ["r1", "b"], ["r2", "a"], ["r3", "a"]);
    const drained = d.drain();
    await until("three sends in flight", () => channel.started.length === 3);
    expect(channel.started.sort()).toEqual(["r1:a", "r2:a", "r3:a"]);
    channel.releaseAll();
    await until("r1's second message", () => channel.started.includes("r1:b"));
    channel.releaseAll();
    expect(await drained).toBe(4);
    expect(channel.finished.indexOf("r1:a")).toBeLessThan(channel.finished.indexOf("r1:b"));
  });

  it("does not hold other recipients for a send that hangs, and gives it up after the send timeout", async () => {
    const d = dispatcher({ sendTimeoutMs: 200, drainWaitMs: 50 });
    channel.hung.add("r1");
    await put(["r1", "stuck"], ["r2", "fine"]);
    const first = d.drain();
    await until("r2 is being sent", () => channel.started.includes("r2:fine"));
    channel.releaseAll();
    expect(await first).toBe(1);
    await put(["r3", "later"]);
    const second = d.drain();
    await until("r3 is being sent", () => channel.started.includes("r3:later"));
    channel.releaseAll();
    expect(await second).toBe(1);
    await d.stop();
    // The platform may have taken it: in doubt, so not sent again (OUTBOX_IN_DOUBT=hold, the default).
    const stuck = await app.db.outboxMessage.findUniqueOrThrow({ where: { key: "t:r1:stuck" } });
    expect(stuck).toMatchObject({ status: "unconfirmed", attempts: 1 });
    expect(stuck.lastError).toContain("timed out after 200 ms");
  });

  it("with OUTBOX_IN_DOUBT=resend tries a send that timed out again later", async () => {
    const d = dispatcher({ sendTimeoutMs: 200, drainWaitMs: 50, inDoubt: "resend" });
    channel.hung.add("r1");
    await put(["r1", "stuck"]);
    await d.drain();
    // The hung send is given up after 200 ms; stop waits for its lane.
    await d.stop();
    const stuck = await app.db.outboxMessage.findUniqueOrThrow({ where: { key: "t:r1:stuck" } });
    expect(stuck).toMatchObject({ status: "pending", attempts: 1 });
    expect(stuck.lastError).toContain("timed out after 200 ms");
  });

  // SQLite's query plan; PostgreSQL's planner chooses for itself (see src/store/postgres/pg-outbox-store.ts).
  it.skipIf(onPostgres)(
    "reads a channel's pending rows through an index in their send order, without sorting them",
    () => {
      const raw = new Database(sqlitePath(app.config.databaseUrl), { readonly: true });
      const plan = raw
        .prepare(`EXPLAIN QUERY PLAN ${DUE_SQL}`)
        .all("telegram", "2026-09-24T01:00:00.000+00:00", "[]", 50) as { detail: string }[];
      raw.close();
      const details = plan.map((p) => p.detail).join("\n");
      expect(details).toContain("OutboxMessage_channel_status_createdAt_id_idx");
      expect(details).not.toContain("TEMP B-TREE");
    },
  );

  it("enqueues in one go, in order, leaving a known key as it is; enqueueNew refuses a known key", async () => {
    await put(["r1", "one"], ["r1", "two"], ["r1", "three"]);
    await app.deps.uow.run((s) =>
      s.outbox.enqueue(
        [
          {
            key: "t:r1:two",
            channel: "gated",
            recipient: "r1",
            message: { text: "changed", expects: "none" },
          },
          { key: "t:r1:four", channel: "gated", recipient: "r1", message: { text: "four", expects: "none" } },
        ],
        new Date(t0.getTime() + 1),
      ),
    );
    const due = await app.deps.uow.read((s) => s.outbox.due("gated", new Date(t0.getTime() + 1), {}, 10));
    expect(due.map((r) => (JSON.parse(r.payload) as OutboundMessage).text)).toEqual([
      "one",
      "two",
      "three",
      "four",
    ]);
    const again = app.deps.uow.run((s) =>
      s.outbox.enqueueNew(
        [{ key: "t:r1:one", channel: "gated", recipient: "r1", message: { text: "x", expects: "none" } }],
        t0,
      ),
    );
    await expect(again).rejects.toSatisfy(isConflict);
    expect(await app.db.outboxMessage.count()).toBe(4);
  });
});
