import { afterEach, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../support/test-app.ts";
import { Inbox, PEOPLE, runThrough, shippedCampaigns, tickTimes } from "./campaign-harness.ts";
import { EXPECTED, KEY, scenarioHooks, WINDOW } from "./campaign-scenario.ts";

const content = shippedCampaigns();

describe("a campaign window on a fake clock", () => {
  let app: TestApp;
  afterEach(async () => app.close());

  it("sends exactly the expected messages to exactly the expected people, and stops chasing those who submit", async () => {
    app = await createTestApp({ at: "2026-09-10T08:00:00+08:00" });
    const inbox = new Inbox(app);
    const times = tickTimes(content, 2026, WINDOW.from, WINDOW.to);
    const reports = await runThrough(
      () => app,
      inbox,
      content,
      times,
      scenarioHooks(() => app),
    );

    for (const [phone, expected] of Object.entries(EXPECTED))
      expect(
        inbox.timeline(phone).filter((l) => !l.includes("flood_season")),
        phone,
      ).toEqual(expected);

    // The hazards added on 09-21 are due soon: their head is reminded once, after quiet hours.
    expect(inbox.ticketNotices(PEOPLE.chemA1).map((r) => r.at)).toEqual(["2026-09-22 08:00"]);

    const national = inbox.received.filter(
      (r) =>
        r.text.includes("2026年中秋节、国庆节节前安全自查") || r.message.card?.choices[0]?.id.includes(KEY),
    );
    // A: 6 × 12 + 2 × 5; B: 9 × 7 + 4; C and D: 12 × 5; leaders: 10 + 8.
    expect(national).toHaveLength(82 + 67 + 60 + 18);
    const heads = new Set(national.filter((r) => !r.message.card).map((r) => r.to));
    expect(heads.size).toBe(30);
    expect([...heads].every((p) => p.startsWith("139"))).toBe(true);

    const reminder = inbox.to(PEOPLE.smallD)[0]?.message;
    expect(reminder?.text).toContain("老张家川菜馆");
    expect(reminder?.text).toContain("9月24日（周四）前完成节前安全自查");
    expect(reminder?.choices).toEqual([{ id: "selfcheck", label: "开始自查" }]);

    const parkDeadline = inbox.to(PEOPLE.leaderPark).find((r) => r.at.startsWith("2026-09-24"))?.message.card;
    const line = (label: string) => parkDeadline?.lines.find((l) => l.label === label)?.value;
    expect(parkDeadline?.title).toBe("安全生产提示卡");
    expect(line("自查完成")).toBe("2/5 家（40%）");
    expect(line("发现隐患")).toBe("2 项（其中重大隐患 1 项）");
    expect(line("已整改")).toBe("1 项");
    expect(line("逾期未改")).toBe("1 项");
    expect(line("重大隐患")).toBe("华宁精细化工有限公司：罐区可燃气体报警器失效");
    expect(line("未自查企业")).toBe("金桥涂料化工有限公司、瑞丰化学品经营有限公司、盛源气体有限公司");
    expect(parkDeadline?.choices).toEqual([
      { id: `ack:${KEY}:deadline`, label: "已阅" },
      { id: `missing:${KEY}`, label: "查看全部" },
    ]);
    const districtDeadline = inbox.to(PEOPLE.leaderDistrict).find((r) => r.at.startsWith("2026-09-24"))
      ?.message.card;
    expect(districtDeadline?.lines.find((l) => l.label === "自查完成")?.value).toBe("3/30 家（10%）");

    const lifecycle = reports.flatMap((r) => [
      ...r.campaigns.created.map((k) => `${k} created ${r.at.toISOString()}`),
      ...r.campaigns.opened.map((k) => `${k} opened ${r.at.toISOString()}`),
      ...r.campaigns.closed.map((k) => `${k} closed ${r.at.toISOString()}`),
    ]);
    expect(lifecycle.filter((l) => l.startsWith(KEY))).toEqual([
      `${KEY} created 2026-09-10T00:00:00.000Z`,
      `${KEY} opened 2026-09-17T18:00:00.000Z`,
      `${KEY} closed 2026-10-10T18:00:00.000Z`,
    ]);
    expect(reports.flatMap((r) => [...r.errors, ...r.work.failed])).toEqual([]);
  });
});
