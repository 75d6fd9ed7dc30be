import { afterEach, describe, expect, it } from "vitest";
import type { Card } from "../../../src/domain/messages.ts";
import { createTestApp, type TestApp, texts } from "../../support/test-app.ts";
import { Inbox, PEOPLE, runThrough, sh, shippedCampaigns, submitFor } from "./campaign-harness.ts";

const content = shippedCampaigns();
const KEY = "2026-national_day";

/** Tickets in the park (p1) and the street s1: one major awaiting 销号, overdue ones. */
async function addTickets(app: TestApp): Promise<void> {
  const at = (name: string) => app.db.enterprise.findFirstOrThrow({ where: { name } });
  const ticket = async (
    enterprise: string,
    number: string,
    fields: { title: string; grade: string; status: string; deadline: Date },
  ) =>
    app.db.ticket.create({
      data: {
        enterpriseId: (await at(enterprise)).id,
        number,
        hazardKey: `test.${number}`,
        source: "grid_report",
        category: "安全管理",
        foundAt: sh("2026-09-15", "10:00"),
        ...fields,
      },
    });
  await ticket("华宁精细化工有限公司", "YH-2026-900001", {
    title: "罐区可燃气体报警器失效",
    grade: "major",
    status: "submitted",
    deadline: sh("2026-10-15", "18:00"),
  });
  await ticket("东泰危险品仓储有限公司", "YH-2026-900002", {
    title: "临边防护缺失",
    grade: "general",
    status: "open",
    deadline: sh("2026-09-20", "18:00"),
  });
  await ticket("鑫达机械制造有限公司", "YH-2026-900003", {
    title: "配电箱无防护",
    grade: "general",
    status: "returned",
    deadline: sh("2026-09-22", "18:00"),
  });
  // Closed and submitted general tickets past their deadline are nobody's task.
  await ticket("东泰危险品仓储有限公司", "YH-2026-900004", {
    title: "灭火器过期",
    grade: "general",
    status: "closed",
    deadline: sh("2026-09-19", "18:00"),
  });
}

const line = (card: Card | undefined, label: string) => card?.lines.find((l) => l.label === label)?.value;

describe("a leader card names who is missing and what the leader has to do", () => {
  let app: TestApp;
  afterEach(async () => app.close());

  it("lists the missing enterprises (top N, with 查看全部) and the leader's own tasks", async () => {
    app = await createTestApp({ at: "2026-09-18T09:00:00+08:00" });
    const inbox = new Inbox(app);
    await runThrough(() => app, inbox, content, [sh("2026-09-18", "09:20")]);
    await submitFor(app, PEOPLE.chemA1, KEY);
    await submitFor(app, PEOPLE.chemA2, KEY);
    await addTickets(app);
    await runThrough(() => app, inbox, content, [sh("2026-09-24", "16:18")]);

    const park = inbox.to(PEOPLE.leaderPark).find((r) => r.at === "2026-09-24 16:18")?.message.card;
    // By supervision class, then by name in pinyin order.
    expect(line(park, "未自查企业")).toBe("金桥涂料化工有限公司、瑞丰化学品经营有限公司、盛源气体有限公司");
    expect(line(park, "您的待办")).toBe(
      [
        "重大隐患待您复查销号 1 项：YH-2026-900001 华宁精细化工有限公司：罐区可燃气体报警器失效",
        "辖区逾期未整改隐患 1 项：YH-2026-900002 东泰危险品仓储有限公司：临边防护缺失（逾期 4 天）",
      ].join("\n"),
    );
    expect(park?.choices).toEqual([
      { id: `ack:${KEY}:deadline`, label: "已阅" },
      { id: `missing:${KEY}`, label: "查看全部" },
    ]);

    // The district leader: 28 missing, the first five by supervision class and name, and the count.
    const district = inbox.to(PEOPLE.leaderDistrict).find((r) => r.at === "2026-09-24 16:18")?.message.card;
    const missing = line(district, "未自查企业") ?? "";
    expect(missing).toBe(
      "城南天然气门站、港华燃气城南分公司、金桥涂料化工有限公司、瑞丰化学品经营有限公司、盛源气体有限公司等 28 家",
    );
    expect(line(district, "您的待办")).toContain("辖区逾期未整改隐患 2 项");
    expect(line(district, "您的待办")).toContain(
      "YH-2026-900003 鑫达机械制造有限公司：配电箱无防护（逾期 2 天）",
    );

    // 查看全部 lists every missing enterprise of the leader's areas in chat, with its heads.
    const all = texts(await app.chat(PEOPLE.leaderPark).say(`/choice missing:${KEY}`));
    expect(all).toContain("尚未提交自查的企业 3 家");
    expect(all).toContain("1. 金桥涂料化工有限公司（A类）负责人：刘敏 13900000004");
    expect(all).toContain("3. 盛源气体有限公司（A类）负责人：陈静 13900000005");
    const everyone = await app.chat(PEOPLE.leaderDistrict).say(`/choice missing:${KEY}`);
    expect(texts(everyone)).toContain("尚未提交自查的企业 28 家");
    expect(texts(everyone)).toContain("28. ");
  });

  it("says there is nothing to do when the leader's areas are clear, and leaves 查看全部 off", async () => {
    app = await createTestApp({ at: "2026-09-18T09:00:00+08:00" });
    const inbox = new Inbox(app);
    await runThrough(() => app, inbox, content, [sh("2026-09-18", "09:20")]);
    for (const phone of ["13900000001", "13900000002", "13900000003", "13900000004", "13900000005"])
      await submitFor(app, phone, KEY);
    await runThrough(() => app, inbox, content, [sh("2026-09-24", "16:18")]);
    const park = inbox.to(PEOPLE.leaderPark).find((r) => r.at === "2026-09-24 16:18")?.message.card;
    expect(line(park, "未自查企业")).toBe("无");
    expect(line(park, "您的待办")).toBe("无");
    expect(park?.choices).toEqual([{ id: `ack:${KEY}:deadline`, label: "已阅" }]);
  });
});
