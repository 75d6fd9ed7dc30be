import { afterEach, describe, expect, it } from "vitest";
import { Scheduler } from "../../../src/scheduler/scheduler.ts";
import { createTestApp, type TestApp } from "../../support/test-app.ts";
import { Inbox, local, PEOPLE, runThrough, sh, shippedCampaigns, tickTimes } from "./campaign-harness.ts";
import { KEY } from "./campaign-scenario.ts";

const content = shippedCampaigns();

async function skipped(app: TestApp): Promise<string[]> {
  const rows = await app.db.scheduledWork.findMany({
    where: { outcome: "skipped", key: { startsWith: `campaign:${KEY}:` } },
    orderBy: [{ dueAt: "asc" }, { key: "asc" }],
  });
  return rows.map((w) => `${w.key.slice(`campaign:${KEY}:`.length)} ${w.note}`);
}

describe("catch-up after downtime", () => {
  let app: TestApp;
  afterEach(async () => app.close());

  it("at start sends the latest missed reminder of each series, skips the older ones and stale cards, and logs them", async () => {
    app = await createTestApp({ at: "2026-09-17T08:00:00+08:00" });
    const inbox = new Inbox(app);
    // Up until 09-18 08:00, then down until 09-21 09:30.
    await runThrough(
      () => app,
      inbox,
      content,
      tickTimes(content, 2026, sh("2026-09-17", "08:00"), sh("2026-09-18", "08:00")),
    );
    expect(inbox.received).toEqual([]);
    app = await app.reopen();
    inbox.attach(app);
    app.clock.set(sh("2026-09-21", "09:30"));
    const scheduler = new Scheduler(app.deps, content);
    await scheduler.start();
    await scheduler.stop();
    await inbox.deliver();

    // One reminder per enterprise, the 09:07 one, sent 23 minutes late; nothing for leaders yet.
    expect(inbox.received).toHaveLength(30);
    expect(inbox.timeline(PEOPLE.chemA1)).toEqual(["09-21 09:30 chase"]);
    expect(inbox.timeline(PEOPLE.smallD)).toEqual(["09-21 09:30 chase"]);
    expect(await skipped(app)).toEqual([
      "reminder:A:2026-09-18T09:07 superseded",
      "reminder:B:2026-09-18T09:07 superseded",
      "reminder:default:2026-09-18T09:07 superseded",
      "card:opening:0 superseded",
      "reminder:A:2026-09-18T15:37 superseded",
      "reminder:A:2026-09-20T09:07 superseded",
      "reminder:B:2026-09-20T09:07 superseded",
      "card:opening:1 stale",
      "reminder:A:2026-09-20T15:37 superseded",
    ]);

    // The next follow-up brings leaders the card they never got (as the card, not as a reminder of it).
    await runThrough(
      () => app,
      inbox,
      content,
      tickTimes(content, 2026, sh("2026-09-21", "09:31"), sh("2026-09-21", "12:00")),
    );
    expect(inbox.timeline(PEOPLE.leaderDistrict)).toEqual(["09-21 10:18 card 2026-national_day:opening"]);
    expect(inbox.to(PEOPLE.leaderDistrict)[0]?.text).toContain("启动部署：请查阅");
  });

  it("holds late work during quiet hours and skips what is too late by the morning", async () => {
    app = await createTestApp({ at: "2026-09-24T12:00:00+08:00" });
    const inbox = new Inbox(app);
    await runThrough(() => app, inbox, content, [sh("2026-09-24", "12:00")]);
    const morning = inbox.received.length;
    expect(inbox.timeline(PEOPLE.smallD)).toEqual(["09-24 12:00 deadline"]);

    // Back at 23:00: the 15:07/15:37 last calls and the 16:17 deadline card are late but not yet useless.
    await runThrough(() => app, inbox, content, [sh("2026-09-24", "23:00")]);
    expect(inbox.received).toHaveLength(morning);
    // At 07:30 the deadline day is over and the card is more than 12 hours late.
    const [dawn] = await runThrough(() => app, inbox, content, [sh("2026-09-25", "07:30")]);
    expect(inbox.received).toHaveLength(morning);
    expect(dawn?.work.outcomes.map((o) => `${local(o.dueAt)} ${o.kind} ${o.reason}`).sort()).toEqual([
      "2026-09-24 15:07 reminder too_late",
      "2026-09-24 15:07 reminder too_late",
      "2026-09-24 15:37 reminder too_late",
      "2026-09-24 16:17 card stale",
    ]);
    // The holiday card goes out on time.
    await runThrough(() => app, inbox, content, [sh("2026-09-25", "09:18")]);
    expect(inbox.timeline(PEOPLE.leaderPark)).toEqual(["09-25 09:18 card 2026-national_day:holiday"]);
  });
});
