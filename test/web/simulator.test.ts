import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { WEB_CHANNEL, WebChannel } from "../../src/channels/web/web-channel.ts";
import { loadConfig } from "../../src/config.ts";
import { type RunningProduct, runProduct } from "../../src/main.ts";
import { createTestApp, DEMO, type TestApp } from "../support/test-app.ts";
import { WebClient } from "./web-client.ts";

describe("the product serves the console and the chat simulator on its HTTP server", () => {
  let app: TestApp;
  let product: RunningProduct;
  let base: string;
  beforeEach(async () => {
    app = await createTestApp({ env: { HTTP_PORT: "0", SCHEDULER_ENABLED: "false" } });
    product = await runProduct(app);
    base = product.channels.http?.url ?? "";
  });
  afterEach(async () => {
    await product.stop();
    await app.close();
  });

  it("always starts the server: health check, console, simulator on a loopback address", async () => {
    expect(await (await fetch(`${base}/healthz`)).text()).toBe("ok");
    const login = await fetch(`${base}/login`);
    expect(login.status).toBe(200);
    expect(login.headers.get("content-security-policy")).toContain("script-src 'self'");
    const echarts = await fetch(`${base}/static/echarts.min.js`);
    expect(echarts.headers.get("content-type")).toContain("javascript");
    expect((await echarts.arrayBuffer()).byteLength).toBeGreaterThan(500_000);
    expect((await fetch(`${base}/static/htmx.min.js`)).status).toBe(200);
    expect(product.channels.channels.map((c) => c.id)).toEqual([WEB_CHANNEL]);
  });

  it("chats as a person through the web channel: the same inbox and outbox as every chat app", async () => {
    const browser = new WebClient(base);
    expect((await browser.get("/simulator")).html).toContain("宋斌");
    const chat = await browser.get(`/simulator/${DEMO.smallVenueHead}`);
    expect(chat.html).toContain("以 宋斌（企业负责人，老张家川菜馆）的身份聊天");
    const sent = await browser.post(`/simulator/${DEMO.smallVenueHead}`, { text: "帮助" });
    expect(sent.status).toBe(303);
    const log = await browser.get(`/simulator/${DEMO.smallVenueHead}/log`);
    expect(log.html).toContain("宋斌，您可以发送");
    const rows = await app.db.outboxMessage.findMany({ where: { channel: WEB_CHANNEL } });
    expect(rows.map((r) => [r.recipient, r.status])).toContainEqual([DEMO.smallVenueHead, "sent"]);
    expect(
      await app.db.channelIdentity.count({
        where: { channel: WEB_CHANNEL, externalId: DEMO.smallVenueHead },
      }),
    ).toBe(1);
    // A form without the browser's token is refused.
    expect(
      (await browser.post(`/simulator/${DEMO.smallVenueHead}`, { text: "自查" }, { csrf: false })).status,
    ).toBe(403);
  });

  it("keeps the chat log in the database: after a restart the chat reads the same", async () => {
    const browser = new WebClient(base);
    await browser.get(`/simulator/${DEMO.smallVenueHead}`);
    await browser.post(`/simulator/${DEMO.smallVenueHead}`, { text: "帮助" });
    await browser.post(`/simulator/${DEMO.smallVenueHead}`, { text: "自查" });
    const before = (await browser.get(`/simulator/${DEMO.smallVenueHead}/log`)).html;
    expect(before).toContain("宋斌，您可以发送");
    expect(
      await app.db.simulatorLine.count({ where: { phone: DEMO.smallVenueHead } }),
    ).toBeGreaterThanOrEqual(4);

    await product.stop();
    app = await app.reopen();
    product = await runProduct(app);
    base = product.channels.http?.url ?? "";
    const after = await new WebClient(base).get(`/simulator/${DEMO.smallVenueHead}/log`);
    const lines = (html: string) => [...html.matchAll(/class="bubble (me|bot)"/g)].map((m) => m[1]);
    expect(lines(after.html)).toEqual(lines(before));
    expect(lines(after.html).slice(0, 2)).toEqual(["me", "bot"]);
    expect(after.html).toContain("帮助");
    expect(after.html).toContain("宋斌，您可以发送");
    // A message delivered again (sent, but not marked before a crash) shows once.
    const channel = product.channels.find(WebChannel);
    const again = { text: "再次投递", expects: "none" as const };
    for (let i = 0; i < 2; i++)
      await channel?.send(DEMO.smallVenueHead, again, { key: "k", outboxId: "outbox-row-1" });
    expect(await app.db.simulatorLine.count({ where: { outboxId: "outbox-row-1" } })).toBe(1);
    // Another person's chat is their own.
    expect((await new WebClient(base).get(`/simulator/${DEMO.admin}/log`)).html).not.toContain(
      "宋斌，您可以发送",
    );
  });

  it("is off on a non-loopback address unless SIMULATOR_ENABLED=true", () => {
    expect(loadConfig({ HTTP_HOST: "0.0.0.0" }).web.simulator).toBe(false);
    expect(loadConfig({ HTTP_HOST: "0.0.0.0", SIMULATOR_ENABLED: "true" }).web.simulator).toBe(true);
    expect(loadConfig({}).web.simulator).toBe(true);
    expect(loadConfig({ SIMULATOR_ENABLED: "false" }).web.simulator).toBe(false);
  });
});

describe("the simulator when it is off", () => {
  it("says how to turn it on and lets nobody chat", async () => {
    const app = await createTestApp({
      env: { HTTP_PORT: "0", SCHEDULER_ENABLED: "false", SIMULATOR_ENABLED: "false" },
    });
    const product = await runProduct(app);
    try {
      const base = product.channels.http?.url ?? "";
      const page = await fetch(`${base}/simulator/${DEMO.admin}`);
      expect(page.status).toBe(404);
      expect(await page.text()).toContain("SIMULATOR_ENABLED=true");
      expect(await app.db.channelIdentity.count({ where: { channel: WEB_CHANNEL } })).toBe(0);
    } finally {
      await product.stop();
      await app.close();
    }
  });
});
