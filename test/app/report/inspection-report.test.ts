import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildReport } from "../../../src/app/report/build-report.ts";
import { renderReportMarkdown } from "../../../src/app/report/report-markdown.ts";
import { createTestApp, type TestApp } from "../../support/test-app.ts";
import { recordInspections, SEPTEMBER } from "./inspection-scenario.ts";

describe("the inspections of a period in `xunjian report`, figures worked out by hand", () => {
  let app: TestApp;
  beforeEach(async () => {
    app = await createTestApp();
    const submitted = await recordInspections(app);
    expect(submitted.map((s) => s.split("（")[0])).toEqual([
      "检查 JC-2026-000001 已提交",
      "检查 JC-2026-000002 已提交",
      "检查 JC-2026-000003 已提交",
    ]);
  });
  afterEach(async () => app.close());

  const markdown = async (filters: { area?: string; industry?: string } = {}) =>
    renderReportMarkdown(await buildReport(app.deps, { ...SEPTEMBER, ...filters }), {
      texts: app.deps.content.report,
      industryLabel: (code) => app.deps.content.texts.label("industry", code),
      areaName: null,
      inspections: app.deps.content.inspections,
    });

  it("has the figures in totals, by industry and by kind", async () => {
    const { inspections } = await buildReport(app.deps, SEPTEMBER);
    // 3 teams; 4 + 3 + 1 people, of whom leaders 钱主任 twice and experts 2 outside + 方专家;
    // (华宁, 09-24), (东泰, 09-24), (万达, 09-25); YH-1 and YH-4 fixed on the spot, YH-2 and YH-3 open.
    expect(inspections.totals).toEqual({
      inspections: 3,
      personTimes: 8,
      leaderPersonTimes: 2,
      expertPersonTimes: 3,
      enterprisesInspected: 3,
      hazardsFound: 4,
      major: 0,
      rectified: 2,
      rectifiedOnSpot: 2,
      rectificationRate: 0.5,
      overdue: 0,
      documentsIssued: 3,
      documentsByType: { rectification_order: 1, onsite_decision: 1, penalty_decision: 1 },
      casesFiled: 1,
      fineYuan: 48180,
      suspended: 1,
      sealed: 1,
      referred: 1,
      interviews: 1,
    });
    expect(Object.keys(inspections.byIndustry)).toEqual(["hazardous_chemicals", "crowded_places"]);
    expect(inspections.byIndustry.hazardous_chemicals).toMatchObject({
      inspections: 2,
      personTimes: 7,
      enterprisesInspected: 2,
      hazardsFound: 3,
      rectified: 1,
      casesFiled: 1,
      fineYuan: 48180,
      suspended: 1,
    });
    expect(Object.keys(inspections.byKind)).toEqual(["supervision", "covert", "enforcement"]);
  });

  it("writes them the way the offices' reports do, in the Markdown report", async () => {
    const md = await markdown();
    const section = md.slice(md.indexOf("## 监督检查情况"), md.indexOf("## 分行业情况"));
    expect(section.trim().split("\n\n")).toEqual([
      "## 监督检查情况",
      "共派出检查组3个，出动执法检查人员8人次（其中领导干部2人次、专家3人次），检查企业单位3家次，排查隐患4项，已整改隐患2项（其中现场整改2项），整改率50%，立案1起，罚款4.818万元。",
      "下发责令限期整改指令书1份，现场处理措施决定书1份，行政处罚决定书1份；临时查封1家，责令停产停业1家，移交1起，约谈1家。",
      "危险化学品领域：共检查企业2家次，查处隐患问题3项，已整改1项，立案1起，实施经济处罚4.818万元，责令停产停业1家。",
      "人员密集场所领域：共检查企业1家次，查处隐患问题1项，已全部整改完毕。",
      "督导检查组1个，出动4人次，检查企业1家次，发现隐患2项，已整改1项，立案1起，罚款2.5万元。",
      "暗查暗访组1个，出动1人次，检查企业1家次，发现隐患1项，已全部整改完毕。",
      "执法检查组1个，出动3人次，检查企业1家次，发现隐患1项，已整改0项，罚款2.318万元，责令停产停业1家，临时查封1家。",
    ]);
    // The sections before and after are those of the hazards, as before.
    expect(md.indexOf("## 监督检查情况")).toBeGreaterThan(md.indexOf("排查企业中，"));
  });

  it("leaves out what is zero and follows the area filter", async () => {
    const md = await markdown({ area: "s2" });
    const section = md.slice(md.indexOf("## 监督检查情况"), md.indexOf("## 分行业情况"));
    expect(section.trim().split("\n\n")).toEqual([
      "## 监督检查情况",
      // No expert, no case, no fine, no document: those parts are left out.
      "共派出检查组1个，出动执法检查人员1人次（其中领导干部1人次），检查企业单位1家次，排查隐患1项，已整改隐患1项（其中现场整改1项），整改率100%。",
      "移交1起，约谈1家。",
      "人员密集场所领域：共检查企业1家次，查处隐患问题1项，已全部整改完毕。",
      "暗查暗访组1个，出动1人次，检查企业1家次，发现隐患1项，已全部整改完毕。",
    ]);
  });

  it("says so when the period had no inspection", async () => {
    const md = renderReportMarkdown(await buildReport(app.deps, { from: "2026-08-01", to: "2026-08-31" }), {
      texts: app.deps.content.report,
      industryLabel: (code) => app.deps.content.texts.label("industry", code),
      areaName: null,
      inspections: app.deps.content.inspections,
    });
    expect(md).toContain("## 监督检查情况\n\n本期未开展监督检查。\n\n## 分行业情况");
  });
});
