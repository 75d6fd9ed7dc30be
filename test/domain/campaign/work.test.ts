import { describe, expect, it } from "vitest";
import { type CardWork, campaignWork, endOfDay } from "../../../src/domain/campaign/work.ts";
import { shippedCampaigns } from "../../app/campaign/campaign-harness.ts";

const content = shippedCampaigns();
const template = (id: string) => {
  const t = content.templates.find((x) => x.id === id);
  if (!t) throw new Error(`no template ${id}`);
  return t;
};
const national = {
  key: "2026-national_day",
  opensOn: "2026-09-18",
  deadlineOn: "2026-09-24",
  startsOn: "2026-09-25",
  endsOn: "2026-10-07",
  closesOn: "2026-10-10",
};

describe("the work of a campaign", () => {
  it("has deterministic keys, the same on every call", () => {
    const a = campaignWork(national, template("national_day"), content.isWorkday);
    const b = campaignWork(national, template("national_day"), content.isWorkday);
    expect(a.map((w) => w.key)).toEqual(b.map((w) => w.key));
    expect(new Set(a.map((w) => w.key)).size).toBe(a.length);
    expect(a[0]?.key).toBe("campaign:2026-national_day:reminder:A:2026-09-18T09:07");
    expect(a.every((w) => w.key.startsWith("campaign:2026-national_day:"))).toBe(true);
  });

  it("expires reminders at the end of the deadline day, and follow-ups of a card when the next card is due", () => {
    const work = campaignWork(national, template("national_day"), content.isWorkday);
    expect(
      work
        .filter((w) => w.kind === "reminder")
        .every((w) => w.expiresAt.getTime() === endOfDay("2026-09-24").getTime()),
    ).toBe(true);
    const cards = work.filter((w): w is CardWork => w.kind === "card");
    expect(cards.map((c) => `${c.cardId}:${c.round} ${c.day} ${c.time}`)).toEqual([
      "opening:0 2026-09-18 09:17",
      "opening:1 2026-09-20 10:17",
      "opening:2 2026-09-21 10:17",
      // The deadline card's follow-ups would fall after the holiday card: none.
      "deadline:0 2026-09-24 16:17",
      "holiday:0 2026-09-25 09:17",
      "holiday:1 2026-09-28 10:17",
      "holiday:2 2026-09-29 10:17",
      "after:0 2026-10-08 09:47",
      "after:1 2026-10-09 10:17",
      "after:2 2026-10-10 10:17",
    ]);
    expect(cards.every((c) => c.series === "leader")).toBe(true);
  });

  it("reminds on weekends too when the template says so", () => {
    const t = template("national_day");
    const everyDay = { ...t, reminders: t.reminders && { ...t.reminders, workdaysOnly: false } };
    const days = new Set(
      campaignWork(national, everyDay, content.isWorkday)
        .filter((w) => w.kind === "reminder" && w.variant === "A")
        .map((w) => w.day),
    );
    expect([...days]).toEqual([
      "2026-09-18",
      "2026-09-19",
      "2026-09-20",
      "2026-09-21",
      "2026-09-22",
      "2026-09-23",
      "2026-09-24",
    ]);
  });

  it("has no reminders for a cards-only campaign", () => {
    const lianghui = {
      key: "2026-lianghui",
      opensOn: "2026-03-02",
      deadlineOn: "2026-03-02",
      startsOn: "2026-03-03",
      endsOn: "2026-03-15",
      closesOn: "2026-03-17",
    };
    const work = campaignWork(lianghui, template("lianghui"), content.isWorkday);
    expect(work.every((w) => w.kind === "card")).toBe(true);
    expect(work.map((w) => w.key)).toEqual([
      "campaign:2026-lianghui:card:opening:0",
      "campaign:2026-lianghui:card:opening:1",
      "campaign:2026-lianghui:card:after:0",
      "campaign:2026-lianghui:card:after:1",
    ]);
  });
});
