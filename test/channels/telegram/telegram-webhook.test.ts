import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type RunningChannels, startChannels } from "../../../src/channels/start-channels.ts";
import { Dispatcher } from "../../../src/outbox/dispatcher.ts";
import { FakeTelegram, type FakeUser } from "../../support/fake-telegram.ts";
import { createTestApp, kindsContent, ROOT, type TestApp } from "../../support/test-app.ts";

const withChannelTexts = <T extends { promptsDir: string }>(dirs: T): T => {
  fs.copyFileSync(path.join(ROOT, "prompts", "channels.yaml"), path.join(dirs.promptsDir, "channels.yaml"));
  return dirs;
};

const SECRET = "s3cret_Token-42";
const user: FakeUser = { id: 8001, first_name: "小李" };

describe("the Telegram channel in webhook mode", () => {
  let app: TestApp;
  let fake: FakeTelegram;
  let channels: RunningChannels;
  let hook: string;

  beforeEach(async () => {
    fake = await FakeTelegram.start();
    app = await createTestApp({
      ...withChannelTexts(kindsContent()),
      env: {
        TELEGRAM_BOT_TOKEN: fake.token,
        TELEGRAM_API_ROOT: fake.apiRoot,
        TELEGRAM_WEBHOOK_URL: "https://bot.example.org/telegram/webhook",
        TELEGRAM_WEBHOOK_SECRET: SECRET,
        HTTP_PORT: "0",
      },
    });
    channels = await startChannels(app.deps, new Dispatcher(app.deps.uow, app.deps.clock, app.deps.log));
    hook = `${channels.http?.url}/telegram/webhook`;
  });
  afterEach(async () => {
    await channels.stop();
    await app.close();
    await fake.close();
  });

  const post = (update: unknown, secret?: string) =>
    fetch(hook, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...(secret !== undefined ? { "x-telegram-bot-api-secret-token": secret } : {}),
      },
      body: JSON.stringify(update),
    });

  it("sets the webhook with its secret instead of polling", () => {
    expect(fake.webhook).toEqual({ url: "https://bot.example.org/telegram/webhook", secret: SECRET });
    expect(fake.callsOf("getUpdates")).toHaveLength(0);
  });

  it("refuses an update with a wrong or missing secret token with 401", async () => {
    const update = fake.sendText(user, "你好");
    const wrong = await post(update, "not-the-secret");
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toBe("secret token is wrong");
    expect((await post(update)).status).toBe(401);
    expect(await app.db.inboundMessage.count()).toBe(0);
  });

  it("handles an update with the right secret, and a redelivered one once", async () => {
    const update = fake.sendText(user, "你好");
    const res = await post(update, SECRET);
    expect(res.status).toBe(200);
    expect((await fake.messagesTo(user.id, 1))[0]?.text).toContain("您的账号还没有绑定");
    expect((await post(update, SECRET)).status).toBe(200);
    await channels.settled();
    expect(fake.sentTo(user.id)).toHaveLength(1);
    expect(await app.db.inboundMessage.count()).toBe(1);
  });

  it("answers 400 to a body that is not an update", async () => {
    const res = await fetch(hook, {
      method: "POST",
      headers: { "x-telegram-bot-api-secret-token": SECRET },
      body: "not json",
    });
    expect(res.status).toBe(400);
  });
});
