import { afterEach, describe, expect, it } from "vitest";
import { createTestApp, DEMO, type TestApp, texts } from "../../support/test-app.ts";
import { INSPECTORS, PHOTO, sayAll } from "./inspection-fixtures.ts";

describe("what an inspection refuses, each said clearly with nothing stored", () => {
  let app: TestApp;
  afterEach(async () => app.close());

  const nothingStored = async () => {
    expect(await app.db.inspection.count()).toBe(0);
    expect(await app.db.ticket.count()).toBe(0);
    expect(await app.db.counter.count({ where: { name: { startsWith: "inspection:" } } })).toBe(0);
  };

  it("refuses an enterprise head who sends 检查, pointing to 自查", async () => {
    app = await createTestApp();
    const head = app.chat(DEMO.chemicalsHead);
    expect(texts(await head.say("检查"))).toBe(
      "现场检查由网格员、领导、执法检查人员、专家和管理员发起。您是企业负责人，如需填写本企业的安全自查，请发送「自查」。",
    );
    expect(texts(await head.say("我的检查"))).toContain("您是企业负责人");
    expect(
      (await app.db.conversation.findFirst({ where: { externalId: DEMO.chemicalsHead } }))?.state ?? "{}",
    ).not.toContain("inspection");
    await nothingStored();
  });

  it("refuses an inspector an enterprise outside his area, by name, by credit code and in 检查 <企业>", async () => {
    app = await createTestApp();
    const inspector = app.chat(INSPECTORS.inspectorPark);
    await sayAll(inspector, ["检查", "7"]);
    expect(texts(await inspector.say("万达"))).toContain(
      "「万达广场购物中心」不在您负责的区域内，不能对其发起检查。请选择您辖区内的企业。",
    );
    expect(texts(await inspector.say("91320505MA0000016Q"))).toContain(
      "「万达广场购物中心」不在您负责的区域内",
    );
    const list = texts(await inspector.say("取消"));
    expect(list).toContain("已取消");
    expect(texts(await inspector.say("检查 万达"))).toBe(
      "「万达广场购物中心」不在您负责的区域内，不能对其发起检查。请选择您辖区内的企业。",
    );
    await nothingStored();
  });

  it("lists only the enterprises of the inspector's area", async () => {
    app = await createTestApp();
    const list = await sayAll(app.chat(INSPECTORS.inspectorPark), ["检查", "7"]);
    expect(list).toContain("华宁精细化工有限公司");
    expect(list).not.toContain("万达广场购物中心");
  });

  it("refuses a fine that is not a number, and takes one that is", async () => {
    app = await createTestApp();
    const leader = app.chat(DEMO.leaderDistrict);
    await sayAll(leader, ["检查", "4", "华宁", "跳过", "0", "0", "完成", "跳过", "2"]);
    expect(await sayAll(leader, ["完成"])).toContain("罚款金额（元）");
    for (const bad of ["很多", "两万五", "-100", "0", "25000.123"])
      expect(texts(await leader.say(bad))).toContain(
        `「${bad}」不是金额。请回复罚款金额（元），例如 25000 或 2.5万。`,
      );
    await nothingStored();
    expect(await sayAll(leader, ["2.5万", "跳过"])).toContain("措施：罚款 25000 元");
  });

  it("refuses a finding with neither description nor photo", async () => {
    app = await createTestApp();
    const leader = app.chat(DEMO.leaderDistrict);
    await sayAll(leader, ["检查", "4", "华宁", "跳过", "0", "0"]);
    for (const choice of ["/choice on_spot", "/choice deadline"])
      expect(texts(await leader.say(choice))).toContain(
        "这条隐患既没有照片也没有描述，不能登记。请先发送现场照片或文字描述。",
      );
    await nothingStored();
    await leader.say(PHOTO.before);
    expect(texts(await leader.say("完成"))).toContain("请先为第 1 条隐患选择「立即整改」或「限期整改」。");
  });

  it("asks again for a head count or a deadline that is not one", async () => {
    app = await createTestApp();
    const leader = app.chat(DEMO.leaderDistrict);
    await sayAll(leader, ["检查", "4", "华宁", "跳过"]);
    expect(texts(await leader.say("好几个"))).toContain("请回复人数（0～99 的整数）。");
    expect(texts(await leader.say("两"))).toContain("其他无系统账号的随行人员");
    await sayAll(leader, ["0", "配电室电线私拉乱接", "限期整改"]);
    expect(texts(await leader.say("400"))).toContain("请回复整改期限天数（1～365）");
    expect(texts(await leader.say("十"))).toContain("已记录第 1 条隐患（限期整改：10 天）");
  });
});
