import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { promptIdOf } from "../../src/domain/choice-payload.ts";
import type { OutboundMessage } from "../../src/domain/messages.ts";
import { resolveChoice } from "../../src/domain/resolve-choice.ts";
import { type SendResult, sendFailed } from "../../src/outbox/channel-sender.ts";
import { Dispatcher, type DispatcherOptions } from "../../src/outbox/dispatcher.ts";
import { productDispatcherOptions } from "../../src/outbox/dispatcher-options.ts";
import { shippedCampaigns } from "../app/campaign/campaign-harness.ts";
import { createTestApp, DEMO, type TestApp } from "../support/test-app.ts";

/** A channel whose next sends fail as scripted, recording what got through and when (fake clock ms). */
class FakeChannel {
  readonly id = "fake";
  readonly sent: { to: string; text: string; at: number }[] = [];
  readonly attempts: { to: string; text: string; at: number }[] = [];
  /** Every message as the channel was given it. */
  readonly given: OutboundMessage[] = [];
  failures: (Exclude<SendResult, { ok: true }> | undefined)[] = [];
  constructor(private readonly now: () => number) {}
  async send(recipient: string, message: OutboundMessage): Promise<SendResult> {
    this.attempts.push({ to: recipient, text: message.text, at: this.now() });
    this.given.push(message);
    const failure = this.failures.shift();
    if (failure) return failure;
    this.sent.push({ to: recipient, text: message.text, at: this.now() });
    return { ok: true };
  }
}

describe("the dispatcher with a failing fake channel", () => {
  let app: TestApp;
  let fake: FakeChannel;
  const t0 = new Date("2026-09-24T01:00:00Z");
  const at = (ms: number) => app.clock.set(new Date(t0.getTime() + ms));
  const elapsed = () => app.clock.now().getTime() - t0.getTime();

  beforeEach(async () => {
    app = await createTestApp({ at: t0.toISOString() });
    fake = new FakeChannel(elapsed);
  });
  afterEach(async () => app.close());

  const dispatcher = (options: Partial<DispatcherOptions> = {}) => {
    const d = new Dispatcher(app.deps.uow, app.deps.clock, app.deps.log, { random: () => 0.5, ...options });
    d.register(fake);
    return d;
  };
  /** Enqueues messages in order, one millisecond apart, so their order is their creation order. */
  const put = async (...items: [to: string, text: string][]) => {
    for (const [i, [to, text]] of items.entries())
      await app.deps.uow.run((s) =>
        s.outbox.enqueue(
          [{ key: `test:${to}:${text}`, channel: "fake", recipient: to, message: { text, expects: "none" } }],
          new Date(t0.getTime() - items.length + i),
        ),
      );
  };
  const row = (to: string, text: string) =>
    app.db.outboxMessage.findUniqueOrThrow({ where: { key: `test:${to}:${text}` } });

  it("retries a retryable failure with exponential backoff and jitter, then sends", async () => {
    const d = dispatcher();
    await put(["r1", "hello"]);
    fake.failures = [sendFailed("502 bad gateway", true), sendFailed("timeout", true)];
    expect(await d.drain()).toBe(0);
    // base 2 s, jitter 0.5: 1 s + 0.5 × 1 s.
    expect((await row("r1", "hello")).nextAttemptAt.getTime() - t0.getTime()).toBe(1_500);
    at(1_499);
    expect(await d.drain()).toBe(0);
    expect(fake.attempts).toHaveLength(1);
    at(1_500);
    expect(await d.drain()).toBe(0);
    // Doubled: 2 s + 0.5 × 2 s after the second attempt.
    expect((await row("r1", "hello")).nextAttemptAt.getTime() - t0.getTime()).toBe(4_500);
    at(4_500);
    expect(await d.drain()).toBe(1);
    expect(await row("r1", "hello")).toMatchObject({ status: "sent", attempts: 3, lastError: null });
  });

  it("honours retry_after, holding that recipient's later messages in order, not the others", async () => {
    const d = dispatcher({ rateLimits: { fake: {} } });
    await put(["r1", "first"], ["r1", "second"], ["r2", "other"]);
    fake.failures = [sendFailed("429 Too Many Requests", true, { retryAfterMs: 30_000 })];
    expect(await d.drain()).toBe(1);
    expect(fake.sent).toEqual([{ to: "r2", text: "other", at: 0 }]);
    expect((await row("r1", "first")).nextAttemptAt.getTime() - t0.getTime()).toBe(30_000);
    at(29_999);
    expect(await d.drain()).toBe(0);
    at(30_000);
    expect(await d.drain()).toBe(2);
    expect(fake.sent.map((s) => `${s.to} ${s.text} ${s.at}`)).toEqual([
      "r2 other 0",
      "r1 first 30000",
      "r1 second 30000",
    ]);
  });

  it("keeps to the channel's and each recipient's rate limits", async () => {
    const d = dispatcher({
      rateLimits: {
        fake: { global: [{ limit: 3, perMs: 1_000 }], perRecipient: [{ limit: 1, perMs: 1_000 }] },
      },
    });
    await put(
      ["r1", "a"],
      ["r1", "b"],
      ["r2", "a"],
      ["r2", "b"],
      ["r3", "a"],
      ["r3", "b"],
      ["r4", "a"],
      ["r4", "b"],
    );
    const drains: number[] = [];
    for (let ms = 0; ms <= 4_000; ms += 500) {
      at(ms);
      drains.push(await d.drain());
    }
    expect(drains).toEqual([3, 0, 3, 0, 1, 0, 1, 0, 0]);
    // Lanes of different recipients run side by side (on PostgreSQL on connections of their own):
    // sends of one instant are compared in recipient order.
    const byTime = [...fake.sent].sort((x, y) => x.at - y.at || x.to.localeCompare(y.to));
    expect(byTime.map((s) => `${s.at} ${s.to}${s.text}`)).toEqual([
      "0 r1a",
      "0 r2a",
      "0 r3a",
      "1000 r1b",
      "1000 r2b",
      "1000 r3b",
      "2000 r4a",
      "3000 r4b",
    ]);
    // In every second: at most 3 sends, at most 1 per recipient; each recipient's order kept.
    for (const s of fake.sent) {
      const window = fake.sent.filter((x) => x.at > s.at - 1_000 && x.at <= s.at);
      expect(window.length).toBeLessThanOrEqual(3);
      expect(window.filter((x) => x.to === s.to)).toHaveLength(1);
    }
  });

  it("ends a dead message with one alert to the admins per channel and hour, and never alerts about an alert", async () => {
    const options = productDispatcherOptions({ outboxMaxAttempts: 2 }, shippedCampaigns().messages.alerts, {
      fake: {},
    });
    const d = dispatcher(options);
    await put(["r1", "reminder one"], ["r2", "reminder two"]);
    fake.failures = [
      sendFailed("403 Forbidden: bot was blocked by the user", false),
      sendFailed("500", true),
      sendFailed("500", true),
    ];
    await d.drain();
    at(1_500);
    await d.drain();
    expect(await row("r1", "reminder one")).toMatchObject({ status: "dead", attempts: 1 });
    expect(await row("r2", "reminder two")).toMatchObject({ status: "dead", attempts: 2, lastError: "500" });
    const admin = await app.db.person.findUniqueOrThrow({ where: { phone: DEMO.admin } });
    const alerts = await app.db.outboxMessage.findMany({ where: { key: { startsWith: "alert:" } } });
    expect(alerts.map((a) => [a.key, a.channel, a.recipient])).toEqual([
      [`alert:dead:fake:2026-09-24T01:${admin.id}`, "console", DEMO.admin],
    ]);
    const text = (JSON.parse(alerts[0]?.payload ?? "{}") as OutboundMessage).text;
    expect(text).toContain("【消息投递失败】");
    expect(text).toContain("fake：r1");
    expect(text).toContain("bot was blocked by the user");
    expect(text).toContain("reminder one");

    // The admin's own channel fails too: the alert dies, and nothing alerts about it.
    const adminChannel = dispatcher(options);
    adminChannel.register({ id: "console", send: async () => sendFailed("console gone", false) });
    await adminChannel.drain({ channel: "console" });
    expect(await app.db.outboxMessage.count({ where: { key: { startsWith: "alert:" } } })).toBe(1);
    expect(await app.db.outboxMessage.count({ where: { status: "dead" } })).toBe(3);
  });

  /** Marks rows as claimed by a process that died while sending them. */
  const leftSending = async (...rows: [to: string, text: string, attempts: number][]) => {
    for (const [to, text, attempts] of rows)
      await app.db.outboxMessage.update({
        where: { key: `test:${to}:${text}` },
        data: { status: "sending", claimedAt: t0, attempts },
      });
  };

  it("never sends twice a row a stopped process left in sending: it ends unconfirmed, the admins are told, the chat's next message goes", async () => {
    const options = productDispatcherOptions({ outboxMaxAttempts: 3 }, shippedCampaigns().messages.alerts, {
      fake: {},
    });
    const d = dispatcher(options);
    await put(["r1", "mid-send"], ["r1", "next"], ["r2", "last try"]);
    // A process claimed two and died while sending them (the platform may have taken them); this one starts.
    await leftSending(["r1", "mid-send", 1], ["r2", "last try", 3]);
    expect(await d.drain()).toBe(1);
    expect(fake.attempts.map((a) => a.text)).toEqual(["next"]);
    expect(await row("r1", "mid-send")).toMatchObject({
      status: "unconfirmed",
      attempts: 1,
      lastError: "in doubt: the process stopped during the send",
    });
    expect(await row("r2", "last try")).toMatchObject({ status: "unconfirmed", attempts: 3 });
    const alerts = await app.db.outboxMessage.findMany({ where: { key: { startsWith: "alert:" } } });
    expect(alerts.map((a) => a.key.split(":").slice(0, 3).join(":"))).toEqual(["alert:unconfirmed:fake"]);
    expect(JSON.parse(alerts[0]?.payload ?? "{}").text).toContain("无法确认对方是否收到");
    // A later drain leaves them alone.
    at(300_000);
    expect(await d.drain()).toBe(0);
    expect(fake.attempts).toHaveLength(1);
  });

  it("with OUTBOX_IN_DOUBT=resend puts rows a stopped process left in sending back in the queue, and ends one on its last attempt", async () => {
    const options = productDispatcherOptions(
      { outboxMaxAttempts: 3, outboxInDoubt: "resend" },
      shippedCampaigns().messages.alerts,
      { fake: {} },
    );
    const d = dispatcher(options);
    await put(["r1", "mid-send"], ["r2", "last try"]);
    await leftSending(["r1", "mid-send", 1], ["r2", "last try", 3]);
    expect(await d.drain()).toBe(1);
    expect(await row("r1", "mid-send")).toMatchObject({ status: "sent", attempts: 2 });
    expect(await row("r2", "last try")).toMatchObject({ status: "dead", attempts: 3 });
    expect(await app.db.outboxMessage.count({ where: { key: { startsWith: "alert:dead:fake:" } } })).toBe(1);
  });

  it("sends again a row in doubt on a channel that shows a delivery once (idempotent)", async () => {
    const d = dispatcher();
    const shown = new Map<string, string>();
    d.register({
      id: "fake",
      idempotent: true,
      send: async (_to, message, delivery) => {
        shown.set(delivery.outboxId, message.text);
        return { ok: true };
      },
    });
    await put(["r1", "mid-send"]);
    await leftSending(["r1", "mid-send", 1]);
    expect(await d.drain()).toBe(1);
    expect(await row("r1", "mid-send")).toMatchObject({ status: "sent", attempts: 2 });
    expect([...shown.values()]).toEqual(["mid-send"]);
  });

  it("ends another channel's row stuck in sending (a console chat that died) after stuckAfterMs, unconfirmed", async () => {
    const d = dispatcher();
    await app.deps.uow.run((s) =>
      s.outbox.enqueue(
        [{ key: "test:other", channel: "other", recipient: "p1", message: { text: "x", expects: "none" } }],
        t0,
      ),
    );
    await app.db.outboxMessage.update({
      where: { key: "test:other" },
      data: { status: "sending", claimedAt: t0, attempts: 1 },
    });
    at(60_000);
    await d.drain();
    expect((await app.db.outboxMessage.findUniqueOrThrow({ where: { key: "test:other" } })).status).toBe(
      "sending",
    );
    at(120_001);
    await d.drain();
    expect((await app.db.outboxMessage.findUniqueOrThrow({ where: { key: "test:other" } })).status).toBe(
      "unconfirmed",
    );
  });

  it("marks an account the channel reports unreachable, audited, and ends its message at once", async () => {
    const d = dispatcher();
    const person = await app.db.person.findUniqueOrThrow({ where: { phone: DEMO.chemicalsHead } });
    await app.db.channelIdentity.create({ data: { channel: "fake", externalId: "r1", personId: person.id } });
    await put(["r1", "hello"]);
    fake.failures = [{ ok: false, unreachable: true, reason: "blocked the bot", error: "403 Forbidden" }];
    expect(await d.drain()).toBe(0);
    expect(await row("r1", "hello")).toMatchObject({
      status: "dead",
      attempts: 1,
      lastError: "403 Forbidden",
    });
    const identity = await app.db.channelIdentity.findUniqueOrThrow({
      where: { channel_externalId: { channel: "fake", externalId: "r1" } },
    });
    expect(identity.blockedAt).not.toBeNull();
    expect(identity.blockedReason).toBe("blocked the bot");
    expect(
      await app.db.auditLog.count({ where: { action: "identity.unreachable", subjectId: person.id } }),
    ).toBe(1);
  });

  it("gives a prompt it sends a prompt id from its key, and records it as the chat's current prompt", async () => {
    const d = dispatcher();
    const question = {
      text: "出口畅通？",
      choices: [{ id: "yes", label: "是" }],
      expects: "choice" as const,
    };
    await app.deps.uow.run((s) =>
      s.outbox.enqueue(
        [{ key: "test:q1", channel: "fake", recipient: "r1", personId: "p1", message: question }],
        t0,
      ),
    );
    expect(await d.drain()).toBe(1);
    expect(fake.given[0]).toEqual({ ...question, promptId: promptIdOf("test:q1") });
    expect(await app.deps.uow.read((s) => s.outbox.shownIn("fake", "r1"))).toEqual({
      promptId: promptIdOf("test:q1"),
      personId: "p1",
      choices: [{ id: "yes", label: "是" }],
      expects: "choice",
    });
    // A card's buttons are the chat's options now, and never stale; the question stays current.
    const card = { title: "提示卡", lines: [], choices: [{ id: "ack:c1", label: "已阅" }] };
    await app.deps.uow.run((s) =>
      s.outbox.enqueue(
        [
          {
            key: "test:card",
            channel: "fake",
            recipient: "r1",
            message: { text: "", card, expects: "choice" },
          },
        ],
        t0,
      ),
    );
    at(1);
    expect(await d.drain()).toBe(1);
    expect(fake.given[1]?.promptId).toBeUndefined();
    expect(await app.deps.uow.read((s) => s.outbox.shownIn("fake", "r1"))).toMatchObject({
      promptId: promptIdOf("test:q1"),
      choices: [{ id: "ack:c1", label: "已阅" }],
    });
  });

  it("takes a reply of an option's number or label as that option, until a prompt without options", async () => {
    const d = dispatcher();
    const summary = {
      text: "请核对",
      choices: [
        { id: "submit", label: "提交" },
        { id: "back", label: "上一题" },
      ],
      expects: "choice" as const,
    };
    let n = 0;
    const show = async (message: OutboundMessage) => {
      n++;
      await app.deps.uow.run((s) =>
        s.outbox.enqueue([{ key: `test:${n}`, channel: "fake", recipient: "u", message }], app.clock.now()),
      );
      at(n);
      expect(await d.drain()).toBe(1);
    };
    const resolve = async (text: string) => {
      const shown = await app.deps.uow.read((s) => s.outbox.shownIn("fake", "u"));
      const r = resolveChoice({ text }, shown);
      return r.kind === "choice" ? r.choiceId : undefined;
    };
    await show(summary);
    expect(await resolve("1")).toBe("submit");
    expect(await resolve("２")).toBe("back");
    expect(await resolve("上一题")).toBe("back");
    expect(await resolve("3")).toBeUndefined();
    expect(await resolve("1,2")).toBeUndefined();
    await show({ text: "【通知】", expects: "none" });
    expect(await resolve("1")).toBe("submit");
    await show({ text: "请用文字回复", expects: "text" });
    expect(await resolve("1")).toBeUndefined();
  });
});
