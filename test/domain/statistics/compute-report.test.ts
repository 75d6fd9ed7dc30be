import { describe, expect, it } from "vitest";
import {
  computeReport,
  type EnterpriseRow,
  type ReportInput,
} from "../../../src/domain/statistics/compute-report.ts";
import {
  type Figures,
  reportRun,
  reportTicket,
  type TicketRow,
} from "../../../src/domain/statistics/report-figures.ts";

const at = (wall: string): Date => new Date(`${wall.replace(" ", "T")}:00+08:00`);

/** district → street s1 → community c1; park p1; another district d2. */
const areas = [
  { id: "d1", name: "一区", parentId: null },
  { id: "s1", name: "东街道", parentId: "d1" },
  { id: "c1", name: "东社区", parentId: "s1" },
  { id: "p1", name: "化工园区", parentId: "d1" },
  { id: "d2", name: "二区", parentId: null },
];
const enterprises: EnterpriseRow[] = [
  { id: "e1", name: "甲化工", industry: "hazardous_chemicals", areaId: "p1" },
  { id: "e2", name: "乙机械", industry: "industry_trade", areaId: "s1" },
  { id: "e3", name: "丙饭店", industry: "small_venues", areaId: "c1" },
  { id: "e4", name: "丁商场", industry: "crowded_places", areaId: "d2" },
  { id: "e5", name: "戊矿业", industry: "mining", areaId: "gone" },
];

function t(number: string, enterpriseId: string, found: string, more: Partial<TicketRow> = {}): TicketRow {
  return {
    number,
    enterpriseId,
    source: "grid_report",
    grade: "general",
    title: `隐患${number}`,
    foundAt: at(found),
    deadline: at("2026-03-20 23:59"),
    closedAt: null,
    events: [],
    ...more,
  };
}

const tickets: TicketRow[] = [
  t("A1", "e1", "2026-03-02 09:00", { grade: "major", deadline: at("2026-03-25 23:59") }),
  t("A2", "e1", "2026-03-02 10:00", { closedAt: at("2026-03-04 10:00") }),
  t("A3", "e2", "2026-03-05 09:00", { grade: "major", deadline: at("2026-03-10 23:59") }),
  t("A4", "e3", "2026-03-06 09:00", { closedAt: at("2026-03-07 09:00") }),
  t("A5", "e4", "2026-03-07 09:00", { grade: "major", closedAt: at("2026-03-08 09:00") }),
  t("A6", "e5", "2026-03-08 09:00"),
  t("A7", "e1", "2026-04-01 00:00", { grade: "major" }),
];
const runs = [
  { enterpriseId: "e1", submittedAt: at("2026-03-01 00:00") },
  { enterpriseId: "e3", submittedAt: at("2026-03-31 23:59") },
];

const input = (filters: Partial<ReportInput["filters"]> = {}): ReportInput => ({
  period: { from: "2026-03-01", to: "2026-03-31" },
  filters: { area: null, industry: null, ...filters },
  areas,
  enterprises,
  runs: runs.map(reportRun),
  tickets: tickets.map(reportTicket),
  now: at("2026-04-15 09:00"),
});

const ADDITIVE = [
  "enterprisesChecked",
  "selfChecksSubmitted",
  "selfCheckEnterprises",
  "hazardsFound",
  "major",
  "general",
  "rectified",
  "overdue",
  "returned",
] as const;

function sum(rows: Figures[]): Record<string, number> {
  return Object.fromEntries(ADDITIVE.map((k) => [k, rows.reduce((n, f) => n + f[k], 0)]));
}

describe("computeReport", () => {
  it("totals, breakdowns and roll-ups add up to the same numbers", () => {
    const r = computeReport(input());
    expect(r.totals).toEqual({
      enterprisesChecked: 2 + 5, // two runs + one visit each for e1, e2, e3, e4, e5
      selfCheckEnterpriseDays: 2,
      inspectionEnterpriseDays: 5, // A1 and A2 are one visit to e1 on 03-02
      selfChecksSubmitted: 2,
      selfCheckEnterprises: 2,
      hazardsFound: 6,
      major: 3,
      general: 3,
      rectified: 3,
      rectificationRate: 0.5,
      overdue: 3, // A1, A3, A6
      returned: 0,
      averageDaysToRectify: 1.33, // (2 + 1 + 1) / 3
      majorRectified: 1, // A5
      majorRectificationRate: 0.3333,
      unrectified: 3, // A1, A3, A6
      bySource: {
        self_check: { found: 0, rectified: 0, rectificationRate: null },
        grid_report: { found: 6, rectified: 3, rectificationRate: 0.5 },
        inspection: { found: 0, rectified: 0, rectificationRate: null },
      },
    });
    const totals = Object.fromEntries(ADDITIVE.map((k) => [k, r.totals[k]]));
    expect(sum(Object.values(r.byIndustry))).toEqual(totals);
    expect(sum(Object.values(r.byArea))).toEqual(totals);
    // Known industries in their fixed order, then unknown codes; every industry present appears.
    expect(Object.keys(r.byIndustry)).toEqual([
      "hazardous_chemicals",
      "industry_trade",
      "crowded_places",
      "small_venues",
      "mining",
    ]);
    // Areas in tree order (siblings by id); an enterprise whose area is unknown still counts, under its id.
    expect(Object.keys(r.byArea)).toEqual(["p1", "s1", "c1", "d2", "gone"]);
    expect(r.byArea.gone).toMatchObject({ name: "gone", hazardsFound: 1 });
    expect(r.byArea.s1).toMatchObject({ name: "东街道", hazardsFound: 1, major: 1 });
    expect(Object.keys(r.byAreaRollup)).toEqual(["d1", "s1"]);
    expect(r.byAreaRollup.d1).toMatchObject({
      name: "一区",
      hazardsFound: 4,
      rectified: 2,
      enterprisesChecked: 5,
    });
    expect(r.byAreaRollup.s1).toMatchObject({
      name: "东街道",
      hazardsFound: 2,
      rectified: 1,
      selfChecksSubmitted: 1,
    });
    expect(r.majorOpen).toEqual([
      { number: "A3", enterprise: "乙机械", title: "隐患A3", deadline: at("2026-03-10 23:59").toISOString() },
      { number: "A1", enterprise: "甲化工", title: "隐患A1", deadline: at("2026-03-25 23:59").toISOString() },
    ]);
  });

  it("narrows to an area's whole subtree", () => {
    const r = computeReport(input({ area: "s1" }));
    expect(r.filters).toEqual({ area: "s1", industry: null });
    expect(r.totals).toMatchObject({ hazardsFound: 2, major: 1, rectified: 1, selfChecksSubmitted: 1 });
    expect(Object.keys(r.byArea)).toEqual(["s1", "c1"]);
    expect(Object.keys(r.byIndustry)).toEqual(["industry_trade", "small_venues"]);
    expect(Object.keys(r.byAreaRollup)).toEqual(["s1"]);
    expect(r.majorOpen.map((m) => m.number)).toEqual(["A3"]);
  });

  it("narrows to an industry and keeps an industry with nothing found at zero", () => {
    const chemicals = computeReport(input({ industry: "hazardous_chemicals" }));
    expect(chemicals.totals).toMatchObject({
      enterprisesChecked: 2,
      hazardsFound: 2,
      major: 1,
      rectified: 1,
    });
    expect(Object.keys(chemicals.byArea)).toEqual(["p1"]);
    const quiet = computeReport({ ...input(), tickets: [], runs: [] });
    expect(quiet.byIndustry.mining).toMatchObject({ hazardsFound: 0, rectificationRate: null });
    expect(quiet.majorOpen).toEqual([]);
  });

  it("stamps the report with the moment it is read at and when it was made", () => {
    const r = computeReport(input());
    expect(r.asOf).toBe("2026-03-31T15:59:59.999Z");
    expect(r.generatedAt).toBe(at("2026-04-15 09:00").toISOString());
    const early = computeReport({ ...input(), now: at("2026-03-06 00:00") });
    expect(early.asOf).toBe(at("2026-03-06 00:00").toISOString());
    // A5 is not closed yet on 03-06, A3 not yet due.
    expect(early.totals).toMatchObject({ overdue: 0, rectified: 1 });
  });
});
