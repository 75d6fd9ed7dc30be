import { afterEach, describe, expect, it } from "vitest";
import { runSweeps } from "../../../src/scheduler/sweeps.ts";
import { createTestApp, type TestApp } from "../../support/test-app.ts";
import { Inbox, runThrough, sh, shippedCampaigns, tickTimes } from "./campaign-harness.ts";
import { EXPECTED, KEY, scenarioHooks, WINDOW } from "./campaign-scenario.ts";

const content = shippedCampaigns();

describe("restarts and racing sweeps", () => {
  let app: TestApp;
  afterEach(async () => app.close());

  it("a restart in the middle of the window neither duplicates nor loses a message", async () => {
    app = await createTestApp({ at: "2026-09-10T08:00:00+08:00" });
    const inbox = new Inbox(app);
    const restart = async () => {
      app = await app.reopen();
      inbox.attach(app);
    };
    const times = tickTimes(content, 2026, WINDOW.from, WINDOW.to);
    // Sweeps run again right after each restart at the same instant (a start-up catch-up), and the
    // restarts fall between a slot and the tick after it, and in the middle of a day of follow-ups.
    const hooks = [
      ...scenarioHooks(() => app),
      { at: sh("2026-09-21", "09:07"), run: restart },
      { at: sh("2026-09-21", "12:00"), run: restart },
      { at: sh("2026-09-24", "15:37"), run: restart },
      { at: sh("2026-09-29", "10:17"), run: restart },
    ];
    await runThrough(() => app, inbox, content, times, hooks);

    for (const [phone, expected] of Object.entries(EXPECTED))
      expect(
        inbox.timeline(phone).filter((l) => !l.includes("flood_season")),
        phone,
      ).toEqual(expected);
    const national = inbox.received.filter(
      (r) =>
        r.text.includes("2026年中秋节、国庆节节前安全自查") || r.message.card?.choices[0]?.id.includes(KEY),
    );
    expect(national).toHaveLength(82 + 67 + 60 + 18);
  });

  it("sweeps racing at the same instant send each message once", async () => {
    // Separate processes race the same way through the claims; test/scheduler/cli.test.ts runs two.
    app = await createTestApp({ at: "2026-09-18T09:08:00+08:00" });
    const at = app.clock.now();
    const reports = await Promise.all([1, 2, 3].map(() => runSweeps(app.deps, content, at)));
    const inbox = new Inbox(app);
    await inbox.deliver();
    // 30 opening reminders; the leader cards are due at 09:17.
    expect(inbox.received).toHaveLength(30);
    expect(new Set(inbox.received.map((r) => r.to)).size).toBe(30);
    const done = reports.flatMap((r) =>
      r.work.outcomes.filter((o) => o.outcome === "sent").map((o) => o.key),
    );
    expect(done.sort()).toEqual([
      `campaign:${KEY}:reminder:A:2026-09-18T09:07`,
      `campaign:${KEY}:reminder:B:2026-09-18T09:07`,
      `campaign:${KEY}:reminder:default:2026-09-18T09:07`,
    ]);
    expect(reports.flatMap((r) => r.campaigns.created)).toEqual(expect.arrayContaining([KEY]));
    expect(await app.db.campaign.count({ where: { key: KEY } })).toBe(1);
  });

  it("sweeping the same instant again changes nothing", async () => {
    app = await createTestApp({ at: "2026-09-18T09:18:00+08:00" });
    const at = app.clock.now();
    const first = await runSweeps(app.deps, content, at);
    const rows = await app.db.outboxMessage.count();
    const second = await runSweeps(app.deps, content, at);
    expect(first.work.outcomes.filter((o) => o.outcome === "sent")).toHaveLength(4);
    expect(second.work.outcomes).toEqual([]);
    expect(second.campaigns).toEqual({ created: [], skipped: [], refreshed: [], opened: [], closed: [] });
    expect(await app.db.outboxMessage.count()).toBe(rows);
  });
});
