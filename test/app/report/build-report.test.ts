import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildReport } from "../../../src/app/report/build-report.ts";
import { renderReportMarkdown } from "../../../src/app/report/report-markdown.ts";
import { loadReportTexts } from "../../../src/content/report-texts.ts";
import type { Figures } from "../../../src/domain/statistics/report-figures.ts";
import { createTestApp, type TestApp } from "../../support/test-app.ts";
import { at, E, factories, seedScenario, NO_FIGURES as zero } from "./report-scenario.ts";

type Split = [found: number, rectified: number, rate: number | null];
const none: Split = [0, 0, null];
/** Hazards by source: self_check, grid_report, inspection as [found, rectified, rate]. */
const sources = (self: Split, grid: Split, inspection: Split): Figures["bySource"] => {
  const f = ([found, rectified, rectificationRate]: Split) => ({ found, rectified, rectificationRate });
  return { self_check: f(self), grid_report: f(grid), inspection: f(inspection) };
};

/** September 2026 of the scenario in report-scenario.ts, counted by hand. */
const chemicals: Figures = {
  enterprisesChecked: 4, // hc1 on 09-20 and 09-28, hc2 on 09-21 (runs) and on 09-05 (T3 and T4 are one visit)
  selfCheckEnterpriseDays: 3,
  inspectionEnterpriseDays: 1,
  selfChecksSubmitted: 3,
  selfCheckEnterprises: 2,
  hazardsFound: 4, // T1 T2 T3 T4
  major: 1,
  general: 3,
  rectified: 2, // T1 T4
  rectificationRate: 0.5,
  overdue: 1, // T3
  returned: 1, // T1
  averageDaysToRectify: 3, // (4 + 2) / 2
  majorRectified: 1, // T1
  majorRectificationRate: 1,
  unrectified: 2, // T2 T3
  bySource: sources([2, 1, 0.5], none, [2, 1, 0.5]),
};
const industryTrade: Figures = {
  ...zero,
  enterprisesChecked: 1, // it1 on 09-30 (T5); its run at 08-31 23:59 is outside
  inspectionEnterpriseDays: 1,
  hazardsFound: 1,
  major: 1,
  rectified: 0,
  rectificationRate: 0,
  majorRectificationRate: 0,
  unrectified: 1,
  bySource: sources(none, [1, 0, 0], none),
};
const crowded: Figures = {
  ...zero,
  enterprisesChecked: 1,
  inspectionEnterpriseDays: 1,
  hazardsFound: 1,
  general: 1,
  rectificationRate: 0, // T8 closed on 10-02, after the period
  overdue: 1, // deadline 09-15, still open at the end of September
  returned: 0, // returned on 10-01, after the period
  unrectified: 1,
  bySource: sources(none, [1, 0, 0], none),
};
const smallVenues: Figures = {
  ...zero,
  enterprisesChecked: 1, // T9 (inspection) and T10 (grid report) on the same day: one visit
  inspectionEnterpriseDays: 1,
  hazardsFound: 2,
  major: 1,
  general: 1,
  rectified: 1, // T10; T9 was reopened
  rectificationRate: 0.5,
  overdue: 1, // T9
  averageDaysToRectify: 0.5,
  majorRectificationRate: 0, // T9
  unrectified: 1,
  bySource: sources(none, [1, 1, 1], [1, 0, 0]),
};
const totals: Figures = {
  enterprisesChecked: 7,
  selfCheckEnterpriseDays: 3,
  inspectionEnterpriseDays: 4, // hc2 09-05, it1 09-30, cp1 09-10, sv1 09-12
  selfChecksSubmitted: 3,
  selfCheckEnterprises: 2,
  hazardsFound: 8,
  major: 3,
  general: 5,
  rectified: 3,
  rectificationRate: 0.375,
  overdue: 3,
  returned: 1,
  averageDaysToRectify: 2.17, // (4 + 2 + 0.5) / 3 = 2.1666…
  majorRectified: 1, // T1 of T1, T5, T9
  majorRectificationRate: 0.3333,
  unrectified: 5,
  bySource: sources([2, 1, 0.5], [3, 1, 0.3333], [3, 1, 0.3333]),
};
const southStreet: Figures = {
  enterprisesChecked: 2,
  selfCheckEnterpriseDays: 0,
  inspectionEnterpriseDays: 2,
  selfChecksSubmitted: 0,
  selfCheckEnterprises: 0,
  hazardsFound: 3,
  major: 1,
  general: 2,
  rectified: 1,
  rectificationRate: 0.3333,
  overdue: 2,
  returned: 0,
  averageDaysToRectify: 0.5,
  majorRectified: 0,
  majorRectificationRate: 0,
  unrectified: 2,
  bySource: sources(none, [2, 1, 0.5], [1, 0, 0]),
};

const september = { from: "2026-09-01", to: "2026-09-30" };

describe("buildReport", () => {
  let app: TestApp;
  beforeEach(async () => {
    app = await createTestApp({ seed: true, at: "2026-10-10T09:00:00+08:00" });
    await seedScenario(app);
  });
  afterEach(async () => {
    await app.close();
  });

  it("counts every figure of the period exactly as the database has it", async () => {
    const report = await buildReport(app.deps, september);
    expect(report.period).toEqual(september);
    expect(report.filters).toEqual({ area: null, industry: null });
    expect(report.asOf).toBe(new Date(at("2026-10-01 00:00").getTime() - 1).toISOString());
    expect(report.generatedAt).toBe(at("2026-10-10 09:00").toISOString());
    expect(report.totals).toEqual(totals);
    expect(report.byIndustry).toEqual({
      hazardous_chemicals: chemicals,
      industry_trade: industryTrade,
      construction: zero,
      crowded_places: crowded,
      urban_gas: zero,
      small_venues: smallVenues,
    });
    expect(report.byArea).toEqual({
      p1: { name: "化工园区", ...chemicals },
      s1: { name: "滨江街道", ...industryTrade },
      s2: { name: "城南街道", ...southStreet },
    });
    expect(report.byAreaRollup).toEqual({ d1: { name: "示范区", ...totals } });
    expect(report.majorOpen).toEqual([
      {
        number: "YH-2026-000009",
        enterprise: "老张家川菜馆",
        title: "后厨液化气瓶与灶具间距不足",
        deadline: at("2026-09-20 23:59").toISOString(),
      },
      {
        number: "YH-2026-000005",
        enterprise: "鑫达机械制造有限公司",
        title: "铝粉尘除尘器未接地",
        deadline: at("2026-10-30 23:59").toISOString(),
      },
    ]);
  });

  it("counts 家次 once per enterprise and day, self-checks included, split into self-checks and inspections", async () => {
    const f = factories(app);
    // hc1 self-checks again on 09-20 (its first run was at 10:00); hc2 self-checks on 09-05, the day it was inspected.
    await f.run(E.hc1, "submitted", "2026-09-20 15:00");
    await f.run(E.hc2, "submitted", "2026-09-05 11:00");
    const report = await buildReport(app.deps, september);
    expect(report.byIndustry.hazardous_chemicals).toMatchObject({
      enterprisesChecked: 4, // hc1 09-20, hc1 09-28, hc2 09-21, hc2 09-05
      selfCheckEnterpriseDays: 4,
      inspectionEnterpriseDays: 1, // hc2 09-05
      selfChecksSubmitted: 5,
      selfCheckEnterprises: 2,
    });
    expect(report.totals).toMatchObject({
      enterprisesChecked: 7,
      selfCheckEnterpriseDays: 4,
      inspectionEnterpriseDays: 4,
      selfChecksSubmitted: 5,
    });
  });

  it("reads the same events whether it scans them all or looks them up for a short period's tickets", async () => {
    // Few event rows: a report on 09-20 … 09-30 (T1, T2, T5) scans all events.
    const lastDays = { from: "2026-09-20", to: "2026-09-30" };
    const scanned = await buildReport(app.deps, lastDays);
    expect(scanned.totals).toMatchObject({
      hazardsFound: 3,
      rectified: 1,
      returned: 1,
      averageDaysToRectify: 4,
    });
    // A long history of other events: the same report now looks events up ticket by ticket.
    const t7 = await app.db.ticket.findUniqueOrThrow({ where: { number: "YH-2026-000007" } });
    await app.db.ticketEvent.createMany({
      data: Array.from({ length: 100 }, (_, i) => ({
        ticketId: t7.id,
        kind: "notified",
        at: at("2026-08-31 23:59"),
        note: `${i}`,
      })),
    });
    expect(await buildReport(app.deps, lastDays)).toEqual(scanned);
  });

  it("keeps the JSON keys in their documented order", async () => {
    const report = await buildReport(app.deps, september);
    expect(Object.keys(report)).toEqual([
      "period",
      "filters",
      "asOf",
      "totals",
      "byIndustry",
      "byArea",
      "byAreaRollup",
      "majorOpen",
      "campaigns",
      "inspections",
      "generatedAt",
    ]);
    expect(Object.keys(report.totals)).toEqual(Object.keys(zero));
    expect(Object.keys(report.byArea.p1 ?? {})).toEqual(["name", ...Object.keys(zero)]);
  });

  it("narrows to an area and everything below it", async () => {
    const park = await buildReport(app.deps, { ...september, area: "p1" });
    expect(park.filters).toEqual({ area: "p1", industry: null });
    expect(park.totals).toEqual(chemicals);
    expect(park.byIndustry).toEqual({ hazardous_chemicals: chemicals });
    expect(park.byArea).toEqual({ p1: { name: "化工园区", ...chemicals } });
    expect(park.byAreaRollup).toEqual({});
    expect(park.majorOpen).toEqual([]);

    const district = await buildReport(app.deps, { ...september, area: "d1" });
    expect(district.totals).toEqual(totals);
  });

  it("narrows to an industry, alone or with an area", async () => {
    const venues = await buildReport(app.deps, { ...september, industry: "small_venues" });
    expect(venues.totals).toEqual(smallVenues);
    expect(venues.byIndustry).toEqual({ small_venues: smallVenues });
    expect(venues.byArea).toEqual({ s2: { name: "城南街道", ...smallVenues } });
    expect(venues.majorOpen.map((m) => m.number)).toEqual(["YH-2026-000009"]);

    const none = await buildReport(app.deps, { ...september, area: "s1", industry: "small_venues" });
    expect(none.totals).toEqual(zero);
    expect(none.byIndustry).toEqual({});
    expect(none.byArea).toEqual({});
  });

  it("takes a hazard found at 23:59 on the last day and leaves out one found at 00:00 the next", async () => {
    const upTo29 = await buildReport(app.deps, { from: "2026-09-01", to: "2026-09-29" });
    expect(upTo29.totals.hazardsFound).toBe(7);
    expect(upTo29.byIndustry.industry_trade).toEqual(zero);
    const october1 = await buildReport(app.deps, { from: "2026-10-01", to: "2026-10-01" });
    // T6 found at 00:00, and cp1's run submitted at 00:00.
    expect(october1.totals).toMatchObject({ hazardsFound: 1, selfChecksSubmitted: 1, enterprisesChecked: 2 });
    const august31 = await buildReport(app.deps, { from: "2026-08-31", to: "2026-08-31" });
    // T7 found at 23:59 and closed in September: rectified within a period ending later only.
    expect(august31.totals).toMatchObject({
      hazardsFound: 1,
      rectified: 0,
      selfChecksSubmitted: 1,
      overdue: 0,
    });
    const summer = await buildReport(app.deps, { from: "2026-08-31", to: "2026-09-02" });
    expect(summer.byIndustry.industry_trade).toMatchObject({
      hazardsFound: 1,
      rectified: 1,
      averageDaysToRectify: 1.42,
    });
  });

  it("reads a period that has not ended yet at the clock's now", async () => {
    app.clock.set(at("2026-09-14 12:00"));
    const report = await buildReport(app.deps, september);
    expect(report.asOf).toBe(at("2026-09-14 12:00").toISOString());
    // Now is before T8's deadline (09-15), so only T3 is overdue; T9 is still closed (reopened 09-16).
    expect(report.byIndustry.crowded_places?.overdue).toBe(0);
    expect(report.totals.overdue).toBe(1);
    expect(report.byIndustry.small_venues).toMatchObject({ rectified: 2, overdue: 0 });
  });

  it("refuses bad dates, an unknown area and an unknown industry with a clear message", async () => {
    await expect(buildReport(app.deps, { from: "2026-09-31", to: "2026-10-01" })).rejects.toThrow(
      '--from must be a calendar date YYYY-MM-DD; got "2026-09-31"',
    );
    await expect(buildReport(app.deps, { from: "2026-10-01", to: "2026-09-01" })).rejects.toThrow("is after");
    await expect(buildReport(app.deps, { ...september, area: "x9" })).rejects.toThrow('Unknown area "x9"');
    await expect(buildReport(app.deps, { ...september, industry: "mining" })).rejects.toThrow(
      'Unknown industry "mining"',
    );
  });

  it("renders the Markdown report in Chinese with the same figures", async () => {
    const report = await buildReport(app.deps, september);
    const md = renderReportMarkdown(report, {
      texts: loadReportTexts(app.config.promptsDir),
      industryLabel: (code) => app.deps.content.texts.label("industry", code),
      areaName: null,
    });
    expect(md).toContain("# 安全生产隐患排查治理情况（2026-09-01 至 2026-09-30）");
    expect(md).toContain("统计范围：全部区域；行业：全部行业。");
    expect(md).toContain("共排查企业 7 家次，发现隐患 8 项，其中重大隐患 3 项，已整改 3 项，整改率 37.5%。");
    expect(md).toContain(
      "企业提交自查 3 次（2 家）；逾期未整改隐患 3 项；复查退回 1 项；平均整改用时 2.17 天。",
    );
    expect(md).toContain(
      "排查企业中，企业自查 3 家次，网格员上报和监督检查 4 家次（同一企业同一天只计 1 家次）。企业自查发现隐患 2 项，已整改 1 项，整改率 50%；网格员上报隐患 3 项，整改率 33.33%；监督检查发现隐患 3 项，整改率 33.33%。重大隐患已整改 1 项，重大隐患整改率 33.33%；剩余未整改隐患 5 项。",
    );
    expect(md).not.toContain("专项活动");
    expect(md).toContain("| 危险化学品 | 4 | 3 | 4 | 1 | 2 | 50% | 1 | 1 | 3 |");
    expect(md).toContain("| 建筑施工 | 0 | 0 | 0 | 0 | 0 | — | 0 | 0 | — |");
    expect(md).toContain("| 城南街道 | 2 | 0 | 3 | 1 | 1 | 33.33% | 2 | 0 | 0.5 |");
    expect(md).toContain("| 示范区 | 7 | 3 | 8 | 3 | 3 | 37.5% | 3 | 1 | 2.17 |");
    expect(md).toContain("| YH-2026-000009 | 老张家川菜馆 | 后厨液化气瓶与灶具间距不足 | 2026-09-20 |");
    expect(md).toContain("统计截至 2026-09-30 23:59（北京时间），生成于 2026-10-10 09:00。");
  });
});
