import { afterEach, describe, expect, it } from "vitest";
import { createTestApp, DEMO, type TestApp, texts } from "../../support/test-app.ts";
import { INSPECTORS, PHOTO, sayAll, shortInspection } from "./inspection-fixtures.ts";

describe("我的检查", () => {
  let app: TestApp;
  afterEach(async () => app.close());

  it("lists the inspections a person led or joined, newest first, and shows one record", async () => {
    app = await createTestApp();
    const leader = app.chat(DEMO.leaderPark);
    expect(texts(await leader.say("我的检查"))).toBe("您还没有参与过检查。发送「检查」开始一次现场检查。");
    await sayAll(leader, shortInspection(1));
    await leader.say("提交");
    app.clock.advance(3_600_000);
    await sayAll(leader, [
      "检查",
      "4",
      "东泰",
      "1",
      "完成",
      "1",
      "0",
      PHOTO.before,
      "叉车充电区电线老化",
      "立即整改",
      PHOTO.after,
      "完成",
      "1 4",
      "完成",
      "3",
      "完成",
      "现场责令停止充电作业",
    ]);
    await leader.say("提交");

    const list = texts(await leader.say("我的检查"));
    expect(list).toContain(
      "JC-2026-000002 2026-09-24 督导检查 东泰危险品仓储有限公司 隐患 1 条\nJC-2026-000001 2026-09-24 日常检查 华宁精细化工有限公司 隐患 1 条",
    );
    expect(texts(await app.chat(DEMO.gridWorkerG3).say("检查记录"))).toContain("JC-2026-000002");

    const record = texts(await leader.say("我的检查 jc-2026-000002"));
    expect(record).toContain("【检查记录】JC-2026-000002");
    expect(record).toContain("类型：督导检查");
    expect(record).toContain("时间：2026-09-24 10:00");
    expect(record).toContain(
      "检查组：孙书记（领导，带队）、吴网格（网格员）；外聘专家 1 人；其他人员 0 人（共 3 人）",
    );
    expect(record).toContain(
      "1. YH-2026-000002 电气线路私拉乱接或违规充电（一般隐患）已现场整改，当前：已销号",
    );
    expect(record).toContain("文书：责令限期整改指令书 ZL-2026-000001、行政处罚决定书 CF-2026-000001");
    expect(record).toContain("措施：责令停产停业（三停）");
    expect(record).toContain("备注：现场责令停止充电作业");
  });

  it("shows a record to the team and to people whose area holds the enterprise; to others it does not exist", async () => {
    app = await createTestApp();
    const leader = app.chat(DEMO.leaderPark);
    await sayAll(leader, shortInspection(1));
    await leader.say("提交");
    expect(texts(await app.chat(DEMO.admin).say("我的检查 JC-2026-000001"))).toContain("【检查记录】");
    expect(texts(await app.chat(INSPECTORS.expertDistrict).say("我的检查 JC-2026-000001"))).toContain(
      "【检查记录】",
    );
    // Answered exactly like a number that does not exist, so guessing numbers tells nothing.
    expect(texts(await app.chat("13800000003").say("我的检查 JC-2026-000001"))).toBe(
      "没有找到检查 JC-2026-000001。",
    );
    expect(texts(await leader.say("我的检查 JC-2026-000099"))).toBe("没有找到检查 JC-2026-000099。");
  });

  it("gives inspectors and experts their own help menu", async () => {
    app = await createTestApp();
    expect(texts(await app.chat(INSPECTORS.inspectorPark).say("帮助"))).toContain(
      "严执法（执法检查人员），您可以发送：",
    );
    expect(texts(await app.chat(INSPECTORS.expertDistrict).say("帮助"))).toContain(
      "方专家（专家），您可以发送：",
    );
  });
});
