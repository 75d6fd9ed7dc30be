import { afterEach, describe, expect, it } from "vitest";
import { buildReport } from "../../../src/app/report/build-report.ts";
import { createTestApp, DEMO, type TestApp, texts } from "../../support/test-app.ts";
import { inspectionFigures, ONE_SUPERVISION, PHOTO } from "./inspection-fixtures.ts";

describe("a leader's 督导检查 in chat, to the head's 整改 of what was left open", () => {
  let app: TestApp;
  afterEach(async () => app.close());

  it("records the team, two findings (one fixed on the spot), a numbered order and a fine; the head is told and rectifies", async () => {
    app = await createTestApp();
    const leader = app.chat(DEMO.leaderDistrict);
    const say = async (line: string) => texts(await leader.say(line));

    expect(await say("检查")).toContain("4. 督导检查");
    expect(await say("4")).toContain("请选择被检查企业");
    const team = await say("华宁");
    expect(team).toContain("检查组同行人员（华宁精细化工有限公司）");
    expect(team).toContain("1. 吴网格（网格员）");
    expect(await say("1")).toContain("吴网格（网格员） ✓");
    expect(await say("完成")).toContain("外聘专家");
    expect(await say("2")).toContain("其他无系统账号的随行人员");
    expect(await say("0")).toContain("请发送第 1 条隐患");

    await say(PHOTO.before);
    expect(await say("罐区动火作业未审批")).toContain("描述：罐区动火作业未审批");
    expect(await say("立即整改")).toContain("第 1 条归类为：动火作业未审批或无人监护");
    expect(await say(PHOTO.after)).toContain("已记录第 1 条隐患（立即整改，整改后照片 1 张）");

    await say("配电室电线私拉乱接");
    expect(await say(PHOTO.other)).toContain("第 2 条隐患：照片 1 张；描述：配电室电线私拉乱接");
    expect(await say("限期整改")).toContain("规定整改期限：3 天");
    expect(await say("跳过")).toContain("已记录第 2 条隐患（限期整改：3 天）");

    expect(await say("完成")).toContain("1. 责令限期整改指令书");
    await say("1");
    expect(await say("完成")).toContain("1. 立案");
    await say("1 2");
    expect(await say("完成")).toContain("罚款金额（元）");
    expect(await say("25000")).toContain("备注");
    const summary = await say("跳过");
    expect(summary).toContain(
      "检查组：本人（领导，带队）、吴网格（网格员）；外聘专家 2 人；其他人员 0 人（共 4 人）",
    );
    expect(summary).toContain("隐患：2 条（其中立即整改 1 条）");
    expect(summary).toContain("措施：立案、罚款 25000 元");

    const submitted = await say("提交");
    expect(submitted).toContain("检查 JC-2026-000001 已提交（督导检查，华宁精细化工有限公司）");
    expect(submitted).toContain("YH-2026-000001 动火作业未审批或无人监护（一般隐患）已现场整改");
    expect(submitted).toContain("YH-2026-000002 电气线路私拉乱接或违规充电（一般隐患）整改期限 2026-09-27");
    expect(submitted).toContain("文书：责令限期整改指令书 ZL-2026-000001");

    const tickets = await app.db.ticket.findMany({ orderBy: { number: "asc" } });
    expect(tickets.map((t) => [t.number, t.source, t.status])).toEqual([
      ["YH-2026-000001", "inspection", "closed"],
      ["YH-2026-000002", "inspection", "open"],
    ]);
    const inspection = await app.db.inspection.findFirstOrThrow({
      include: { members: true, measures: true },
    });
    expect(tickets.every((t) => t.inspectionId === inspection.id)).toBe(true);
    expect(inspection).toMatchObject({ kind: "supervision", outsideExperts: 2, outsideStaff: 0 });
    expect(inspection.members.map((m) => [m.role, m.lead]).sort()).toEqual([
      ["grid_worker", false],
      ["leader", true],
    ]);
    expect(inspection.measures.map((m) => [m.kind, m.amountFen]).sort()).toEqual([
      ["case_filed", null],
      ["fine", 2_500_000],
    ]);
    // The on-the-spot fix left the after photo on the ticket, as evidence of its rectification.
    expect(
      await app.db.attachment.count({ where: { ticketId: tickets[0]?.id, purpose: "rectification" } }),
    ).toBe(1);

    const head = app.chat(DEMO.chemicalsHead);
    const notice = texts(await head.pull());
    expect(notice).toContain("【整改通知】华宁精细化工有限公司");
    expect(notice).toContain("YH-2026-000001 动火作业未审批或无人监护（一般隐患）已现场整改");
    expect(notice).toContain(
      "YH-2026-000002 电气线路私拉乱接或违规充电（一般隐患）\n   整改期限：2026-09-27\n   依据：",
    );
    expect(notice).toContain("下发文书：责令限期整改指令书 ZL-2026-000001");
    expect(notice).toContain("执法措施：立案、罚款 25000 元");
    expect(notice).toContain("整改 YH-2026-000002");
    expect(texts(await head.say("整改 YH-2026-000002"))).toContain("YH-2026-000002");
    expect((await app.db.ticket.findUniqueOrThrow({ where: { number: "YH-2026-000002" } })).status).toBe(
      "rectifying",
    );

    const copy = texts(await app.chat(DEMO.gridWorkerG3).pull());
    expect(copy).toContain("【检查抄送】钱主任提交了检查 JC-2026-000001（督导检查，华宁精细化工有限公司）");

    const report = await inspectionFigures(app, "2026-01-01", "2026-09-24");
    const expected = ONE_SUPERVISION;
    expect(report.totals).toMatchObject(expected);
    expect(report.byIndustry.hazardous_chemicals).toMatchObject(expected);
    expect(report.byKind.supervision).toMatchObject(expected);
    // The same figures in `xunjian report`'s JSON, in totals and in the enterprise's industry.
    const full = await buildReport(app.deps, { from: "2026-01-01", to: "2026-09-24" });
    expect(full.inspections.totals).toMatchObject(expected);
    expect(full.inspections.byIndustry.hazardous_chemicals).toMatchObject(expected);
  });
});
