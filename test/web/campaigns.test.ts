import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestApp, DEMO, type TestApp, texts } from "../support/test-app.ts";
import { consoleOf, openCampaign, P, signedIn } from "./web-fixtures.ts";

describe("自查活动: who has not submitted, and 催办 through the outbox", () => {
  let app: TestApp;
  let key: string;
  beforeEach(async () => {
    app = await createTestApp({ at: "2026-09-22T10:00:00+08:00" });
    key = (await openCampaign(app)).key;
  });
  afterEach(async () => app.close());

  const urges = () =>
    app.db.outboxMessage.findMany({ where: { key: { contains: ":urge:" } }, orderBy: { key: "asc" } });
  const enterpriseId = async (name: string) =>
    (await app.db.enterprise.findFirstOrThrow({ where: { name } })).id;

  it("lists the grid worker's enterprises still to submit, with heads and phones, and the schedule", async () => {
    const worker = await signedIn(consoleOf(app), app, P.gridWorker);
    expect((await worker.get("/campaigns")).html).toContain("0/5 家（0%）");
    const page = await worker.get(`/campaigns/${key}`);
    expect(page.html).toContain("东泰危险品仓储有限公司");
    expect(page.html).toContain("13900000002");
    expect(page.html).not.toContain("鑫达机械");
    expect(page.html).toContain("自查提醒");
  });

  it("催办 enqueues one message per head, once per enterprise per day, audited", async () => {
    const worker = await signedIn(consoleOf(app), app, P.gridWorker);
    await worker.get(`/campaigns/${key}`);
    const dongtai = await enterpriseId("东泰危险品仓储有限公司");
    const once = await worker.post(`/campaigns/${key}/urge`, { enterprise: dongtai });
    expect(once.html).toContain("已催办 1 家企业（1 条消息）；0 家今日已催办");
    expect(once.html).toContain("今日已催办");
    const rows = await urges();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.recipient).toBe("13900000002");
    expect(JSON.parse(rows[0]?.payload ?? "{}").text).toContain("【催办】东泰危险品仓储有限公司");

    const all = await worker.post(`/campaigns/${key}/urge`, { all: "1" });
    expect(all.html).toContain("已催办 4 家企业（4 条消息）；1 家今日已催办");
    expect(await urges()).toHaveLength(5);
    expect((await worker.post(`/campaigns/${key}/urge`, { all: "1" })).html).toContain(
      "已催办 0 家企业（0 条消息）；5 家今日已催办",
    );
    expect(await urges()).toHaveLength(5);
    expect(await app.db.auditLog.count({ where: { action: "campaign.urged" } })).toBe(5);

    // The head gets it in chat, with the button that starts the self-check.
    expect(texts(await app.chat("13900000002").pull())).toContain("请发送「自查」开始或继续填写");

    // A new day, a new 催办.
    app.clock.advance(86_400_000);
    const tomorrow = await signedIn(consoleOf(app), app, P.gridWorker);
    await tomorrow.get(`/campaigns/${key}`);
    await tomorrow.post(`/campaigns/${key}/urge`, { enterprise: dongtai });
    expect(await urges()).toHaveLength(6);
  });

  it("chases only enterprises of the viewer's scope, whatever is posted", async () => {
    const worker = await signedIn(consoleOf(app), app, "13800000001");
    await worker.get(`/campaigns/${key}`);
    const outside = await enterpriseId("东泰危险品仓储有限公司");
    expect((await worker.post(`/campaigns/${key}/urge`, { enterprise: outside })).html).toContain(
      "已催办 0 家企业",
    );
    expect(await urges()).toHaveLength(0);
  });

  it("holds a 催办 sent in quiet hours until they end", async () => {
    app.clock.set(new Date("2026-09-22T22:30:00+08:00"));
    const admin = await signedIn(consoleOf(app), app, DEMO.admin);
    await admin.get(`/campaigns/${key}`);
    const page = await admin.post(`/campaigns/${key}/urge`, { enterprise: await enterpriseId("星光影城") });
    expect(page.html).toContain("催办消息将于 2026-09-23 07:30 发出");
    expect((await urges())[0]?.nextAttemptAt.toISOString()).toBe(
      new Date("2026-09-23T07:30:00+08:00").toISOString(),
    );
  });

  it("an enterprise head may not chase", async () => {
    const head = await signedIn(consoleOf(app), app, P.head);
    expect((await head.post(`/campaigns/${key}/urge`, { all: "1" })).status).toBe(403);
    expect(await urges()).toHaveLength(0);
  });
});
