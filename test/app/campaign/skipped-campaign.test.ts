import { afterEach, describe, expect, it } from "vitest";
import { listPendingSelfChecks } from "../../../src/app/campaign/list-pending-self-checks.ts";
import { createCampaign } from "../../../src/app/campaign/manage-campaigns.ts";
import { previewSchedule } from "../../../src/app/campaign/preview-schedule.ts";
import { syncCampaigns } from "../../../src/app/campaign/sync-campaigns.ts";
import { createTestApp, type TestApp } from "../../support/test-app.ts";
import { Inbox, PEOPLE, runThrough, sh, shippedCampaigns } from "./campaign-harness.ts";

const content = shippedCampaigns();

describe("going live after a campaign's deadline", () => {
  let app: TestApp;
  afterEach(async () => app.close());

  it("records the campaign as skipped with its reason, and sends nothing for it", async () => {
    // Live on 08-18: the flood season runs until 09-30, but its self-check deadline was 06-05.
    app = await createTestApp({ at: "2026-08-18T12:00:00+08:00" });
    const inbox = new Inbox(app);
    const report = await syncCampaigns(app.deps, content, app.clock.now());
    expect(report.created).toEqual([]);
    expect(report.skipped).toEqual(["2026-flood_season"]);
    expect(await app.db.campaign.findUniqueOrThrow({ where: { key: "2026-flood_season" } })).toMatchObject({
      status: "skipped",
      skipReason: "deadline_passed",
    });
    // Through the season's end and its 汛期总结 card day (10-08): nothing of the flood season.
    await runThrough(() => app, inbox, content, [
      sh("2026-08-19", "09:20"),
      sh("2026-09-30", "16:20"),
      sh("2026-10-08", "09:50"),
      sh("2026-10-09", "10:20"),
    ]);
    expect(inbox.received.filter((r) => r.text.includes("汛期") || r.key.includes("flood_season"))).toEqual(
      [],
    );
    const campaign = await app.db.campaign.findUniqueOrThrow({ where: { key: "2026-flood_season" } });
    expect(campaign.status).toBe("skipped");
    const audit = await app.db.auditLog.findFirstOrThrow({ where: { action: "campaign.skipped" } });
    expect(JSON.parse(audit.detail ?? "{}")).toMatchObject({
      key: "2026-flood_season",
      reason: "deadline_passed",
    });
  });

  it("leaves a skipped campaign, and a plan that would be skipped, out of the schedule preview", async () => {
    app = await createTestApp({ at: "2026-08-18T12:00:00+08:00" });
    const before = await previewSchedule(app.deps, content, "2026-10-08", "2026-10-08");
    expect(before.filter((slot) => slot.campaign.key.includes("flood_season"))).toEqual([]);
    await syncCampaigns(app.deps, content, app.clock.now());
    const after = await previewSchedule(app.deps, content, "2026-10-08", "2026-10-08");
    expect(after.filter((slot) => slot.campaign.key.includes("flood_season"))).toEqual([]);
    expect(after.some((slot) => slot.campaign.key.includes("national_day"))).toBe(true);
  });

  it("does not list a skipped campaign as overdue to grid workers", async () => {
    app = await createTestApp({ at: "2026-08-18T12:00:00+08:00" });
    await syncCampaigns(app.deps, content, app.clock.now());
    const worker = await app.db.person.findUniqueOrThrow({ where: { phone: "13800000002" } });
    const replies = await app.deps.uow.read(async (s) => {
      const person = await s.people.byPhone(worker.phone);
      if (!person) throw new Error("no worker");
      return listPendingSelfChecks(s, app.deps, {
        person: { ...person, enterprise: null },
        channel: "console",
        externalId: worker.phone,
      });
    });
    expect(replies.map((r) => r.text).join("\n")).not.toContain("已逾期");
  });

  it("creates a campaign whose deadline is still ahead as before", async () => {
    app = await createTestApp({ at: "2026-08-19T00:01:00+08:00" });
    const report = await syncCampaigns(app.deps, content, app.clock.now());
    expect(report.created).toEqual(["2026-national_day"]);
    expect(await app.db.campaign.findUniqueOrThrow({ where: { key: "2026-national_day" } })).toMatchObject({
      status: "planned",
      skipReason: null,
    });
    expect(PEOPLE.admin).toBeTruthy();
  });

  it("skips a campaign created by hand after its deadline, too", async () => {
    app = await createTestApp({ at: "2026-11-29T12:00:00+08:00" });
    const created = await createCampaign(app.deps, content, { templateId: "flood_season", year: 2026 });
    expect(created).toMatchObject({ status: "skipped", skipReason: "deadline_passed" });
  });
});
