import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type RunningChannels, startChannels } from "../../../src/channels/start-channels.ts";
import { telegramChannel } from "../../../src/channels/telegram/telegram-definition.ts";
import { Dispatcher, type DispatcherOptions } from "../../../src/outbox/dispatcher.ts";
import { FakeTelegram, type FakeUser } from "../../support/fake-telegram.ts";
import { createTestApp, kindsContent, ROOT, type TestApp } from "../../support/test-app.ts";

const withChannelTexts = <T extends { promptsDir: string }>(dirs: T): T => {
  fs.copyFileSync(path.join(ROOT, "prompts", "channels.yaml"), path.join(dirs.promptsDir, "channels.yaml"));
  return dirs;
};

/** Polls `read` until `done` holds (10 s at most) and returns the last value. */
async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (let i = 0; ; i++) {
    const value = await read();
    if (done(value) || i >= 500) return value;
    await new Promise((r) => setTimeout(r, 20));
  }
}

const first: FakeUser = { id: 7101, first_name: "甲" };
const second: FakeUser = { id: 7102, first_name: "乙" };

describe("Telegram delivery when the Bot API hangs, limits or the process died", () => {
  let app: TestApp;
  let fake: FakeTelegram;
  let dispatcher: Dispatcher;
  let channels: RunningChannels;
  const options: Partial<DispatcherOptions> = { sendTimeoutMs: 300 };

  const start = async (more: Partial<DispatcherOptions> = {}) => {
    dispatcher = new Dispatcher(app.deps.uow, app.deps.clock, app.deps.log, { ...options, ...more });
    channels = await startChannels(app.deps, dispatcher, {
      registry: [telegramChannel({ pollTimeoutSeconds: 1 })],
    });
  };
  const enqueue = (key: string, chat: number, text: string) =>
    app.deps.uow.run((s) =>
      s.outbox.enqueue(
        [{ key, channel: "telegram", recipient: String(chat), message: { text, expects: "none" } }],
        app.clock.now(),
      ),
    );
  const row = (key: string) => app.db.outboxMessage.findUniqueOrThrow({ where: { key } });

  beforeEach(async () => {
    fake = await FakeTelegram.start();
    app = await createTestApp({
      ...withChannelTexts(kindsContent()),
      env: { TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot },
    });
    await start();
  });
  afterEach(async () => {
    await channels.stop();
    await dispatcher.stop();
    await app.close();
    await fake.close();
  });

  it("answers other chats while one chat's send hangs, and gives the hung send up after the send timeout", async () => {
    fake.hang(first.id);
    fake.sendText(first, "你好");
    await fake.until("the first chat's reply is on its way", () =>
      fake.callsOf("sendMessage").some((p) => Number(p.chat_id) === first.id),
    );
    fake.sendText(second, "你好");
    const [answer] = await fake.messagesTo(second.id, 1);
    expect(answer?.text).toContain("还没有绑定");
    expect(fake.sentTo(first.id)).toHaveLength(0);

    const hung = await app.db.outboxMessage.findFirstOrThrow({ where: { recipient: String(first.id) } });
    const given = await eventually(
      () => row(hung.key),
      (r) => r.status === "unconfirmed",
    );
    // Telegram may have taken it: not sent again, so the chat never gets it twice.
    expect(given.lastError).toContain("timed out");
  });

  it("ends a row a dead process left in sending at start, unconfirmed: Telegram may have it, so it is not sent twice", async () => {
    await channels.stop();
    await enqueue("test:left", 7103, "上次没发完的提醒");
    await enqueue("test:next", 7103, "下一条");
    await app.db.outboxMessage.update({
      where: { key: "test:left" },
      data: { status: "sending", claimedAt: app.clock.now(), attempts: 1 },
    });
    app = await app.reopen();
    await start();
    expect(await dispatcher.drain()).toBe(1);
    expect(fake.sentTo(7103).map((m) => m.text)).toEqual(["下一条"]);
    expect(await row("test:left")).toMatchObject({ status: "unconfirmed", attempts: 1 });
  });

  it("with OUTBOX_IN_DOUBT=resend sends a row a dead process left in sending at start, not two minutes later", async () => {
    await channels.stop();
    await enqueue("test:left", 7103, "上次没发完的提醒");
    // The previous process claimed it and died during the send.
    await app.db.outboxMessage.update({
      where: { key: "test:left" },
      data: { status: "sending", claimedAt: app.clock.now(), attempts: 1 },
    });
    app = await app.reopen();
    await start({ inDoubt: "resend" });
    expect(await dispatcher.drain()).toBe(1);
    expect(fake.lastTo(7103).text).toBe("上次没发完的提醒");
    expect(await row("test:left")).toMatchObject({ status: "sent", attempts: 2 });
  });

  it("pauses the whole channel when Telegram answers a private chat with 429 (a limit of the bot, not of the chat)", async () => {
    fake.failNext("sendMessage", {
      error_code: 429,
      description: "Too Many Requests: retry after 30",
      parameters: { retry_after: 30 },
    });
    await enqueue("test:a", first.id, "第一条");
    expect(await dispatcher.drain()).toBe(0);
    await enqueue("test:b", second.id, "第二条");
    expect(await dispatcher.drain()).toBe(0);
    expect(fake.callsOf("sendMessage")).toHaveLength(1);
    app.clock.advance(30_000);
    expect(await dispatcher.drain()).toBe(2);
    expect(fake.lastTo(first.id).text).toBe("第一条");
    expect(fake.lastTo(second.id).text).toBe("第二条");
  });
});
