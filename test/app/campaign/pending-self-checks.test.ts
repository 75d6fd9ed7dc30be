import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createCampaign } from "../../../src/app/campaign/manage-campaigns.ts";
import { createTestApp, DEMO, type TestApp, texts } from "../../support/test-app.ts";
import { PEOPLE, shippedCampaigns, submitFor } from "./campaign-harness.ts";

describe("未自查: who still owes the self-check, for those who chase", () => {
  let app: TestApp;
  beforeEach(async () => {
    app = await createTestApp({ at: "2026-09-20T10:00:00+08:00" });
  });
  afterEach(async () => app.close());

  it("says so when no self-check campaign is open", async () => {
    expect(texts(await app.chat(DEMO.gridWorkerG3).say("未自查"))).toBe("目前没有进行中的节前自查。");
  });

  it("counts the worker's own grid and lists the enterprises to chase, with their heads", async () => {
    const campaign = await createCampaign(app.deps, shippedCampaigns(), {
      templateId: "national_day",
      year: 2026,
    });
    await app.db.campaign.update({ where: { id: campaign.id }, data: { status: "open" } });
    await submitFor(app, PEOPLE.chemA1, campaign.key);

    const worker = texts(await app.chat(DEMO.gridWorkerG3).say("未自查"));
    expect(worker).toContain(`【${campaign.name}】截止 2026-09-24，已完成 1/5 家（20%）。未完成：`);
    expect(worker).toContain("1. 东泰危险品仓储有限公司（A类）负责人：李伟 13900000002");
    expect(worker).not.toContain("华宁精细化工");
    expect(worker).not.toContain("鑫达机械");

    expect(texts(await app.chat(DEMO.leaderDistrict).say("自查进度"))).toContain("已完成 1/30 家（3%）");
    expect(texts(await app.chat(DEMO.chemicalsHead).say("未自查"))).toContain("您的角色（企业负责人）不能");
  });
});
