import { describe, expect, it } from "vitest";
import { EARLY_OPEN_DAYS } from "../../src/seed/history-current-campaign.ts";
import { seedDemoIfEmpty } from "../../src/seed/seed-demo.ts";
import { createTestApp, type TestApp } from "../support/test-app.ts";

/** The open self-check campaigns of a seeded park, each with the enterprises still to submit. */
async function toChase(app: TestApp): Promise<{ key: string; opensOn: string; pending: string[] }[]> {
  return app.deps.uow.read(async (s) => {
    const out = [];
    for (const c of await s.campaigns.open()) {
      if (!c.selfCheck) continue;
      const submitted = await s.campaigns.submittedEnterprises(c.id);
      const pending = (await s.campaigns.targeted(c.target)).filter((e) => !submitted.has(e.id));
      out.push({ key: c.key, opensOn: c.opensOn, pending: pending.map((e) => e.name).sort() });
    }
    return out;
  });
}

async function seededOn(at: string): Promise<TestApp> {
  const app = await createTestApp({ seed: false, at });
  await seedDemoIfEmpty(app.deps, { history: true });
  return app;
}

describe("the demo park always has a self-check to chase on the day it starts", () => {
  // Days the calendar has no self-check of its own open (between two campaigns, or in a season whose
  // deadline fell before the history began): the next one is opened a few days early.
  for (const [day, key] of [
    ["2026-09-10", "2026-national_day"],
    ["2026-10-15", "2026-winter_fire"],
    ["2027-05-15", "2027-flood_season"],
  ] as const)
    it(`opens ${key} early on ${day}, with some submitted and some still to submit`, async () => {
      const app = await seededOn(`${day}T10:00:00+08:00`);
      const open = await toChase(app);
      const early = open.find((c) => c.key === key);
      expect(early?.opensOn).toBe(
        new Date(Date.parse(`${day}T00:00:00Z`) - EARLY_OPEN_DAYS * 86_400_000).toISOString().slice(0, 10),
      );
      expect(early?.pending.length).toBeGreaterThan(0);
      const runs = await app.db.selfCheckRun.count({ where: { campaign: { key } } });
      expect(runs).toBeGreaterThan(0);
      // Nothing the early campaign's history put in the outbox is left to send.
      expect(await app.db.outboxMessage.count({ where: { status: { not: "sent" } } })).toBe(0);
      await app.close();
    }, 60_000);

  it("keeps the season's campaign when it has enterprises to chase (2026-11-29: winter fire safety)", async () => {
    const app = await seededOn("2026-11-29T20:00:00+08:00");
    const open = await toChase(app);
    expect(open.map((c) => c.key)).toEqual(["2026-winter_fire"]);
    expect(open[0]?.pending.length).toBeGreaterThan(0);
    // The same day gives the same campaign and the same enterprises to chase.
    const again = await seededOn("2026-11-29T20:00:00+08:00");
    expect(await toChase(again)).toEqual(open);
    await again.close();
    await app.close();
  }, 90_000);
});
