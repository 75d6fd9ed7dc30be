/** The scripted 2026 National Day window shared by the window, restart and catch-up tests. */
import { acknowledgeCard } from "../../../src/app/campaign/acknowledge-card.ts";
import type { TestApp } from "../../support/test-app.ts";
import { PEOPLE, sh, submitFor } from "./campaign-harness.ts";

export const KEY = "2026-national_day";

/** Expected timelines for the scripted window (times are when the one-minute tick after the slot ran). */
export const EXPECTED: Record<string, string[]> = {
  // Class A, submits on 09-21 at 10:00: twice a day until then.
  [PEOPLE.chemA1]: [
    "09-18 09:08 opened",
    "09-18 15:38 chase",
    "09-20 09:08 chase",
    "09-20 15:38 chase",
    "09-21 09:08 chase",
  ],
  // Class A, never submits: twice every work day (09-20 is a make-up Sunday), a last call on the deadline.
  [PEOPLE.chemA3]: [
    "09-18 09:08 opened",
    "09-18 15:38 chase",
    "09-20 09:08 chase",
    "09-20 15:38 chase",
    "09-21 09:08 chase",
    "09-21 15:38 chase",
    "09-22 09:08 chase",
    "09-22 15:38 chase",
    "09-23 09:08 chase",
    "09-23 15:38 chase",
    "09-24 09:08 deadline",
    "09-24 15:38 deadline",
  ],
  // Class B, submits on 09-22 at 12:00: every work day in the morning.
  [PEOPLE.tradeB]: ["09-18 09:08 opened", "09-20 09:08 chase", "09-21 09:08 chase", "09-22 09:08 chase"],
  // Classes C and D, never submit: every second work day, the deadline day twice.
  [PEOPLE.crowdedC]: [
    "09-18 09:08 opened",
    "09-21 09:08 chase",
    "09-23 09:08 chase",
    "09-24 09:08 deadline",
    "09-24 15:08 deadline",
  ],
  [PEOPLE.smallD]: [
    "09-18 09:08 opened",
    "09-21 09:08 chase",
    "09-23 09:08 chase",
    "09-24 09:08 deadline",
    "09-24 15:08 deadline",
  ],
  // Never acknowledges: every card and two follow-ups of each (follow-ups stop when the next card is due).
  [PEOPLE.leaderDistrict]: [
    "09-18 09:18 card 2026-national_day:opening",
    "09-20 10:18 follow-up 2026-national_day:opening",
    "09-21 10:18 follow-up 2026-national_day:opening",
    "09-24 16:18 card 2026-national_day:deadline",
    "09-25 09:18 card 2026-national_day:holiday",
    "09-28 10:18 follow-up 2026-national_day:holiday",
    "09-29 10:18 follow-up 2026-national_day:holiday",
    "10-08 09:48 card 2026-national_day:after",
    "10-09 10:18 follow-up 2026-national_day:after",
    "10-10 10:18 follow-up 2026-national_day:after",
  ],
  // Acknowledges the opening card at once, nothing else.
  [PEOPLE.leaderPark]: [
    "09-18 09:18 card 2026-national_day:opening",
    "09-24 16:18 card 2026-national_day:deadline",
    "09-25 09:18 card 2026-national_day:holiday",
    "09-28 10:18 follow-up 2026-national_day:holiday",
    "09-29 10:18 follow-up 2026-national_day:holiday",
    "10-08 09:48 card 2026-national_day:after",
    "10-09 10:18 follow-up 2026-national_day:after",
    "10-10 10:18 follow-up 2026-national_day:after",
  ],
  [PEOPLE.admin]: [],
};

/** A major hazard still open and overdue, and a general one closed, in 华宁 (park p1). */
async function addHazards(app: TestApp): Promise<void> {
  const db = app.db;
  const enterprise = await db.enterprise.findFirstOrThrow({ where: { name: "华宁精细化工有限公司" } });
  const common = {
    enterpriseId: enterprise.id,
    source: "self_check",
    category: "安全管理",
    foundAt: app.clock.now(),
  };
  await db.ticket.create({
    data: {
      ...common,
      number: "YH-2026-900001",
      hazardKey: "test.tank-farm",
      title: "罐区可燃气体报警器失效",
      grade: "major",
      status: "open",
      deadline: sh("2026-09-23", "18:00"),
    },
  });
  await db.ticket.create({
    data: {
      ...common,
      number: "YH-2026-900002",
      hazardKey: "test.exit",
      title: "安全出口堵塞",
      grade: "general",
      status: "closed",
      deadline: sh("2026-09-28", "18:00"),
    },
  });
}

/** The scripted window: campaign created ahead, submissions, one acknowledgement, hazards found. */
export function scenarioHooks(app: () => TestApp) {
  return [
    {
      at: sh("2026-09-18", "10:00"),
      run: async () => {
        const a = app();
        const leader = await a.db.person.findUniqueOrThrow({ where: { phone: PEOPLE.leaderPark } });
        await a.deps.uow.run((s) => acknowledgeCard(s, a.deps, leader.id, `${KEY}:opening`));
      },
    },
    {
      at: sh("2026-09-21", "10:00"),
      run: async () => {
        await submitFor(app(), PEOPLE.chemA1, KEY);
        await submitFor(app(), PEOPLE.chemA2, KEY);
        await addHazards(app());
      },
    },
    { at: sh("2026-09-22", "12:00"), run: () => submitFor(app(), PEOPLE.tradeB, KEY) },
  ];
}

export const WINDOW = { from: sh("2026-09-10", "08:00"), to: sh("2026-10-12", "08:00") };
