import { afterEach, describe, expect, it } from "vitest";
import { acknowledgeCard } from "../../../src/app/campaign/acknowledge-card.ts";
import { cancelCampaign, createCampaign } from "../../../src/app/campaign/manage-campaigns.ts";
import { openCampaignFor } from "../../../src/app/campaign/open-campaign-for.ts";
import { syncCampaigns } from "../../../src/app/campaign/sync-campaigns.ts";
import { AppError } from "../../../src/domain/app-error.ts";
import { runSweeps } from "../../../src/scheduler/sweeps.ts";
import { createTestApp, type TestApp } from "../../support/test-app.ts";
import { Inbox, PEOPLE, runThrough, sh, shippedCampaigns } from "./campaign-harness.ts";

const content = shippedCampaigns();

describe("campaigns created ahead, by hand, cancelled", () => {
  let app: TestApp;
  afterEach(async () => app.close());

  it("creates a campaign 30 days before it opens, and opens it on its opening day", async () => {
    app = await createTestApp({ at: "2026-08-18T12:00:00+08:00" });
    const keys = async () =>
      (await app.db.campaign.findMany({ orderBy: { key: "asc" } })).map((c) => `${c.key} ${c.status}`);
    await syncCampaigns(app.deps, content, app.clock.now());
    // Flood season is under way but its self-check deadline is over: skipped. 国庆 opens 09-18, 31 days away.
    expect(await keys()).toEqual(["2026-flood_season skipped"]);
    await syncCampaigns(app.deps, content, sh("2026-08-19", "00:01"));
    expect(await keys()).toEqual(["2026-flood_season skipped", "2026-national_day planned"]);
    const report = await syncCampaigns(app.deps, content, sh("2026-09-18", "00:01"));
    expect(report.opened).toEqual(["2026-national_day"]);
  });

  it("warns the admins once when it creates a campaign on computed holiday dates", async () => {
    app = await createTestApp({ at: "2026-12-01T09:00:00+08:00" });
    const inbox = new Inbox(app);
    await runThrough(() => app, inbox, content, [sh("2026-12-01", "09:00"), sh("2026-12-02", "09:00")]);
    const campaign = await app.db.campaign.findUniqueOrThrow({ where: { key: "2027-new_year" } });
    expect(campaign).toMatchObject({ provisional: true, startsOn: "2027-01-01", status: "planned" });
    const warnings = inbox.to(PEOPLE.admin);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.text).toContain("2027年官方放假安排尚未录入");
    expect(warnings[0]?.text).toContain("prompts/calendar/holidays-2027.yaml");
  });

  it("cancels a campaign: unsent messages withdrawn, no more work, and it is not created again", async () => {
    app = await createTestApp({ at: "2026-09-18T09:08:00+08:00" });
    const inbox = new Inbox(app);
    await runSweeps(app.deps, content, app.clock.now());
    expect(await app.db.outboxMessage.count({ where: { status: "pending" } })).toBe(30);
    const { withdrawn } = await cancelCampaign(
      app.deps,
      "2026-national_day",
      "merged into the district campaign",
    );
    expect(withdrawn).toBe(30);
    await runThrough(() => app, inbox, content, [
      sh("2026-09-18", "09:18"),
      sh("2026-09-21", "09:08"),
      sh("2026-09-21", "10:18"),
    ]);
    expect(inbox.received).toEqual([]);
    expect(await app.db.campaign.findUniqueOrThrow({ where: { key: "2026-national_day" } })).toMatchObject({
      status: "cancelled",
    });
    await expect(cancelCampaign(app.deps, "2026-national_day")).rejects.toThrow(AppError);
  });

  it("creates a campaign by hand with other dates, and refuses a second one with the same key", async () => {
    app = await createTestApp({ at: "2026-09-01T09:00:00+08:00" });
    const created = await createCampaign(app.deps, content, {
      templateId: "mid_autumn",
      year: 2026,
      key: "2026-mid_autumn-local",
      name: "2026年中秋节安全检查（本区）",
      dates: {
        startsOn: "2026-09-25",
        endsOn: "2026-09-27",
        opensOn: "2026-09-15",
        deadlineOn: "2026-09-22",
      },
    });
    expect(created).toMatchObject({
      origin: "manual",
      status: "planned",
      opensOn: "2026-09-15",
      closesOn: "2026-09-30",
    });
    await expect(
      createCampaign(app.deps, content, {
        templateId: "mid_autumn",
        year: 2026,
        key: "2026-mid_autumn-local",
        dates: { startsOn: "2026-09-25", endsOn: "2026-09-27" },
      }),
    ).rejects.toThrow(/exists/);
    // Absorbed by 国庆 in 2026: without dates there is nothing to create from.
    await expect(createCampaign(app.deps, content, { templateId: "mid_autumn", year: 2026 })).rejects.toThrow(
      /campaign_needs_dates \{"template":"mid_autumn","year":2026\}/,
    );
  });
});

describe("acknowledging cards and linking self-checks", () => {
  let app: TestApp;
  afterEach(async () => app.close());

  it("records 已阅 once and says so when pressed again or for an unknown card", async () => {
    app = await createTestApp({ at: "2026-09-18T09:18:00+08:00" });
    const inbox = new Inbox(app);
    await runThrough(() => app, inbox, content, [sh("2026-09-18", "09:18")]);
    const leader = await app.db.person.findUniqueOrThrow({ where: { phone: PEOPLE.leaderDistrict } });
    const ack = (cardKey: string) =>
      app.deps.uow.run((s) => acknowledgeCard(s, app.deps, leader.id, cardKey));
    expect((await ack("2026-national_day:opening"))[0]?.text).toBe(
      "已确认收到【2026年中秋节、国庆节节前安全自查】启动部署提示卡，谢谢。",
    );
    app.clock.set(sh("2026-09-19", "08:00"));
    expect((await ack("2026-national_day:opening"))[0]?.text).toBe(
      "这张提示卡已于9月18日确认，无需重复操作。",
    );
    expect((await ack("2026-national_day:nope"))[0]?.text).toBe("未找到这张提示卡，可能已经过期。");
    // No follow-up for the acknowledged card.
    await runThrough(() => app, inbox, content, [sh("2026-09-20", "10:18")]);
    expect(inbox.timeline(PEOPLE.leaderDistrict)).toEqual(["09-18 09:18 card 2026-national_day:opening"]);
    expect(inbox.timeline(PEOPLE.leaderPark)).toEqual([
      "09-18 09:18 card 2026-national_day:opening",
      "09-20 10:18 follow-up 2026-national_day:opening",
    ]);
  });

  it("links a self-check to the open campaign that targets the enterprise and whose deadline comes first", async () => {
    app = await createTestApp({ at: "2026-09-21T10:00:00+08:00" });
    await runSweeps(app.deps, content, app.clock.now());
    const enterprise = (name: string) => app.db.enterprise.findFirstOrThrow({ where: { name } });
    const chem = await enterprise("华宁精细化工有限公司");
    const shop = await enterprise("老张家川菜馆");
    // 汛期 (deadline 06-05, passed) and 国庆 are open for the chemicals company: 国庆's deadline is ahead.
    expect((await app.deps.uow.read((s) => openCampaignFor(s, chem, app.clock.now())))?.key).toBe(
      "2026-national_day",
    );
    // 汛期 does not target small venues.
    expect((await app.deps.uow.read((s) => openCampaignFor(s, shop, app.clock.now())))?.key).toBe(
      "2026-national_day",
    );
    // After every deadline: the campaign whose deadline passed last.
    expect((await app.deps.uow.read((s) => openCampaignFor(s, chem, sh("2026-09-26", "10:00"))))?.key).toBe(
      "2026-national_day",
    );
    // 冬季防火 targets crowded places, small venues and industry and trade, not chemicals.
    await runSweeps(app.deps, content, sh("2026-10-26", "10:00"));
    expect((await app.deps.uow.read((s) => openCampaignFor(s, shop, sh("2026-10-26", "10:00"))))?.key).toBe(
      "2026-winter_fire",
    );
    // 汛期 closed after its last card (10-10).
    expect(await app.deps.uow.read((s) => openCampaignFor(s, chem, sh("2026-10-26", "10:00")))).toBeNull();
  });
});
