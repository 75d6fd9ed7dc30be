import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestApp, DEMO, type TestApp } from "../support/test-app.ts";
import { leaveUndelivered } from "../support/undelivered.ts";
import { consoleOf, signedIn } from "./web-fixtures.ts";

describe("消息投递: admins see what did not go out", () => {
  let app: TestApp;
  let headName = "";
  beforeEach(async () => {
    app = await createTestApp();
    headName = await leaveUndelivered(app);
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
    expect(page.html).toContain(headName);

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
