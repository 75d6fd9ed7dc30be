import { afterEach, describe, expect, it } from "vitest";
import { createTestApp, DEMO, type TestApp, texts } from "../../support/test-app.ts";
import { INSPECTORS, sayAll, shortInspection } from "./inspection-fixtures.ts";

/** The shipped kinds, by their position in prompts/inspections.yaml, and who runs one in the test. */
const KINDS = [
  { index: 1, id: "daily", label: "日常检查", by: DEMO.gridWorkerG3 },
  { index: 2, id: "special", label: "专项检查", by: INSPECTORS.inspectorPark },
  { index: 3, id: "holiday", label: "节假日大检查", by: DEMO.leaderPark },
  { index: 4, id: "supervision", label: "督导检查", by: DEMO.leaderDistrict },
  { index: 5, id: "covert", label: "暗查暗访", by: DEMO.admin },
  { index: 6, id: "expert", label: "专家检查", by: INSPECTORS.expertDistrict },
  { index: 7, id: "enforcement", label: "执法检查", by: INSPECTORS.inspectorPark },
] as const;

describe("every kind of inspection", () => {
  let app: TestApp;
  afterEach(async () => app.close());

  it.each(KINDS)(
    "records a $label by the person who runs one, with its kind and a ticket from the inspection",
    async (kind) => {
      app = await createTestApp();
      const chat = app.chat(kind.by);
      const summary = await sayAll(chat, shortInspection(kind.index));
      expect(summary).toContain(`类型：${kind.label}`);
      expect(texts(await chat.say("提交"))).toContain(
        `检查 JC-2026-000001 已提交（${kind.label}，华宁精细化工有限公司）`,
      );
      const inspection = await app.db.inspection.findFirstOrThrow({
        include: { tickets: true, findings: true },
      });
      expect(inspection.kind).toBe(kind.id);
      expect(inspection.tickets.map((t) => [t.source, t.status])).toEqual([["inspection", "open"]]);
      expect(inspection.findings).toHaveLength(1);
    },
  );

  it("links a 节假日大检查 and its hazards to the open holiday campaign of the enterprise", async () => {
    app = await createTestApp();
    const campaign = await app.db.campaign.create({
      data: {
        key: "2026-national_day",
        templateId: "national_day",
        name: "2026年国庆节节前安全自查",
        opensOn: "2026-09-20",
        deadlineOn: "2026-09-30",
        startsOn: "2026-10-01",
        endsOn: "2026-10-07",
        status: "open",
      },
    });
    const chat = app.chat(DEMO.leaderPark);
    await sayAll(chat, shortInspection(3));
    await chat.say("提交");
    const inspection = await app.db.inspection.findFirstOrThrow({ include: { tickets: true } });
    expect(inspection.campaignId).toBe(campaign.id);
    expect(inspection.tickets.map((t) => t.campaignId)).toEqual([campaign.id]);
  });

  it("keeps 督导检查 for leaders: a grid worker is told who leads one and picks another kind", async () => {
    app = await createTestApp();
    const chat = app.chat(DEMO.gridWorkerG3);
    await chat.say("检查");
    const refused = texts(await chat.say("4"));
    expect(refused).toContain("「督导检查」由领导、管理员发起，您是网格员，请选择其他检查类型。");
    expect(refused).toContain("请选择检查类型");
    expect(texts(await chat.say("1"))).toContain("请选择被检查企业");
  });

  it("lists the people of the enterprise's area for the team, and records the experts among them", async () => {
    app = await createTestApp();
    const chat = app.chat(DEMO.leaderPark);
    await sayAll(chat, ["检查", "6"]);
    const team = texts(await chat.say("华宁"));
    expect(team).toContain("1. 吴网格（网格员）");
    expect(team).toContain("2. 钱主任（领导）");
    expect(team).toContain("3. 严执法（执法检查人员）");
    expect(team).toContain("4. 方专家（专家）");
    expect(team).not.toContain("孙书记");
    await chat.say("4");
    await chat.say("3");
    expect(texts(await chat.say("3"))).not.toContain("严执法（执法检查人员） ✓");
    await chat.say("完成");
    await sayAll(chat, ["1", "2", "完成", "跳过", "跳过", "跳过"]);
    await chat.say("提交");
    const inspection = await app.db.inspection.findFirstOrThrow({ include: { members: true } });
    expect(inspection.members.map((m) => m.role).sort()).toEqual(["expert", "leader"]);
    expect(inspection).toMatchObject({ outsideExperts: 1, outsideStaff: 2 });
    expect(await app.db.ticket.count()).toBe(0);
    expect(texts(await app.chat(DEMO.chemicalsHead).pull())).toContain(
      "对贵单位进行了专家检查（检查编号 JC-2026-000001），未发现隐患。",
    );
  });
});
