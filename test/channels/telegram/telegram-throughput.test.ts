import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type RunningChannels, startChannels } from "../../../src/channels/start-channels.ts";
import { telegramChannel } from "../../../src/channels/telegram/telegram-definition.ts";
import { Dispatcher } from "../../../src/outbox/dispatcher.ts";
import { FakeTelegram } from "../../support/fake-telegram.ts";
import { createTestApp, kindsContent, ROOT, type TestApp } from "../../support/test-app.ts";

const withChannelTexts = <T extends { promptsDir: string }>(dirs: T): T => {
  fs.copyFileSync(path.join(ROOT, "prompts", "channels.yaml"), path.join(dirs.promptsDir, "channels.yaml"));
  return dirs;
};

/**
 * Measurements, not assertions on time: prints messages per second through the real grammY
 * client, the app and the outbox against the fake Bot API on 127.0.0.1.
 */
describe("Telegram throughput (printed)", () => {
  let app: TestApp;
  let fake: FakeTelegram;
  let dispatcher: Dispatcher;
  let channels: RunningChannels;

  beforeEach(async () => {
    fake = await FakeTelegram.start();
    app = await createTestApp({
      ...withChannelTexts(kindsContent()),
      env: { TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot },
    });
    dispatcher = new Dispatcher(app.deps.uow, app.deps.clock, app.deps.log);
    channels = await startChannels(app.deps, dispatcher, {
      registry: [telegramChannel({ pollTimeoutSeconds: 1 })],
    });
  });
  afterEach(async () => {
    await channels.stop();
    await app.close();
    await fake.close();
  });

  it("measures inbound messages answered per second (20 chats x 10 messages)", async () => {
    const chats = 20;
    const each = 10;
    const started = performance.now();
    for (let i = 0; i < each; i++)
      for (let c = 0; c < chats; c++) fake.sendText({ id: 9000 + c, first_name: `u${c}` }, `消息 ${i}`);
    await fake.until("every message answered", () => fake.botMessages.length === chats * each, 120_000);
    const seconds = (performance.now() - started) / 1000;
    console.info(
      `telegram round trip: ${chats * each} messages from ${chats} chats answered in ${seconds.toFixed(2)} s = ${((chats * each) / seconds).toFixed(0)} msg/s`,
    );
    expect(await app.db.inboundMessage.count()).toBe(chats * each);
  });

  it("measures outbox sends per second to the fake Bot API", async () => {
    const n = 300;
    await app.deps.uow.run((s) =>
      s.outbox.enqueue(
        Array.from({ length: n }, (_, i) => ({
          key: `bench:${i}`,
          channel: "telegram",
          recipient: String(9500 + (i % 30)),
          message: { text: `第 ${i} 条`, expects: "none" as const },
        })),
        app.clock.now(),
      ),
    );
    const started = performance.now();
    let sent = 0;
    for (let got = await dispatcher.drain(); got > 0; got = await dispatcher.drain()) sent += got;
    const seconds = (performance.now() - started) / 1000;
    console.info(
      `telegram outbox: ${sent} sends in ${seconds.toFixed(2)} s = ${(sent / seconds).toFixed(0)} msg/s`,
    );
    expect(sent).toBe(n);
  });
});
