import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { syncCampaigns } from "../../../src/app/campaign/sync-campaigns.ts";
import { shippedCampaigns } from "../../app/campaign/campaign-harness.ts";
import { createTestApp, DEMO, FIXTURES, kindsContent, type TestApp, texts } from "../../support/test-app.ts";

const photo = (name: string) => `/photo ${path.join(FIXTURES, name)}`;

describe("answers people actually type", () => {
  let app: TestApp;
  afterEach(async () => app.close());

  it("reads 是的 / 对 / 没有 / 不是的 at a 是/否 question", async () => {
    app = await createTestApp(kindsContent());
    const head = app.chat(DEMO.chemicalsHead);
    const saysYes = async (word: string) => {
      await head.say("自查");
      const next = texts(await head.say(word));
      await head.say("暂停");
      await app.db.selfCheckRun.deleteMany();
      await app.db.conversation.deleteMany();
      return next;
    };
    for (const word of ["是的", "对", "对的", "有的", "是的。", "已经"])
      expect(await saysYes(word), word).toContain("危险物品储存方式");
    for (const word of ["没有", "不是的", "没", "否。", "不"])
      expect(await saysYes(word), word).toContain("请拍摄堵塞的安全出口");
  });

  it("reads Chinese numerals at a number question, and says what a number must be in a proper sentence", async () => {
    app = await createTestApp(kindsContent());
    const head = app.chat(DEMO.chemicalsHead);
    for (const line of ["自查", "是", "1", "1"]) await head.say(line);
    const wrong = texts(await head.say("很多"));
    expect(wrong).not.toContain("数字人");
    expect(wrong).toContain("「很多」不是有效的数字，请回复 0～50 之间的整数（单位：人）。");
    expect(texts(await head.say("五十一"))).toContain("不是有效的数字");
    expect(texts(await head.say("三"))).toContain("其他需要说明的情况");
    await head.say("上一题");
    expect(texts(await head.say("十二人"))).toContain("其他需要说明的情况");
    await head.say("上一题");
    expect(texts(await head.say("两个"))).toContain("其他需要说明的情况");
    await head.say("跳过");
    await head.say(photo("duty-room.png"));
    const summary = texts(await head.say("完成"));
    expect(summary).toContain("节日期间值班人数 —— 2人");
  });

  it("never jumps the question total: follow-ups are counted under their question", async () => {
    app = await createTestApp(kindsContent());
    const head = app.chat(DEMO.chemicalsHead);
    const start = texts(await head.say("自查"));
    expect(start).toContain("共 6 题");
    expect(start).toContain("第 1/6 题");
    const followUp = texts(await head.say("否"));
    expect(followUp).toContain("第 1/6 题（补充 1/2）");
    await head.say("跳过");
    expect(texts(await head.say("通道有纸箱"))).toContain("第 2/6 题");
    for (const line of ["1", "1", "3", "跳过", photo("duty-room.png")]) await head.say(line);
    const summary = texts(await head.say("完成"));
    expect(summary).toContain("全部 6 题已答完");
    expect(summary).toContain("1.2 请简要说明情况 —— 通道有纸箱");
    expect(summary).toContain("2. 危险物品储存方式？ —— 专用柜");
  });
});

describe("a head outside any flow", () => {
  let app: TestApp;
  afterEach(async () => app.close());

  it("gets a helpful answer to a stray photo, not 「没有理解「」」", async () => {
    app = await createTestApp();
    const reply = texts(await app.chat(DEMO.chemicalsHead).say(photo("exit-blocked.png")));
    expect(reply).not.toContain("没有理解「」");
    expect(reply).toContain("收到照片");
    expect(reply).toContain("整改 编号");
    expect(reply).toContain("自查");
  });

  it("is told the campaign's self-check was submitted already, and may start again on purpose", async () => {
    app = await createTestApp({ ...kindsContent(), at: "2026-09-18T10:00:00+08:00" });
    await syncCampaigns(app.deps, shippedCampaigns(), app.clock.now());
    const head = app.chat(DEMO.chemicalsHead);
    for (const line of ["自查", "是", "1", "1", "3", "跳过", photo("duty-room.png"), "完成"])
      await head.say(line);
    expect(texts(await head.say("提交"))).toContain("自查已提交");
    app.clock.advance(3_600_000);
    const again = await app.chat("13900000002").say("自查");
    expect(texts(again)).toContain("开始「测试自查清单」");
    const second = await head.say("自查");
    expect(texts(second)).toContain(
      "华宁精细化工有限公司已于 2026-09-18 提交「2026年中秋节、国庆节节前安全自查」的安全自查（填报人：王建国），无需重复提交。",
    );
    expect(second[0]?.choices).toEqual([{ id: "selfcheck_again", label: "重新自查" }]);
    expect(await app.db.selfCheckRun.count()).toBe(2);
    expect(texts(await head.say("1"))).toContain("开始「测试自查清单」");
    expect(await app.db.selfCheckRun.count()).toBe(3);
  });
});

describe("a head's tickets", () => {
  let app: TestApp;
  afterEach(async () => app.close());

  /** A grid worker's 随手拍 at 华宁精细化工, 1号仓库东侧: YH-2026-000001. */
  async function reportBlockedExit(): Promise<string> {
    const worker = app.chat(DEMO.gridWorkerG3);
    for (const line of [
      photo("exit-blocked.png"),
      "仓库消防通道堆放纸箱，安全出口被堵",
      "华宁",
      "1号仓库东侧",
    ])
      await worker.say(line);
    expect(texts(await worker.say("提交"))).toContain("YH-2026-000001");
    return "YH-2026-000001";
  }

  it("shows the location the grid worker reported", async () => {
    app = await createTestApp();
    const number = await reportBlockedExit();
    const detail = texts(await app.chat(DEMO.chemicalsHead).say(`隐患 ${number}`));
    expect(detail).toContain("位置：1号仓库东侧");
  });

  it("keeps a reopened ticket 已重新打开 when its head starts 整改 and cancels", async () => {
    app = await createTestApp();
    const number = await reportBlockedExit();
    const head = app.chat(DEMO.chemicalsHead);
    for (const line of [`整改 ${number}`, "已清理通道", photo("after-fix.png"), "完成"]) await head.say(line);
    expect(texts(await head.say("提交"))).toContain("整改已提交");
    expect(texts(await app.chat(DEMO.gridWorkerG3).say(`通过 ${number}`))).toContain("已销号");
    expect(texts(await app.chat(DEMO.leaderPark).say(`重新打开 ${number} 通道又被堵`))).toContain(
      "已重新打开",
    );
    expect(texts(await head.say(`整改 ${number}`))).toContain("请用文字说明");
    expect(texts(await head.say("取消"))).toContain(`已退出整改，隐患 ${number} 仍为「已重新打开」`);
    expect((await app.db.ticket.findFirstOrThrow({ where: { number } })).status).toBe("reopened");
    // Rectifying it for real still works.
    for (const line of [`整改 ${number}`, "重新清理并设置禁停标识", photo("duty-room.png"), "完成"])
      await head.say(line);
    expect(texts(await head.say("提交"))).toContain("整改已提交");
    expect((await app.db.ticket.findFirstOrThrow({ where: { number } })).status).toBe("submitted");
  });
});
