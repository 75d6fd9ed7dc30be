import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type RunningChannels, startChannels } from "../../../src/channels/start-channels.ts";
import { WecomChannel } from "../../../src/channels/wecom/wecom-channel.ts";
import { WECOM_RATE_LIMITS } from "../../../src/channels/wecom/wecom-definition.ts";
import { Dispatcher } from "../../../src/outbox/dispatcher.ts";
import { FakeWecom, WECOM_KEYS, wecomEnv } from "../../support/fake-wecom.ts";
import { createTestApp, kindsContent, ROOT, type TestApp } from "../../support/test-app.ts";

const withChannelTexts = <T extends { promptsDir: string }>(dirs: T): T => {
  fs.copyFileSync(path.join(ROOT, "prompts", "channels.yaml"), path.join(dirs.promptsDir, "channels.yaml"));
  return dirs;
};
const USER = "LiSi";
const OTHER = "WangWu";

describe("WeCom limits and replays", () => {
  let app: TestApp;
  let fake: FakeWecom;
  let dispatcher: Dispatcher;
  let channels: RunningChannels;
  let callbackUrl: string;
  let n = 0;

  const start = async () => {
    // The product's limits: 30 a minute and 1000 an hour per member.
    dispatcher = new Dispatcher(app.deps.uow, app.deps.clock, app.deps.log, {
      rateLimits: { wecom: WECOM_RATE_LIMITS },
    });
    channels = await startChannels(app.deps, dispatcher);
    callbackUrl = `${channels.http?.url}/wecom/callback`;
  };
  const enqueue = (count: number, to = USER) =>
    app.deps.uow.run((s) =>
      s.outbox.enqueue(
        Array.from({ length: count }, () => ({
          key: `notice:${++n}`,
          channel: "wecom",
          recipient: to,
          message: { text: `通知 ${n}`, expects: "none" as const },
        })),
        app.clock.now(),
      ),
    );
  const drainAll = async () => {
    let sent = 0;
    for (let got = await dispatcher.drain(); got > 0; got = await dispatcher.drain()) sent += got;
    return sent;
  };

  beforeEach(async () => {
    n = 0;
    fake = await FakeWecom.start();
    app = await createTestApp({
      ...withChannelTexts(kindsContent()),
      env: wecomEnv(fake.apiRoot),
    });
    await start();
  });
  afterEach(async () => {
    await channels.stop();
    await app.close();
    await fake.close();
  });

  it("counts a member's messages of the last minute from the database: 25, a restart, 12 more, and the 31st waits", async () => {
    await enqueue(25);
    expect(await drainAll()).toBe(25);
    app.clock.advance(20_000);
    await channels.stop();
    app = await app.reopen();
    await start();
    await enqueue(12);
    expect(await drainAll()).toBe(5);
    expect(fake.sentTo(USER)).toHaveLength(30);
    expect(await app.db.outboxMessage.count({ where: { recipient: USER, status: "pending" } })).toBe(7);
    // A minute after the first 25, they have left the window.
    app.clock.advance(40_000);
    expect(await drainAll()).toBe(7);
    expect(fake.sentTo(USER)).toHaveLength(37);
  });

  it("pauses the whole app when WeCom answers 45009 (the app's call frequency), not only that member", async () => {
    fake.failNext("message/send", { errcode: 45009, errmsg: "api freq out of limit" });
    await enqueue(1, USER);
    expect(await dispatcher.drain()).toBe(0);
    await enqueue(1, OTHER);
    expect(await dispatcher.drain()).toBe(0);
    app.clock.advance(60_000);
    expect(await drainAll()).toBe(2);
    expect(fake.sentTo(OTHER)).toHaveLength(1);
  });

  it("refuses a callback signed more than five minutes ago: a replay", async () => {
    const post = async (sealed: { query: string; body: string }) => {
      const res = await fetch(`${callbackUrl}?${sealed.query}`, { method: "POST", body: sealed.body });
      await channels.find(WecomChannel)?.idle();
      return res;
    };
    const xml = FakeWecom.textXml(USER, "你好", "90001");
    const old = await post(FakeWecom.seal(xml, WECOM_KEYS, new Date(Date.now() - 6 * 60_000)));
    expect(old.status).toBe(401);
    expect(await app.db.inboundMessage.count()).toBe(0);
    const recent = await post(FakeWecom.seal(xml, WECOM_KEYS, new Date(Date.now() - 4 * 60_000)));
    expect(await recent.text()).toBe("success");
    expect(await app.db.inboundMessage.count()).toBe(1);
  });
});
