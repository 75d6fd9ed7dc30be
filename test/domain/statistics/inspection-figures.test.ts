import { describe, expect, it } from "vitest";
import {
  computeInspectionReport,
  type InspectionFigures,
  type InspectionRow,
} from "../../../src/domain/statistics/inspection-figures.ts";
import type { TicketRow } from "../../../src/domain/statistics/report-figures.ts";

const at = (iso: string) => new Date(iso);

const areas = [
  { id: "d1", name: "示范区", parentId: null },
  { id: "p1", name: "化工园区", parentId: "d1" },
  { id: "s2", name: "城南街道", parentId: "d1" },
];
const enterprises = [
  { id: "eA", name: "甲化工", industry: "hazardous_chemicals", areaId: "p1" },
  { id: "eB", name: "乙化工", industry: "hazardous_chemicals", areaId: "p1" },
  { id: "eC", name: "丙商场", industry: "crowded_places", areaId: "s2" },
];

let n = 0;
function ticket(
  enterpriseId: string,
  over: { grade?: string; foundAt: string; deadline: string; events?: [string, string][] },
): TicketRow {
  n += 1;
  return {
    number: `YH-2026-${String(n).padStart(6, "0")}`,
    enterpriseId,
    source: "inspection",
    grade: over.grade ?? "general",
    title: "隐患",
    foundAt: at(over.foundAt),
    deadline: at(over.deadline),
    closedAt: null,
    events: (over.events ?? []).map(([kind, when]) => ({ kind, at: at(when) })),
  };
}

const row = (
  over: Partial<InspectionRow> & Pick<InspectionRow, "kind" | "enterpriseId" | "submittedAt">,
): InspectionRow => ({
  members: [],
  outsideExperts: 0,
  outsideStaff: 0,
  findings: [],
  documents: [],
  measures: [],
  ...over,
});

/**
 * September 2026 in Asia/Shanghai: the period is [2026-08-31T16:00Z, 2026-09-30T16:00Z); with now in
 * October the figures are read at 2026-09-30T15:59:59.999Z.
 */
const inspections: InspectionRow[] = [
  // I1: 督导检查 of 甲 on 9/10 (Shanghai): a leader and a grid worker, 2 outside experts; one finding fixed
  // on the spot (closed at once), one major left open past its deadline (9/17). An order, a case, 25000 yuan.
  row({
    kind: "supervision",
    enterpriseId: "eA",
    submittedAt: at("2026-09-10T02:00:00Z"),
    members: [{ role: "leader" }, { role: "grid_worker" }],
    outsideExperts: 2,
    findings: [
      {
        onSpot: true,
        ticket: ticket("eA", {
          foundAt: "2026-09-10T02:00:00Z",
          deadline: "2026-09-11T15:59:00Z",
          events: [["passed", "2026-09-10T02:00:00Z"]],
        }),
      },
      {
        onSpot: false,
        ticket: ticket("eA", {
          grade: "major",
          foundAt: "2026-09-10T02:00:00Z",
          deadline: "2026-09-17T15:59:00Z",
        }),
      },
    ],
    documents: [{ type: "rectification_order" }],
    measures: [
      { kind: "case_filed", amountFen: null },
      { kind: "fine", amountFen: 2_500_000 },
    ],
  }),
  // I2: 日常检查 of 甲 the same Shanghai day (15:00): the same 家次. Its finding is passed on 9/20.
  row({
    kind: "daily",
    enterpriseId: "eA",
    submittedAt: at("2026-09-10T07:00:00Z"),
    members: [{ role: "grid_worker" }],
    findings: [
      {
        onSpot: false,
        ticket: ticket("eA", {
          foundAt: "2026-09-10T07:00:00Z",
          deadline: "2026-10-20T15:59:00Z",
          events: [["passed", "2026-09-20T02:00:00Z"]],
        }),
      },
    ],
  }),
  // I3: 执法检查 of 乙 at 00:30 on 9/21 Shanghai (still 9/20 in UTC): an inspector and an expert with 2
  // outside staff. Its on-the-spot fix is reopened on 9/25, so at the report moment it is neither
  // rectified nor fixed on the spot, and overdue (deadline 9/22). Two documents, a case, 473180 yuan
  // (47.3180万), stop and seal.
  row({
    kind: "enforcement",
    enterpriseId: "eB",
    submittedAt: at("2026-09-20T16:30:00Z"),
    members: [{ role: "inspector" }, { role: "expert" }],
    outsideStaff: 2,
    findings: [
      {
        onSpot: true,
        ticket: ticket("eB", {
          foundAt: "2026-09-20T16:30:00Z",
          deadline: "2026-09-22T15:59:00Z",
          events: [
            ["passed", "2026-09-20T16:30:00Z"],
            ["reopened", "2026-09-25T02:00:00Z"],
          ],
        }),
      },
    ],
    documents: [{ type: "rectification_order" }, { type: "penalty_decision" }],
    measures: [
      { kind: "case_filed", amountFen: null },
      { kind: "fine", amountFen: 47_318_000 },
      { kind: "suspension", amountFen: null },
      { kind: "sealing", amountFen: null },
    ],
  }),
  // I4: 暗查暗访 of 丙 at 00:30 on 10/1 Shanghai: after the period.
  row({
    kind: "covert",
    enterpriseId: "eC",
    submittedAt: at("2026-09-30T16:30:00Z"),
    members: [{ role: "admin" }],
    measures: [{ kind: "interview", amountFen: null }],
  }),
  // I5: 暗查暗访 of 丙 on 9/5: its finding is closed on 10/5, after the report moment; deadline 10/10.
  row({
    kind: "covert",
    enterpriseId: "eC",
    submittedAt: at("2026-09-05T01:00:00Z"),
    members: [{ role: "admin" }],
    findings: [
      {
        onSpot: false,
        ticket: ticket("eC", {
          foundAt: "2026-09-05T01:00:00Z",
          deadline: "2026-10-10T15:59:00Z",
          events: [["passed", "2026-10-05T02:00:00Z"]],
        }),
      },
    ],
    measures: [
      { kind: "interview", amountFen: null },
      { kind: "referral", amountFen: null },
    ],
  }),
  // I6: 专家检查 of 丙 at 23:59 on 8/31 Shanghai: before the period.
  row({ kind: "expert", enterpriseId: "eC", submittedAt: at("2026-08-31T15:59:00Z"), outsideExperts: 3 }),
];

const none: InspectionFigures = {
  inspections: 0,
  personTimes: 0,
  leaderPersonTimes: 0,
  expertPersonTimes: 0,
  enterprisesInspected: 0,
  hazardsFound: 0,
  major: 0,
  rectified: 0,
  rectifiedOnSpot: 0,
  rectificationRate: null,
  overdue: 0,
  documentsIssued: 0,
  documentsByType: {},
  casesFiled: 0,
  fineYuan: 0,
  suspended: 0,
  sealed: 0,
  referred: 0,
  interviews: 0,
};

const chemicals: InspectionFigures = {
  inspections: 3, // I1, I2, I3
  personTimes: 9, // 2+2 + 1 + 2+2
  leaderPersonTimes: 1,
  expertPersonTimes: 3, // I1's 2 outside experts, I3's expert
  enterprisesInspected: 2, // (甲, 9/10) twice, (乙, 9/21)
  hazardsFound: 4,
  major: 1,
  rectified: 2, // I1's on-the-spot fix, I2's finding passed 9/20
  rectifiedOnSpot: 1,
  rectificationRate: 0.5,
  overdue: 2, // I1's major (9/17), I3's reopened fix (9/22)
  documentsIssued: 3,
  documentsByType: { rectification_order: 2, penalty_decision: 1 },
  casesFiled: 2,
  fineYuan: 498_180,
  suspended: 1,
  sealed: 1,
  referred: 0,
  interviews: 0,
};

const crowded: InspectionFigures = {
  ...none,
  inspections: 1, // I5 (I4 is after the period)
  personTimes: 1,
  enterprisesInspected: 1,
  hazardsFound: 1,
  rectificationRate: 0, // closed after the report moment, deadline not yet passed
  referred: 1,
  interviews: 1,
};

const september = { from: "2026-09-01", to: "2026-09-30" };
const report = (over: { filters?: { area: string | null; industry: string | null }; now?: string } = {}) =>
  computeInspectionReport({
    period: september,
    filters: over.filters ?? { area: null, industry: null },
    areas,
    enterprises,
    inspections,
    kindOrder: ["daily", "special", "holiday", "supervision", "covert", "expert", "enforcement"],
    now: at(over.now ?? "2026-10-15T00:00:00Z"),
  });

describe("inspection figures, worked out by hand", () => {
  it("counts the period's inspections in totals, by industry, area, area roll-up and kind", () => {
    const r = report();
    expect(r.asOf).toBe("2026-09-30T15:59:59.999Z");
    expect(r.totals).toEqual({
      inspections: 4,
      personTimes: 10,
      leaderPersonTimes: 1,
      expertPersonTimes: 3,
      enterprisesInspected: 3,
      hazardsFound: 5,
      major: 1,
      rectified: 2,
      rectifiedOnSpot: 1,
      rectificationRate: 0.4,
      overdue: 2,
      documentsIssued: 3,
      documentsByType: { rectification_order: 2, penalty_decision: 1 },
      casesFiled: 2,
      fineYuan: 498_180,
      suspended: 1,
      sealed: 1,
      referred: 1,
      interviews: 1,
    });
    expect(r.byIndustry).toEqual({ hazardous_chemicals: chemicals, crowded_places: crowded });
    expect(r.byArea).toEqual({
      p1: { name: "化工园区", ...chemicals },
      s2: { name: "城南街道", ...crowded },
    });
    expect(r.byAreaRollup).toEqual({ d1: { name: "示范区", ...r.totals } });
    expect(Object.keys(r.byKind)).toEqual(["daily", "supervision", "covert", "enforcement"]);
    expect(r.byKind.supervision).toEqual({
      ...none,
      inspections: 1,
      personTimes: 4,
      leaderPersonTimes: 1,
      expertPersonTimes: 2,
      enterprisesInspected: 1,
      hazardsFound: 2,
      major: 1,
      rectified: 1,
      rectifiedOnSpot: 1,
      rectificationRate: 0.5,
      overdue: 1,
      documentsIssued: 1,
      documentsByType: { rectification_order: 1 },
      casesFiled: 1,
      fineYuan: 25_000,
    });
    expect(r.byKind.covert).toEqual(crowded);
  });

  it("applies the report's filters: an industry, or an area with everything below it", () => {
    const byIndustry = report({ filters: { area: null, industry: "crowded_places" } });
    expect(byIndustry.totals).toEqual(crowded);
    expect(Object.keys(byIndustry.byKind)).toEqual(["covert"]);
    const byArea = report({ filters: { area: "p1", industry: null } });
    expect(byArea.totals).toEqual(chemicals);
    expect(byArea.byAreaRollup).toEqual({});
    expect(report({ filters: { area: "d1", industry: null } }).totals).toEqual(report().totals);
  });

  it("reads closures at the report moment: before the period ends, now", () => {
    const early = report({ now: "2026-09-15T00:00:00Z" });
    expect(early.asOf).toBe("2026-09-15T00:00:00.000Z");
    // I2's finding is passed on 9/20, after this moment; I1's major is not overdue yet (9/17).
    expect(early.byKind.daily).toMatchObject({
      hazardsFound: 1,
      rectified: 0,
      rectificationRate: 0,
      overdue: 0,
    });
    expect(early.byKind.supervision).toMatchObject({ rectified: 1, rectifiedOnSpot: 1, overdue: 0 });
  });

  it("gives empty figures (and no rate) for a period without inspections", () => {
    const r = computeInspectionReport({
      period: { from: "2026-01-01", to: "2026-01-31" },
      filters: { area: null, industry: null },
      areas,
      enterprises,
      inspections,
      now: at("2026-10-15T00:00:00Z"),
    });
    expect(r.totals).toEqual(none);
    expect(r).toMatchObject({ byIndustry: {}, byArea: {}, byAreaRollup: {}, byKind: {} });
  });
});
