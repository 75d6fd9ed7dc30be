import { afterEach, describe, expect, it } from "vitest";
import { Scheduler } from "../../src/scheduler/scheduler.ts";
import { runSweeps } from "../../src/scheduler/sweeps.ts";
import { shippedCampaigns } from "../app/campaign/campaign-harness.ts";
import { createTestApp, type TestApp } from "../support/test-app.ts";

const content = shippedCampaigns();

describe("the scheduler", () => {
  let app: TestApp;
  afterEach(async () => app.close());

  it("sweeps once at start, before the first cron tick, and stops cleanly", async () => {
    app = await createTestApp({ at: "2026-09-18T09:20:00+08:00" });
    const scheduler = new Scheduler(app.deps, content);
    await scheduler.start();
    await scheduler.stop();
    // The 09:07 reminders and the 09:17 cards, caught up at start.
    expect(await app.db.outboxMessage.count()).toBe(32);
    expect(await app.db.campaign.findUniqueOrThrow({ where: { key: "2026-national_day" } })).toMatchObject({
      status: "open",
    });
  });

  it("never runs two rounds at once: a tick during a round waits for it", async () => {
    app = await createTestApp({ at: "2026-09-18T09:20:00+08:00" });
    const scheduler = new Scheduler(app.deps, content);
    const [a, b] = await Promise.all([scheduler.tick(), scheduler.tick()]);
    expect(a).toBe(b);
    expect(await app.db.outboxMessage.count()).toBe(32);
  });

  it("logs a failing sweep and still runs the others", async () => {
    app = await createTestApp({ at: "2026-09-18T09:08:00+08:00" });
    await runSweeps(app.deps, content, app.clock.now());
    const broken = {
      ...content,
      planCalendar: () => {
        throw new Error("prompts/calendar/holidays-2027.yaml: holidays[0].end: not a date");
      },
    };
    const report = await runSweeps(app.deps, broken, new Date("2026-09-18T01:18:00Z"));
    expect(report.errors).toEqual(["campaigns"]);
    expect(report.work.outcomes.map((o) => o.key)).toEqual(["campaign:2026-national_day:card:opening:0"]);
  });
});
