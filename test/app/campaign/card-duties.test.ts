import { describe, expect, it } from "vitest";
import { planFor } from "../../../src/app/campaign/manage-campaigns.ts";
import { compareDates } from "../../../src/domain/calendar/local-date.ts";
import { shippedCampaigns } from "./campaign-harness.ts";

const content = shippedCampaigns();

/** Every card of every shipped template in 2026 and 2027, with the duties it shows and when. */
const cards = [2026, 2027].flatMap((year) =>
  planFor(content, year).plans.flatMap((plan) => {
    const template = content.templates.find((t) => t.id === plan.templateId);
    if (!template) throw new Error(`no template ${plan.templateId}`);
    return plan.cards.map((card) => {
      const spec = template.leaders.cards.find((c) => c.id === card.id);
      return {
        name: `${plan.key}:${card.id} (${card.label}, ${card.on})`,
        on: card.on,
        plan,
        own: spec?.duties !== undefined,
        duties: (spec?.duties ?? template.leaders.duties).join("\n"),
      };
    });
  }),
);

/** Duties that only make sense before the self-check deadline or before the holiday begins. */
const BEFORE_DEADLINE =
  /节前完成|完成节前|完成汛前|汛前自查|完成自查|自查完成率|复工前开展|逐家督促|上门督促/;
const BEFORE_HOLIDAY = /节前/;

describe("each leader card's duties fit its moment", () => {
  it("covers the cards of every template", () => {
    expect(cards.length).toBeGreaterThan(30);
  });

  it("no card after the self-check deadline asks for the self-check to be completed", () => {
    const wrong = cards
      .filter((c) => c.plan.selfCheck && compareDates(c.on, c.plan.deadlineOn) > 0)
      .filter((c) => BEFORE_DEADLINE.test(c.duties))
      .map((c) => c.name);
    expect(wrong).toEqual([]);
  });

  it("no card on or after the first day off of a holiday speaks of 节前", () => {
    const wrong = cards
      .filter((c) => compareDates(c.on, c.plan.startsOn) >= 0 && BEFORE_HOLIDAY.test(c.duties))
      .map((c) => c.name);
    expect(wrong).toEqual([]);
  });

  it("every card after the deadline has duties of its own (假期首日, 节后总结, 汛期总结 …)", () => {
    const shared = cards
      .filter((c) => compareDates(c.on, c.plan.deadlineOn) > 0 && !c.own)
      .map((c) => c.name);
    expect(shared).toEqual([]);
  });
});
