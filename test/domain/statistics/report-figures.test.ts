import { describe, expect, it } from "vitest";
import { closedAsOf, computeFigures, type TicketRow } from "../../../src/domain/statistics/report-figures.ts";
import { periodBounds, reportMoment } from "../../../src/domain/statistics/report-period.ts";

const at = (wall: string): Date => new Date(`${wall.replace(" ", "T")}:00+08:00`);
const bounds = periodBounds({ from: "2026-03-01", to: "2026-03-31" });
const endOfMarch = reportMoment(bounds, at("2026-05-01 00:00"));

let seq = 0;
function ticket(
  p: Partial<Omit<TicketRow, "foundAt" | "deadline" | "closedAt" | "events">> & {
    foundAt: string;
    deadline?: string;
    closedAt?: string;
    events?: [string, string][];
  },
): TicketRow {
  seq++;
  return {
    number: p.number ?? `YH-2026-${String(seq).padStart(6, "0")}`,
    enterpriseId: p.enterpriseId ?? "e1",
    source: p.source ?? "self_check",
    grade: p.grade ?? "general",
    title: p.title ?? "隐患",
    foundAt: at(p.foundAt),
    deadline: at(p.deadline ?? "2026-12-31 23:59"),
    closedAt: p.closedAt ? at(p.closedAt) : null,
    events: (p.events ?? []).map(([kind, when]) => ({ kind, at: at(when) })),
  };
}

describe("the period", () => {
  it("runs from 00:00 on the first day to the last instant of the last day, Asia/Shanghai", () => {
    expect(bounds.start.toISOString()).toBe("2026-02-28T16:00:00.000Z");
    expect(bounds.endExclusive.toISOString()).toBe("2026-03-31T16:00:00.000Z");
    expect(endOfMarch.toISOString()).toBe("2026-03-31T15:59:59.999Z");
    expect(reportMoment(bounds, at("2026-03-10 12:00"))).toEqual(at("2026-03-10 12:00"));
  });
});

describe("closedAsOf", () => {
  it("follows the pass and reopen events: closed from a pass until a reopen, again after the next pass", () => {
    // As the review use case leaves it: closedAt cleared by the reopen, set again by the second pass.
    const history = ticket({
      foundAt: "2026-03-01 09:00",
      closedAt: "2026-03-20 09:00",
      events: [
        ["passed", "2026-03-05 09:00"],
        ["reopened", "2026-03-10 09:00"],
        ["passed", "2026-03-20 09:00"],
      ],
    });
    expect(closedAsOf(history, at("2026-03-04 00:00"))).toBeNull();
    expect(closedAsOf(history, at("2026-03-06 00:00"))).toEqual(at("2026-03-05 09:00"));
    expect(closedAsOf(history, at("2026-03-10 09:00"))).toBeNull();
    expect(closedAsOf(history, at("2026-03-25 00:00"))).toEqual(at("2026-03-20 09:00"));
    // Reopened after the moment and not closed since: closedAt is null now, but it was closed then.
    const reopenedLater = ticket({
      foundAt: "2026-03-01 09:00",
      events: [
        ["passed", "2026-03-05 09:00"],
        ["reopened", "2026-04-02 09:00"],
      ],
    });
    expect(closedAsOf(reopenedLater, endOfMarch)).toEqual(at("2026-03-05 09:00"));
    expect(closedAsOf(reopenedLater, at("2026-04-03 00:00"))).toBeNull();
  });

  it("falls back to closedAt, undone by a later reopen, for a ticket without pass events", () => {
    const imported = ticket({ foundAt: "2026-03-01 09:00", closedAt: "2026-03-05 09:00" });
    expect(closedAsOf(imported, at("2026-03-05 08:59"))).toBeNull();
    expect(closedAsOf(imported, at("2026-03-05 09:00"))).toEqual(at("2026-03-05 09:00"));
    const reopened = ticket({
      foundAt: "2026-03-01 09:00",
      closedAt: "2026-03-05 09:00",
      events: [["reopened", "2026-03-10 09:00"]],
    });
    expect(closedAsOf(reopened, at("2026-03-06 00:00"))).toEqual(at("2026-03-05 09:00"));
    expect(closedAsOf(reopened, at("2026-03-10 09:00"))).toBeNull();
  });
});

describe("computeFigures", () => {
  it("counts one check per enterprise and Shanghai day of grid reports and inspections", () => {
    const tickets = [
      // 00:30 and 23:30 on 03-02 in Shanghai are different UTC days but the same visit.
      ticket({ enterpriseId: "e1", source: "grid_report", foundAt: "2026-03-02 00:30" }),
      ticket({ enterpriseId: "e1", source: "inspection", foundAt: "2026-03-02 23:30" }),
      // 23:30 on 03-03 and 00:30 on 03-04 are the same UTC day but two visits.
      ticket({ enterpriseId: "e1", source: "grid_report", foundAt: "2026-03-03 23:30" }),
      ticket({ enterpriseId: "e1", source: "grid_report", foundAt: "2026-03-04 00:30" }),
      ticket({ enterpriseId: "e2", source: "grid_report", foundAt: "2026-03-02 10:00" }),
      // Self-check hazards come with their run, which is what counts.
      ticket({ enterpriseId: "e3", source: "self_check", foundAt: "2026-03-02 10:00" }),
    ];
    const runs = [
      { enterpriseId: "e3", submittedAt: at("2026-03-02 10:00") },
      { enterpriseId: "e3", submittedAt: at("2026-03-20 10:00") },
      { enterpriseId: "e3", submittedAt: at("2026-04-01 00:00") },
    ];
    const f = computeFigures(runs, tickets, bounds, endOfMarch);
    expect(f).toMatchObject({ enterprisesChecked: 2 + 4, selfChecksSubmitted: 2, selfCheckEnterprises: 1 });
    expect(f.hazardsFound).toBe(6);
  });

  it("counts 家次 as distinct (enterprise, Shanghai day) pairs, self-checks included, split by kind", () => {
    const runs = [
      // Two self-checks of e1 on 03-02 (00:10 and 23:50 Shanghai) are one 家次.
      { enterpriseId: "e1", submittedAt: at("2026-03-02 00:10") },
      { enterpriseId: "e1", submittedAt: at("2026-03-02 23:50") },
      { enterpriseId: "e1", submittedAt: at("2026-03-03 00:10") },
      { enterpriseId: "e2", submittedAt: at("2026-03-02 10:00") },
    ];
    const tickets = [
      // e1 is also inspected on 03-02: one inspection day, and still one 家次 that day.
      ticket({ enterpriseId: "e1", source: "inspection", foundAt: "2026-03-02 15:00" }),
      ticket({ enterpriseId: "e1", source: "grid_report", foundAt: "2026-03-02 16:00" }),
      ticket({ enterpriseId: "e3", source: "grid_report", foundAt: "2026-03-05 09:00" }),
      // A self-check hazard is counted through its run, not as a visit.
      ticket({ enterpriseId: "e4", source: "self_check", foundAt: "2026-03-05 09:00" }),
    ];
    const f = computeFigures(runs, tickets, bounds, endOfMarch);
    expect(f).toMatchObject({
      selfCheckEnterpriseDays: 3, // e1 03-02, e1 03-03, e2 03-02
      inspectionEnterpriseDays: 2, // e1 03-02, e3 03-05
      enterprisesChecked: 4, // e1 03-02, e1 03-03, e2 03-02, e3 03-05
      selfChecksSubmitted: 4,
      selfCheckEnterprises: 2,
    });
  });

  it("rounds the rate to 4 decimals and the average to 2, and has none without hazards", () => {
    const twoOfThree = [
      ticket({ foundAt: "2026-03-01 08:00", closedAt: "2026-03-02 08:00" }), // 1 day
      ticket({ foundAt: "2026-03-01 08:00", closedAt: "2026-03-01 16:00" }), // 1/3 day
      ticket({ foundAt: "2026-03-01 08:00" }),
    ];
    const f = computeFigures([], twoOfThree, bounds, endOfMarch);
    expect(f.rectificationRate).toBe(0.6667);
    expect(f.averageDaysToRectify).toBe(0.67);
    expect(computeFigures([], [twoOfThree[2] as TicketRow], bounds, endOfMarch)).toMatchObject({
      rectificationRate: 0,
      averageDaysToRectify: null,
    });
    expect(computeFigures([], [], bounds, endOfMarch)).toMatchObject({
      hazardsFound: 0,
      rectificationRate: null,
      averageDaysToRectify: null,
    });
  });

  it("counts overdue, rectified and returned as they stood at the report moment", () => {
    const tickets = [
      ticket({ foundAt: "2026-03-01 08:00", deadline: "2026-03-10 23:59" }), // overdue
      ticket({ foundAt: "2026-03-01 08:00", deadline: "2026-03-31 23:59" }), // overdue at 23:59:59.999
      ticket({ foundAt: "2026-03-01 08:00", deadline: "2026-04-10 23:59" }), // not yet due
      ticket({ foundAt: "2026-03-01 08:00", deadline: "2026-03-10 23:59", closedAt: "2026-04-02 08:00" }), // late close
      ticket({ foundAt: "2026-03-01 08:00", deadline: "2026-03-10 23:59", closedAt: "2026-03-09 08:00" }), // on time
      ticket({
        foundAt: "2026-03-01 08:00",
        deadline: "2026-03-30 23:59",
        closedAt: "2026-03-09 08:00",
        events: [
          ["returned", "2026-03-05 08:00"],
          ["reopened", "2026-03-20 08:00"],
        ],
      }),
      ticket({ foundAt: "2026-03-01 08:00", events: [["returned", "2026-04-01 00:00"]] }),
      // Passed in March, reopened in April: rectified in March's report, 2 days after it was found.
      ticket({
        foundAt: "2026-03-01 08:00",
        deadline: "2026-03-10 23:59",
        events: [
          ["passed", "2026-03-03 08:00"],
          ["reopened", "2026-04-05 08:00"],
        ],
      }),
    ];
    expect(computeFigures([], tickets, bounds, endOfMarch)).toMatchObject({
      hazardsFound: 8,
      rectified: 2,
      overdue: 4,
      returned: 1,
      averageDaysToRectify: 5, // (8 + 2) / 2
    });
    // Read in May, after the reopen: that one is open and overdue again.
    expect(computeFigures([], tickets, bounds, at("2026-05-01 00:00"))).toMatchObject({
      rectified: 2,
      overdue: 5,
    });
    // Read on 03-12 the late close was still open and overdue; the reopened one still closed.
    expect(computeFigures([], tickets, bounds, at("2026-03-12 00:00"))).toMatchObject({
      rectified: 3,
      overdue: 2,
      returned: 1,
    });
  });

  it("splits hazards into major and general", () => {
    const tickets = [
      ticket({ foundAt: "2026-03-01 08:00", grade: "major" }),
      ticket({ foundAt: "2026-03-01 08:00", grade: "general" }),
      ticket({ foundAt: "2026-03-01 08:00", grade: "general" }),
      ticket({ foundAt: "2026-02-28 23:59", grade: "major" }),
    ];
    expect(computeFigures([], tickets, bounds, endOfMarch)).toMatchObject({
      hazardsFound: 3,
      major: 1,
      general: 2,
    });
  });
});
