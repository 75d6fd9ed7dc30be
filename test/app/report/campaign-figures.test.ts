import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { listCampaigns } from "../../../src/app/campaign/manage-campaigns.ts";
import { buildReport } from "../../../src/app/report/build-report.ts";
import { campaignFigures } from "../../../src/app/report/campaign-figures.ts";
import { renderReportMarkdown } from "../../../src/app/report/report-markdown.ts";
import type { CampaignFigures } from "../../../src/domain/statistics/campaign-figures.ts";
import { createTestApp, type TestApp } from "../../support/test-app.ts";
import { NO_FIGURES, seedCampaigns, seedScenario } from "./report-scenario.ts";

const september = { from: "2026-09-01", to: "2026-09-30" };
const none = { found: 0, rectified: 0, rectificationRate: null };

/** 中秋 in September, counted by hand from report-scenario.ts (class A enterprises, 09-15 … 09-28). */
const midAutumn: CampaignFigures = {
  key: "2026-mid_autumn",
  name: "2026年中秋节",
  status: "closed",
  selfCheck: true,
  from: "2026-09-15",
  to: "2026-09-28",
  enterprisesTargeted: 8, // hc1–hc5 and three urban gas enterprises
  enterprisesSubmitted: 2, // hc1, hc2; the urban gas run of 10-05 comes after the report moment
  completionRate: 0.25,
  cards: {
    sent: 3, // opening ×2, deadline; the summary card went out on 10-01
    sends: 6, // 1 + 3 + 2
    acknowledged: 1, // 钱主任's opening card; his deadline card was acknowledged on 10-02
    leaders: 2,
    leadersAcknowledged: 1,
  },
  enterprisesChecked: 3, // hc1 09-20, hc2 09-21, hc1 09-28
  selfCheckEnterpriseDays: 3,
  inspectionEnterpriseDays: 0,
  selfChecksSubmitted: 3,
  selfCheckEnterprises: 2,
  hazardsFound: 2, // T1 T2 (T3 and T4 were found on 09-05, before the campaign)
  major: 1,
  general: 1,
  rectified: 1, // T1
  rectificationRate: 0.5,
  overdue: 0,
  returned: 1, // T1
  averageDaysToRectify: 4,
  majorRectified: 1,
  majorRectificationRate: 1,
  unrectified: 1, // T2
  bySource: {
    self_check: { found: 2, rectified: 1, rectificationRate: 0.5 },
    grid_report: none,
    inspection: none,
  },
};

/** 汛末 in September: cards only, construction enterprises, 09-28 … 09-30. */
const floodEnd: CampaignFigures = {
  key: "2026-flood_end",
  name: "2026年汛末",
  status: "open",
  selfCheck: false,
  from: "2026-09-28",
  to: "2026-09-30",
  enterprisesTargeted: 4,
  enterprisesSubmitted: 0,
  completionRate: null,
  cards: { sent: 1, sends: 1, acknowledged: 0, leaders: 1, leadersAcknowledged: 0 },
  ...NO_FIGURES,
};

describe("campaign figures (应查, 已查, 完成率, hazards by source, 提示卡)", () => {
  let app: TestApp;
  beforeEach(async () => {
    app = await createTestApp({ seed: true, at: "2026-10-10T09:00:00+08:00" });
    await seedScenario(app);
    await seedCampaigns(app);
  });
  afterEach(async () => {
    await app.close();
  });

  it("gives each campaign whose days meet the period, by opening day, leaving out cancelled and skipped ones", async () => {
    const report = await buildReport(app.deps, september);
    expect(report.campaigns).toEqual([midAutumn, floodEnd]);
    expect(Object.keys(report.campaigns[0] ?? {}).slice(0, 11)).toEqual([
      "key",
      "name",
      "status",
      "selfCheck",
      "from",
      "to",
      "enterprisesTargeted",
      "enterprisesSubmitted",
      "completionRate",
      "cards",
      "enterprisesChecked",
    ]);
    // Linking runs to a campaign changes nothing in the period's own figures.
    expect(report.totals).toMatchObject({ enterprisesChecked: 7, selfChecksSubmitted: 3, hazardsFound: 8 });
  });

  it("narrows 应查 to the report's area, and the cards to leaders of areas within it", async () => {
    const park = await buildReport(app.deps, { ...september, area: "p1" });
    expect(park.campaigns).toEqual([
      {
        ...midAutumn,
        enterprisesTargeted: 5,
        completionRate: 0.4,
        cards: { sent: 1, sends: 3, acknowledged: 0, leaders: 1, leadersAcknowledged: 0 },
      },
      {
        ...floodEnd,
        enterprisesTargeted: 0,
        cards: { sent: 0, sends: 0, acknowledged: 0, leaders: 0, leadersAcknowledged: 0 },
      },
    ]);
  });

  it("reads 已查 and 已阅 at the report moment", async () => {
    const october = await buildReport(app.deps, { from: "2026-09-15", to: "2026-10-31" });
    const mid = october.campaigns.find((c) => c.key === "2026-mid_autumn");
    // By the end of October the urban gas run (10-05) and 钱主任's deadline card (10-02) are in;
    // the summary card too (10-01).
    expect(mid).toMatchObject({
      from: "2026-09-15",
      to: "2026-09-28",
      enterprisesSubmitted: 3,
      completionRate: 0.375,
      cards: { sent: 4, sends: 7, acknowledged: 2, leaders: 2, leadersAcknowledged: 1 },
    });
    expect(october.campaigns.map((c) => c.key)).toEqual([
      "2026-mid_autumn",
      "2026-flood_end",
      "2026-national_day",
    ]);
  });

  it("gives `campaign list --json` each campaign's figures over its own days", async () => {
    const campaigns = await listCampaigns(app.deps);
    const figures = await campaignFigures(app.deps, campaigns);
    // Over its own days 中秋 reads the same as in September's report.
    expect(figures.get("2026-mid_autumn")).toEqual(midAutumn);
    expect(figures.get("2026-flood_end")).toEqual({ ...floodEnd, to: "2026-10-08" });
    // The cancelled one is listed too: every enterprise targeted, none submitted for it, 09-10 … 09-20.
    expect(figures.get("2026-cancelled")).toMatchObject({
      from: "2026-09-10",
      to: "2026-09-20",
      enterprisesTargeted: 30,
      enterprisesSubmitted: 0,
      completionRate: 0,
      enterprisesChecked: 3, // hc1's run on 09-20, cp1 on 09-10, sv1 on 09-12
      hazardsFound: 5, // T1 T2 T8 T9 T10
      rectified: 1, // T10; T1 passed on 09-24, after the campaign
      overdue: 2, // T8 (09-15) and T9 (09-20 23:59, before the last instant)
      bySource: {
        self_check: { found: 2, rectified: 0, rectificationRate: 0 },
        grid_report: { found: 2, rectified: 1, rectificationRate: 0.5 },
        inspection: { found: 1, rectified: 0, rectificationRate: 0 },
      },
    });
    expect(figures.get("2026-national_day")).toMatchObject({
      enterprisesTargeted: 30,
      enterprisesSubmitted: 0,
      selfChecksSubmitted: 1, // the urban gas run of 10-05, submitted for 中秋
      hazardsFound: 0,
    });
  });

  it("writes a paragraph per campaign in the Markdown report", async () => {
    const report = await buildReport(app.deps, september);
    const md = renderReportMarkdown(report, {
      texts: app.deps.content.report,
      industryLabel: (code) => app.deps.content.texts.label("industry", code),
      areaName: null,
    });
    expect(md).toContain("## 专项活动情况");
    expect(md).toContain(
      "**2026年中秋节**（2026-09-15 至 2026-09-28）：应查企业 8 家，已查 2 家，完成率 25%；排查企业 3 家次，发现隐患 2 项，其中重大隐患 1 项，重大隐患整改率 100%；企业自查发现隐患 2 项，整改率 50%；剩余未整改隐患 1 项。向 2 位领导发送安全生产提示卡 3 次（连同提醒共推送 6 次），已阅 1 次（1 位）。",
    );
    expect(md).toContain(
      "**2026年汛末**（2026-09-28 至 2026-09-30）：排查企业 0 家次，发现隐患 0 项，其中重大隐患 0 项，重大隐患整改率 —；企业自查发现隐患 0 项，整改率 —；剩余未整改隐患 0 项。向 1 位领导发送安全生产提示卡 1 次（连同提醒共推送 1 次），已阅 0 次（0 位）。",
    );
  });
});
