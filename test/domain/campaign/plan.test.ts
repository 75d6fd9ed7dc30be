import { describe, expect, it } from "vitest";
import { planYear } from "../../../src/domain/campaign/plan.ts";
import { campaignWork, type ReminderWork } from "../../../src/domain/campaign/work.ts";
import { shippedCampaigns } from "../../app/campaign/campaign-harness.ts";

const content = shippedCampaigns();
const plans = (year: number) => planYear(year, content.templates, content.planCalendar(year));
const plan = (year: number, id: string) => plans(year).plans.find((p) => p.templateId === id);

describe("campaign plans", () => {
  it("plans the 2026 Spring Festival campaign around the official holiday and its make-up Saturday", () => {
    expect(plan(2026, "spring_festival")).toMatchObject({
      key: "2026-spring_festival",
      name: "2026年春节节前安全自查",
      anchorName: "春节",
      startsOn: "2026-02-15",
      endsOn: "2026-02-23",
      // 10 calendar days before the first day off.
      opensOn: "2026-02-05",
      // The last work day before the holiday is Saturday 02-14, a make-up work day.
      deadlineOn: "2026-02-14",
      closesOn: "2026-02-26",
      provisional: false,
      selfCheck: true,
      target: {},
      cards: [
        { id: "opening", on: "2026-02-05", at: "09:17" },
        { id: "deadline", on: "2026-02-14", at: "16:17" },
        { id: "holiday", on: "2026-02-15", at: "09:17" },
        { id: "after", on: "2026-02-24", at: "09:47" },
      ].map((c) => expect.objectContaining(c)),
    });
  });

  it("reminds on work days only, harder for higher-risk classes, and on the deadline day always", () => {
    const p = plan(2026, "spring_festival");
    const template = content.templates.find((t) => t.id === "spring_festival");
    if (!p || !template) throw new Error("no spring festival plan");
    const reminders = campaignWork(p, template, content.isWorkday).filter(
      (w): w is ReminderWork => w.kind === "reminder",
    );
    const slots = (variant: string) =>
      reminders.filter((w) => w.variant === variant).map((w) => `${w.day.slice(5)} ${w.time} ${w.stage}`);
    expect(slots("default")).toEqual([
      "02-05 09:07 opened",
      "02-09 09:07 chase",
      "02-11 09:07 chase",
      "02-13 09:07 chase",
      "02-14 09:07 deadline",
      "02-14 15:07 deadline",
    ]);
    // No reminder on the weekend of 02-07/08; the make-up Saturday 02-14 is a work day.
    expect(slots("A").map((s) => s.slice(0, 5))).toEqual(
      ["02-05", "02-06", "02-09", "02-10", "02-11", "02-12", "02-13", "02-14"].flatMap((d) => [d, d]),
    );
    expect(slots("B")).toHaveLength(9);
    expect(new Set(reminders.map((w) => w.key)).size).toBe(reminders.length);
  });

  it("folds 中秋 into 国庆 when they are less than a week apart (2026), and plans no 中秋 campaign", () => {
    expect(plan(2026, "mid_autumn")).toBeUndefined();
    expect(plan(2026, "national_day")).toMatchObject({
      name: "2026年中秋节、国庆节节前安全自查",
      anchorName: "中秋节、国庆节",
      startsOn: "2026-09-25",
      endsOn: "2026-10-07",
      opensOn: "2026-09-18",
      deadlineOn: "2026-09-24",
      closesOn: "2026-10-10",
    });
  });

  it("plans one 国庆节、中秋节 campaign when the official holiday is one range (2025)", () => {
    expect(plan(2025, "mid_autumn")).toBeUndefined();
    expect(plan(2025, "national_day")).toMatchObject({
      anchorName: "国庆节、中秋节",
      startsOn: "2025-10-01",
      endsOn: "2025-10-08",
      opensOn: "2025-09-24",
      deadlineOn: "2025-09-30",
    });
  });

  it("marks campaigns of a year without an official schedule provisional (2027), periods from fixed dates not", () => {
    const y2027 = plans(2027);
    expect(y2027.problems).toEqual([]);
    expect(plan(2027, "spring_festival")?.provisional).toBe(true);
    expect(plan(2027, "resumption")?.provisional).toBe(true);
    expect(plan(2027, "safety_month")?.provisional).toBe(false);
    // 2027: 中秋 (Wed 09-15, a computed 3-day break from Mon 09-13) is more than a week before 国庆:
    // two campaigns.
    expect(plan(2027, "mid_autumn")?.startsOn).toBe("2027-09-13");
  });

  it("plans supervision periods: 节后复工复产 for the targeted industries, cards-only 两会 and 安全生产月", () => {
    expect(plan(2026, "resumption")).toMatchObject({
      startsOn: "2026-02-24",
      endsOn: "2026-03-10",
      opensOn: "2026-02-24",
      deadlineOn: "2026-03-02",
      target: { industries: ["hazardous_chemicals", "industry_trade", "construction", "urban_gas"] },
    });
    expect(plan(2026, "lianghui")).toMatchObject({ selfCheck: false, opensOn: "2026-03-02" });
    expect(plan(2026, "safety_month")).toMatchObject({ selfCheck: false, opensOn: "2026-06-01" });
    // 冬季防火 belongs to the year it starts in and runs into the next.
    expect(plan(2026, "winter_fire")).toMatchObject({ startsOn: "2026-11-01", endsOn: "2027-03-31" });
    expect(plans(2026).plans.filter((p) => p.templateId === "winter_fire")).toHaveLength(1);
  });

  it("moves an opening card that falls on a weekend to the next work day", () => {
    // 清明 2026: opens Saturday 03-28; the first card and the first reminder go out on Monday 03-30.
    expect(plan(2026, "qingming")?.opensOn).toBe("2026-03-28");
    expect(plan(2026, "qingming")?.cards[0]).toMatchObject({ id: "opening", on: "2026-03-30" });
  });

  it("reports a template whose deadline comes before its opening", () => {
    const template = content.templates.find((t) => t.id === "labour_day");
    if (!template) throw new Error("no labour_day template");
    const broken = { ...template, deadline: { from: "start" as const, days: -10 } };
    const result = planYear(2026, [broken], content.planCalendar(2026));
    expect(result.plans).toEqual([]);
    expect(result.problems).toEqual([
      {
        templateId: "labour_day",
        year: 2026,
        message: "deadline 2026-04-21 is before the opening 2026-04-24",
      },
    ]);
  });
});
