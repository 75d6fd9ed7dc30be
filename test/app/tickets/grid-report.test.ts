import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestApp, type TestApp, texts } from "../../support/test-app.ts";
import { P, photo } from "./ticket-fixtures.ts";

describe("a grid worker reports a hazard (随手拍)", () => {
  let app: TestApp;
  beforeEach(async () => {
    app = await createTestApp();
  });
  afterEach(async () => app.close());

  it("photo first, then description, enterprise by name, location, confirm: a classified ticket for the right enterprise", async () => {
    const worker = app.chat(P.gridWorker);
    const first = texts(await worker.say(photo("exit-blocked.png")));
    expect(first).toContain("已收到照片 1 张");
    expect(first).toContain("请用一句话描述隐患情况");
    const list = await worker.say("仓库消防通道堆放纸箱，安全出口被堵");
    expect(list[0]?.text).toContain("请选择隐患所在企业");
    // Only enterprises of the worker's own grid (g3: the five chemicals enterprises) are offered.
    expect(list[0]?.choices).toHaveLength(5);
    expect(list[0]?.text).not.toContain("鑫达机械");
    expect(texts(await worker.say("鑫达"))).toContain("没有找到名称包含「鑫达」的企业");
    expect(texts(await worker.say("华宁"))).toContain("请描述具体位置");
    const confirm = texts(await worker.say("1号仓库东侧"));
    expect(confirm).toContain("企业：华宁精细化工有限公司");
    expect(confirm).toContain("照片：1 张");
    const done = texts(await worker.say("提交"));
    expect(done).toContain(
      "已上报并登记隐患 YH-2026-000001：安全出口、疏散通道堵塞或锁闭（一般隐患，整改期限 2026-09-25）",
    );

    const t = await app.db.ticket.findFirstOrThrow({ include: { enterprise: true, attachments: true } });
    expect(t).toMatchObject({
      source: "grid_report",
      hazardKey: "fire.exit_blocked",
      location: "1号仓库东侧",
      ruleId: "report-blocked-exit",
    });
    expect(t.enterprise.name).toBe("华宁精细化工有限公司");
    expect(t.attachments.map((a) => a.purpose)).toEqual(["hazard"]);
    expect(texts(await app.chat(P.head).pull())).toContain("【隐患通知】网格员 吴网格 发现贵单位一般隐患");
  });

  it("description first, numbered choice, skipped location; the same hazard again adds to the open ticket", async () => {
    const worker = app.chat(P.gridWorker);
    const report = async () => {
      expect(texts(await worker.say("随手拍"))).toContain("请发送隐患现场照片和文字描述");
      expect(texts(await worker.say("有限空间作业未检测气体，无人监护"))).toContain("还需要至少一张现场照片");
      await worker.say(photo("duty-room.png"));
      await worker.say("/choice ent:2");
      await worker.say("跳过");
      return texts(await worker.say("提交"));
    };
    const first = await report();
    // Imminent danger: stop work now, and 24 hours to make it safe.
    expect(first).toContain("⚠ 立即停止作业、撤出人员");
    expect(first).toContain("（重大隐患，整改期限 2026-09-25 09:00）");
    expect(await report()).toContain("该企业已有同类未销号隐患 YH-2026-000001");
    expect(await app.db.ticket.count()).toBe(1);
    // The leaders of the park and the district hear of it at once, not at a later sweep; only once.
    for (const leader of [P.leader, P.districtLeader]) {
      const got = await app.chat(leader).pull();
      expect(got.filter((m) => m.text.startsWith("【重大隐患】"))).toHaveLength(1);
      expect(got[0]?.image).toBeDefined();
    }
  });

  it("is refused to people who are not grid workers, and cancels cleanly", async () => {
    expect(texts(await app.chat(P.head).say("随手拍"))).toContain("隐患随手拍由网格员使用");
    const worker = app.chat(P.gridWorker);
    await worker.say(photo("duty-room.png"));
    expect(texts(await worker.say("取消"))).toContain("已取消上报");
    expect(await app.db.ticket.count()).toBe(0);
  });
});
