import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  contentDir,
  createTestApp,
  DEMO,
  FIXTURES,
  kindsContent,
  type TestApp,
  texts,
} from "../../support/test-app.ts";
import { sayAll } from "./inspection-fixtures.ts";

/** Up to the findings question of a 督导检查 of 华宁 (hazardous chemicals), no team. */
const TO_FINDINGS = ["检查", "4", "华宁", "跳过", "0", "0"];
/** To the end once the findings are done: nothing issued, no measure, no note. */
const TO_SUMMARY = ["完成", "跳过", "跳过", "跳过"];

describe("the enterprise's checklist run from the inspector's side (检查表)", () => {
  let app: TestApp;
  afterEach(async () => app.close());

  it("asks the industry's checklist; each bad answer becomes a finding by the self-check rules, a ticket from the inspection", async () => {
    app = await createTestApp();
    const leader = app.chat(DEMO.leaderDistrict);
    expect(await sayAll(leader, TO_FINDINGS)).toContain("也可回复「检查表」，按该企业行业的检查表逐项检查。");
    const started = texts(await leader.say("检查表"));
    expect(started).toContain("开始按「危险化学品企业节前安全自查」逐项检查（共 18 题）");
    expect(started).toContain("第 1/18 题：节日期间本企业的生产安排是？");
    expect(started).toContain("可发送「上一题」返回、「完成」结束检查表。");
    // 停产，但尚未制定停车或开车方案 opens its follow-up, as in a self-check.
    expect(texts(await leader.say("3"))).toContain("请说明停开车方案预计何时完成、由谁负责。");
    await leader.say("方案尚未制定，由安全科长节前完成");
    await leader.say("3"); // 构成一级或二级重大危险源
    await leader.say("否"); // monitoring not all running
    await leader.say("跳过"); // optional photo
    expect(texts(await leader.say("罐区液位计离线"))).toContain("第 4/18 题");
    // An answer that is not one is refused the self-check's way, and the question asked again.
    const refused = texts(await leader.say("好"));
    expect(refused).toContain(
      "无法识别「好」。请从以下选项中选择（回复序号或选项文字）：1.是  2.否  3.不涉及",
    );
    expect(refused).toContain("第 4/18 题");
    expect(refused).toContain("「完成」结束检查表");
    const done = texts(await leader.say("完成"));
    expect(done).toContain("检查表已结束：发现隐患 2 条，已登记为第 1～2 条（按规则限期整改）。");
    expect(done).toContain("请发送第 3 条隐患的现场照片和文字描述");

    const summary = await sayAll(leader, TO_SUMMARY);
    expect(summary).toContain("隐患：2 条（其中立即整改 0 条）");
    const submitted = texts(await leader.say("提交"));
    expect(submitted).toContain("YH-2026-000001 节日停产未制定停开车方案（一般隐患）整改期限 2026-09-27");
    expect(submitted).toContain("YH-2026-000002 重大危险源监测监控系统故障或离线（一般隐患）");

    const inspection = await app.db.inspection.findFirstOrThrow({ include: { findings: true } });
    const tickets = await app.db.ticket.findMany({ orderBy: { number: "asc" } });
    expect(inspection.findings).toHaveLength(2);
    expect(
      tickets.map((t) => [t.hazardKey, t.source, t.inspectionId, t.grade, t.runId, t.description]),
    ).toEqual([
      ["hc.shutdown_plan", "inspection", inspection.id, "general", null, "方案尚未制定，由安全科长节前完成"],
      ["hc.mhs_monitoring", "inspection", inspection.id, "general", null, "罐区液位计离线"],
    ]);
    // The basis the rule cites, rendered from the catalogue as for a self-check.
    expect(tickets[0]?.basis).toContain("第二十一条");
    const notice = texts(await app.chat(DEMO.chemicalsHead).pull());
    expect(notice).toContain("YH-2026-000001 节日停产未制定停开车方案（一般隐患）");
  });

  it("keeps its answers and question across a restart, and resumes on 检查", async () => {
    app = await createTestApp();
    await sayAll(app.chat(DEMO.leaderDistrict), [...TO_FINDINGS, "检查表", "3"]);

    app = await app.reopen();
    const leader = app.chat(DEMO.leaderDistrict);
    const resumed = texts(await leader.say("检查"));
    expect(resumed).toContain("继续进行中的检查（督导检查，华宁精细化工有限公司）");
    expect(resumed).toContain("正在按「危险化学品企业节前安全自查」逐项检查。");
    expect(resumed).toContain("第 1/18 题（补充 1/1）：请说明停开车方案预计何时完成、由谁负责。");
    await leader.say("节前完成");
    expect(texts(await leader.say("上一题"))).toContain("请说明停开车方案预计何时完成");
    expect(texts(await leader.say("暂停"))).toContain("检查表已结束：发现隐患 1 条，已登记为第 1 条");
    await sayAll(leader, TO_SUMMARY);
    await leader.say("提交");
    expect(
      await app.db.ticket.count({ where: { source: "inspection", hazardKey: "hc.shutdown_plan" } }),
    ).toBe(1);
  });

  it("adds nothing when every answer is good, and leaves the inspection with 取消 storing nothing", async () => {
    app = await createTestApp();
    const leader = app.chat(DEMO.leaderDistrict);
    await sayAll(leader, [...TO_FINDINGS, "检查表", "1"]); // 停产，已制定停车方案和节后开车方案
    expect(texts(await leader.say("完成"))).toContain("检查表已结束，未发现隐患。");
    await sayAll(leader, ["检查表", "3"]);
    expect(texts(await leader.say("取消"))).toContain("已取消本次检查，未保存任何记录。");
    expect(await app.db.inspection.count()).toBe(0);
    expect(await app.db.ticket.count()).toBe(0);
  });

  it("asks for the half-recorded finding first", async () => {
    app = await createTestApp();
    const leader = app.chat(DEMO.leaderDistrict);
    await sayAll(leader, [...TO_FINDINGS, "配电室电线私拉乱接"]);
    expect(texts(await leader.say("检查表"))).toContain("请先为第 1 条隐患选择「立即整改」或「限期整改」。");
  });

  it("says so when the enterprise's industry has no checklist, and stays at the findings question", async () => {
    // The fixture checklist, for every industry but hazardous chemicals (华宁's).
    const checklist = fs
      .readFileSync(path.join(FIXTURES, "kinds-checklist.yaml"), "utf8")
      .replace(/industries: \[hazardous_chemicals, /, "industries: [");
    const { rulesDir } = kindsContent();
    const { promptsDir } = contentDir({ checklists: { "kinds.yaml": checklist } });
    app = await createTestApp({ promptsDir, rulesDir });
    const leader = app.chat(DEMO.leaderDistrict);
    await sayAll(leader, TO_FINDINGS);
    const none = texts(await leader.say("检查表"));
    expect(none).toContain("暂未找到适用于危险化学品行业的检查表，请直接登记隐患。");
    expect(none).toContain("请发送第 1 条隐患的现场照片和文字描述");
    const state = await app.db.conversation.findFirstOrThrow({ where: { externalId: DEMO.leaderDistrict } });
    expect(JSON.parse(state.state)).toMatchObject({ stage: "findings", checklist: null });
  });
});
