import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { sendFailed } from "../../src/outbox/channel-sender.ts";
import { Dispatcher } from "../../src/outbox/dispatcher.ts";
import { createTestApp, DEMO, type TestApp } from "../support/test-app.ts";
import { consoleOf, signedIn } from "./web-fixtures.ts";

describe("消息投递: admins see what did not go out", () => {
  let app: TestApp;
  beforeEach(async () => {
    app = await createTestApp();
    const head = await app.db.person.findUniqueOrThrow({ where: { phone: DEMO.chemicalsHead } });
    const put = (key: string, text: string) =>
      app.deps.uow.run((s) =>
        s.outbox.enqueue(
          [{ key, channel: "fake", recipient: "r1", personId: head.id, message: { text, expects: "none" } }],
          app.clock.now(),
        ),
      );
    await put("t:left", "国庆节前安全检查提醒");
    await put("t:refused", "整改通知");
    await put("t:fine", "已收到");
    // The first was being sent when its process was killed; the platform refuses the second.
    await app.db.outboxMessage.update({
      where: { key: "t:left" },
      data: { status: "sending", claimedAt: app.clock.now(), attempts: 1 },
    });
    const dispatcher = new Dispatcher(app.deps.uow, app.deps.clock, app.deps.log);
    dispatcher.register({
      id: "fake",
      send: async (_to, message) =>
        message.text === "整改通知" ? sendFailed("400 Bad Request: chat not found", false) : { ok: true },
    });
    await dispatcher.drain();
    await dispatcher.drain();
  });
  afterEach(async () => app.close());

  it("lists the unconfirmed and the dead with the person, the text and the error; a status filter shows the others", async () => {
    const admin = await signedIn(consoleOf(app), app, DEMO.admin);
    const page = await admin.get("/outbox");
    expect(page.status).toBe(200);
    expect(page.html).toContain('href="/outbox"');
    const rows = [...page.html.matchAll(/<tr data-key="([^"]+)" data-status="([^"]+)">/g)].map((m) => [
      m[1],
      m[2],
    ]);
    expect(rows.sort()).toEqual([
      ["t:left", "unconfirmed"],
      ["t:refused", "dead"],
    ]);
    expect(page.html).toContain("未确认送达");
    expect(page.html).toContain("国庆节前安全检查提醒");
    expect(page.html).toContain("400 Bad Request: chat not found");
    const head = await app.db.person.findUniqueOrThrow({ where: { phone: DEMO.chemicalsHead } });
    expect(page.html).toContain(head.name);

    const sent = await admin.get("/outbox?status=sent");
    expect(sent.html).toContain('data-key="t:fine"');
    expect(sent.html).not.toContain('data-key="t:left"');
  });

  it("is for admins only: a leader gets 403 and no menu entry", async () => {
    const leader = await signedIn(consoleOf(app), app, DEMO.leaderDistrict);
    expect((await leader.get("/outbox")).status).toBe(403);
    expect((await leader.get("/dashboard")).html).not.toContain('href="/outbox"');
  });
});
