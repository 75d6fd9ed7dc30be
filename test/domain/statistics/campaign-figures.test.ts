import { describe, expect, it } from "vitest";
import {
  type CampaignInput,
  type CardRow,
  campaignDaysWithin,
  cardFigures,
} from "../../../src/domain/statistics/campaign-figures.ts";
import { computeReport, type ReportInput } from "../../../src/domain/statistics/compute-report.ts";
import { reportRun, reportTicket, type TicketRow } from "../../../src/domain/statistics/report-figures.ts";

const at = (wall: string): Date => new Date(`${wall.replace(" ", "T")}:00+08:00`);

const campaign = (more: Partial<CampaignInput> = {}): CampaignInput => ({
  id: "c1",
  key: "2026-spring_festival",
  name: "2026年春节",
  status: "closed",
  opensOn: "2026-02-01",
  deadlineOn: "2026-02-10",
  endsOn: "2026-02-23",
  closesOn: "2026-02-25",
  selfCheck: true,
  target: {},
  ...more,
});

describe("a campaign's days within a period", () => {
  it("runs from the opening to the closing day (or the end of the holiday), clipped to the period", () => {
    const c = campaign();
    expect(campaignDaysWithin(c, { from: "2026-02-01", to: "2026-02-28" })).toEqual({
      from: "2026-02-01",
      to: "2026-02-25",
    });
    expect(campaignDaysWithin(c, { from: "2026-02-10", to: "2026-02-12" })).toEqual({
      from: "2026-02-10",
      to: "2026-02-12",
    });
    expect(campaignDaysWithin({ ...c, closesOn: null }, { from: "2026-02-24", to: "2026-03-31" })).toBeNull();
    expect(campaignDaysWithin(c, { from: "2026-02-25", to: "2026-03-31" })).toEqual({
      from: "2026-02-25",
      to: "2026-02-25",
    });
    expect(campaignDaysWithin(c, { from: "2026-01-01", to: "2026-01-31" })).toBeNull();
  });
});

describe("提示卡 figures", () => {
  const card = (
    personId: string,
    sent: string,
    sends: number,
    acknowledged: string | null,
    areaIds = ["d1"],
  ) =>
    ({
      campaignId: "c1",
      personId,
      firstSentAt: at(sent),
      sends,
      acknowledgedAt: acknowledged === null ? null : at(acknowledged),
      areaIds,
    }) satisfies CardRow;
  const cards = [
    card("L1", "2026-02-01 09:17", 1, "2026-02-01 10:00"),
    card("L1", "2026-02-10 09:17", 3, "2026-02-12 10:00"),
    card("L2", "2026-02-01 09:17", 2, null, ["s1", "s2"]),
    card("L3", "2026-02-20 09:17", 1, null, ["p1"]),
  ];

  it("counts cards (次) and leaders (位) sent and acknowledged by the moment, with every send", () => {
    expect(cardFigures(cards, at("2026-02-28 00:00"), null)).toEqual({
      sent: 4,
      sends: 7,
      acknowledged: 2,
      leaders: 3,
      leadersAcknowledged: 1,
    });
    // On 02-11 L3's card is not sent yet and L1's second card not acknowledged yet.
    expect(cardFigures(cards, at("2026-02-11 00:00"), null)).toEqual({
      sent: 3,
      sends: 6,
      acknowledged: 1,
      leaders: 2,
      leadersAcknowledged: 1,
    });
  });

  it("keeps leaders with an area among the given ones", () => {
    expect(cardFigures(cards, at("2026-02-28 00:00"), new Set(["s2", "p1"]))).toEqual({
      sent: 2,
      sends: 3,
      acknowledged: 0,
      leaders: 2,
      leadersAcknowledged: 0,
    });
  });
});

describe("campaigns in computeReport", () => {
  const areas = [
    { id: "d1", name: "一区", parentId: null },
    { id: "s1", name: "东街道", parentId: "d1" },
    { id: "p1", name: "化工园区", parentId: "d1" },
  ];
  const enterprises = [
    { id: "e1", name: "甲化工", industry: "hazardous_chemicals", areaId: "p1", supervisionClass: "A" },
    { id: "e2", name: "乙化工", industry: "hazardous_chemicals", areaId: "p1", supervisionClass: "B" },
    { id: "e3", name: "丙饭店", industry: "small_venues", areaId: "s1", supervisionClass: "A" },
    { id: "e4", name: "丁饭店", industry: "small_venues", areaId: "s1", supervisionClass: null },
  ];
  const ticket = (enterpriseId: string, found: string, more: Partial<TicketRow> = {}): TicketRow => ({
    number: `${enterpriseId}-${found}`,
    enterpriseId,
    source: "self_check",
    grade: "general",
    title: "隐患",
    foundAt: at(found),
    deadline: at("2026-03-31 23:59"),
    closedAt: null,
    events: [],
    ...more,
  });
  const input = (c: CampaignInput, more: Partial<ReportInput> = {}): ReportInput => ({
    period: { from: "2026-02-01", to: "2026-02-28" },
    filters: { area: null, industry: null },
    areas,
    enterprises,
    runs: [
      { enterpriseId: "e1", submittedAt: at("2026-02-05 10:00"), campaignId: "c1" },
      { enterpriseId: "e3", submittedAt: at("2026-02-26 10:00"), campaignId: null },
    ].map(reportRun),
    tickets: [
      ticket("e1", "2026-02-05 10:00", { grade: "major", closedAt: at("2026-02-07 10:00") }),
      ticket("e1", "2026-02-26 10:00"), // after the campaign's days
      ticket("e2", "2026-02-06 10:00", { source: "grid_report" }), // not targeted by class A
      ticket("e3", "2026-02-08 10:00", { source: "inspection", closedAt: at("2026-02-09 10:00") }),
    ].map(reportTicket),
    campaigns: [c],
    campaignRuns: [
      { campaignId: "c1", enterpriseId: "e1", submittedAt: at("2026-02-05 10:00") },
      // Submitted for the campaign, but the enterprise is not in its target any more.
      { campaignId: "c1", enterpriseId: "e2", submittedAt: at("2026-02-06 10:00") },
      { campaignId: "c2", enterpriseId: "e3", submittedAt: at("2026-02-06 10:00") },
    ],
    cards: [],
    now: at("2026-03-10 09:00"),
    ...more,
  });

  it("counts 应查 by the target (classes, industries, areas below a target area) and 已查 among them", () => {
    const [byClass] = computeReport(input(campaign({ target: { classes: ["A"] } }))).campaigns;
    expect(byClass).toMatchObject({
      from: "2026-02-01",
      to: "2026-02-25",
      enterprisesTargeted: 2, // e1, e3
      enterprisesSubmitted: 1, // e1; e2 is not targeted, e3 submitted for another campaign
      completionRate: 0.5,
      enterprisesChecked: 2, // e1's run on 02-05, e3 inspected on 02-08
      hazardsFound: 2, // e1 02-05, e3 02-08
      major: 1,
      majorRectified: 1,
      majorRectificationRate: 1,
      unrectified: 0,
      bySource: {
        self_check: { found: 1, rectified: 1, rectificationRate: 1 },
        grid_report: { found: 0, rectified: 0, rectificationRate: null },
        inspection: { found: 1, rectified: 1, rectificationRate: 1 },
      },
    });
    const [byArea] = computeReport(
      input(campaign({ target: { areas: ["d1"], industries: ["small_venues"] } })),
    ).campaigns;
    expect(byArea).toMatchObject({ enterprisesTargeted: 2, enterprisesSubmitted: 0, completionRate: 0 });
  });

  it("has no 完成率 for a campaign without a self-check, and none for one that targets nobody", () => {
    const [cardsOnly] = computeReport(input(campaign({ selfCheck: false }))).campaigns;
    expect(cardsOnly).toMatchObject({
      enterprisesTargeted: 4,
      enterprisesSubmitted: 0,
      completionRate: null,
    });
    const [nobody] = computeReport(input(campaign({ target: { industries: ["construction"] } }))).campaigns;
    expect(nobody).toMatchObject({ enterprisesTargeted: 0, completionRate: null, hazardsFound: 0 });
  });

  it("leaves out campaigns whose days do not meet the period, and orders the rest by opening day", () => {
    const r = computeReport(
      input(campaign(), {
        campaigns: [
          campaign({ id: "c3", key: "b", opensOn: "2026-02-20" }),
          campaign({
            id: "c2",
            key: "a",
            opensOn: "2026-03-01",
            closesOn: "2026-03-05",
            endsOn: "2026-03-05",
          }),
          campaign({ id: "c1", key: "c", opensOn: "2026-01-10", closesOn: "2026-02-01" }),
        ],
      }),
    );
    expect(r.campaigns.map((c) => [c.key, c.from, c.to])).toEqual([
      ["c", "2026-02-01", "2026-02-01"],
      ["b", "2026-02-20", "2026-02-25"],
    ]);
  });
});
