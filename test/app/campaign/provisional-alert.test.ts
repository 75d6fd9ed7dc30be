import { afterEach, describe, expect, it } from "vitest";
import { syncCampaigns } from "../../../src/app/campaign/sync-campaigns.ts";
import { createTestApp, type TestApp } from "../../support/test-app.ts";
import { Inbox, PEOPLE, sh, shippedCampaigns } from "./campaign-harness.ts";

const content = shippedCampaigns();

describe("the admins' alert about a campaign on computed holiday dates", () => {
  let app: TestApp;
  afterEach(async () => app.close());

  const alertFor = async (at: Date, key: string) => {
    app = await createTestApp({ at: at.toISOString() });
    const inbox = new Inbox(app);
    await syncCampaigns(app.deps, content, at);
    await inbox.deliver();
    const alert = inbox.to(PEOPLE.admin).find((r) => r.key.startsWith(`campaign:${key}:provisional`));
    if (!alert) throw new Error(`no alert for ${key}`);
    return alert.text;
  };

  it("does not say that 元旦 (a solar date) was computed from the lunar calendar", async () => {
    const text = await alertFor(sh("2026-12-01", "09:00"), "2027-new_year");
    expect(text).not.toContain("农历");
    expect(text).toContain("按往年放假惯例推算");
    expect(text).toContain("prompts/calendar/holidays-2027.yaml");
  });

  it("says so for 春节, which follows the lunar calendar", async () => {
    const text = await alertFor(sh("2027-01-05", "09:00"), "2027-spring_festival");
    expect(text).toContain("按农历推算");
  });

  it("names the solar term for 清明", async () => {
    const text = await alertFor(sh("2027-03-10", "09:00"), "2027-qingming");
    expect(text).toContain("按节气推算");
  });
});
