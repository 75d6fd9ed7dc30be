import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestApp, DEMO, FIXTURES, kindsContent, type TestApp, texts } from "../../support/test-app.ts";

const photo = (name: string) => ({ photoPaths: [path.join(FIXTURES, name)] });

describe("a self-check through the console channel", () => {
  let app: TestApp;
  beforeEach(async () => {
    app = await createTestApp(kindsContent());
  });
  afterEach(async () => app.close());

  it("asks one question at a time with its allowed answers and opens tickets on submit", async () => {
    const head = app.chat(DEMO.chemicalsHead);
    const start = await head.say("自查");
    expect(start[0]?.text).toContain("测试自查清单");
    expect(start[1]).toMatchObject({
      expects: "choice",
      choices: [
        { id: "yes", label: "是" },
        { id: "no", label: "否" },
      ],
    });
    expect(start[1]?.text).toContain("第 1/6 题");

    const followUp = await head.say("否");
    expect(followUp[0]?.text).toContain("请拍摄堵塞的安全出口");
    expect(followUp[0]?.expects).toBe("photo");
    expect((await head.say(photo("exit-blocked.png")))[0]?.text).toContain("已收到 1 张照片");
    expect((await head.say("完成"))[0]?.text).toContain("请简要说明情况");
    expect((await head.say("消防通道堆放纸箱"))[0]?.text).toContain("危险物品储存方式");
    expect((await head.say("2"))[0]?.text).toContain("节日期间已落实哪些措施");
    expect((await head.say("1,2"))[0]?.expects).toBe("number");
    expect((await head.say("3人"))[0]?.text).toContain("其他需要说明的情况");
    expect((await head.say("跳过"))[0]?.expects).toBe("photo");
    await head.say(photo("duty-room.png"));
    const summary = await head.say("完成");
    expect(summary[0]?.text).toContain("请核对");
    expect(summary[0]?.text).toContain("露天堆放");
    expect(summary[0]?.text).toContain("值班值守、巡查");
    expect(summary[0]?.choices?.map((c) => c.id)).toEqual(["submit", "back"]);

    const receipt = await head.say("提交");
    expect(receipt[0]?.text).toContain("登记隐患 2 项");
    expect(receipt[0]?.text).toMatch(/YH-2026-000001｜安全出口堵塞｜一般隐患｜整改期限 2026-09-27/);
    expect(receipt[0]?.text).toMatch(/YH-2026-000002｜危险物品露天堆放｜重大隐患｜整改期限 2026-10-24/);

    const tickets = await app.db.ticket.findMany({
      orderBy: { number: "asc" },
      include: { attachments: true },
    });
    expect(tickets.map((t) => [t.hazardKey, t.grade, t.status, t.supervised])).toEqual([
      ["test.exit_blocked", "general", "open", false],
      ["test.open_storage", "major", "open", true],
    ]);
    expect(tickets[0]?.description).toBe("消防通道堆放纸箱");
    expect(tickets[0]?.attachments).toHaveLength(1);
    const run = await app.db.selfCheckRun.findFirstOrThrow({ include: { answers: true } });
    expect(run.status).toBe("submitted");
    expect(run.answers).toHaveLength(8);

    // The leaders of the park (and the district above it) hear about the major hazard.
    const leader = app.chat(DEMO.leaderPark);
    expect(texts(await leader.pull())).toContain("【重大隐患】华宁精细化工有限公司：危险物品露天堆放");
    expect(texts(await app.chat(DEMO.leaderDistrict).pull())).toContain("危险物品露天堆放");
  });

  it("re-asks with the allowed options on bad input, for every question kind", async () => {
    const head = app.chat(DEMO.chemicalsHead);
    await head.say("自查");
    const badYesNo = await head.say("也许吧");
    expect(badYesNo[0]?.text).toContain("无法识别「也许吧」");
    expect(badYesNo[0]?.text).toContain("1.是  2.否");
    expect(badYesNo[0]?.text).toContain("第 1/6 题");
    expect((await head.say(photo("exit-blocked.png")))[0]?.text).toContain("本题不需要照片");
    // A control word that means nothing here is an answer that does not fit.
    expect((await head.say("完成"))[0]?.text).toContain("无法识别「完成」");
    await head.say("是");
    expect((await head.say("7"))[0]?.text).toContain("1.专用柜  2.露天堆放  3.无危险物品");
    await head.say("专用柜");
    expect((await head.say("1,9"))[0]?.text).toContain("请回复选项序号");
    await head.say("/choice duty");
    expect((await head.say("很多"))[0]?.text).toContain(
      "「很多」不是有效的数字，请回复 0～50 之间的整数（单位：人）",
    );
    expect((await head.say("2.5"))[0]?.text).toContain("不是有效的数字");
    expect((await head.say("99"))[0]?.text).toContain("不是有效的数字");
    await head.say("２");
    await head.say("跳过");
    expect((await head.say("这里是文字"))[0]?.text).toContain("本题需要照片");
    expect((await head.say("完成"))[0]?.text).toContain("本题需要照片");
    expect((await head.say("跳过"))[0]?.text).toContain("本题为必答题");
    const rejected = await head.say(photo("not-an-image.txt"));
    expect(rejected[0]?.text).toBe(
      "文件「not-an-image.txt」未能接收：仅支持 JPEG、PNG、WebP、HEIC 格式的图片",
    );
    await head.say(photo("duty-room.png"));
    expect((await head.say("完成"))[0]?.text).toContain("请核对");
    expect((await head.say("好的"))[0]?.text).toContain("请回复「提交」确认提交");
    expect(texts(await head.say("提交"))).toContain("本次未发现需要整改的隐患");
  });

  it("goes back, skips optional questions, pauses and resumes where it stopped", async () => {
    const head = app.chat(DEMO.chemicalsHead);
    await head.say("自查");
    expect((await head.say("上一题"))[0]?.text).toContain("已经是第一题了");
    await head.say("是");
    await head.say("1");
    const back = await head.say("上一题");
    expect(back[0]?.text).toContain("危险物品储存方式");
    const back2 = await head.say("上一题");
    expect(back2[0]?.text).toContain("安全出口是否畅通");
    // Changing the answer opens the follow-ups that now apply.
    expect((await head.say("否"))[0]?.text).toContain("请拍摄堵塞的安全出口");
    expect((await head.say("跳过"))[0]?.text).toContain("请简要说明情况");
    expect((await head.say("跳过"))[0]?.text).toContain("本题为必答题");
    await head.say("杂物");
    // The storage answer given before is kept: the flow continues at the first unanswered question.
    expect((await head.say("x"))[0]?.text).toContain("无法识别");
    const paused = await head.say("暂停");
    expect(paused[0]?.text).toContain("已暂停");
    expect(texts(await head.say("随便说点"))).toContain("没有理解");
    const resumed = await head.say("自查");
    expect(resumed[0]?.text).toContain("继续「测试自查清单」");
    expect(resumed[1]?.text).toContain("节日期间已落实哪些措施");
  });

  it("refuses a photo over MAX_PHOTO_BYTES with its name and the limit, and keeps the question", async () => {
    await app.close();
    app = await createTestApp({ ...kindsContent(), env: { MAX_PHOTO_BYTES: "50" } });
    const head = app.chat(DEMO.chemicalsHead);
    await head.say("自查");
    await head.say("否");
    const refused = await head.say(photo("exit-blocked.png"));
    expect(refused.map((m) => m.text)).toEqual([
      "文件「exit-blocked.png」未能接收：文件过大（73 B），单张上限为 50 B",
    ]);
    expect(await app.db.attachment.count()).toBe(0);
    expect((await head.say("跳过"))[0]?.text).toContain("请简要说明情况");
  });
});
