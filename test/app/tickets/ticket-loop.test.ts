import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestApp, kindsContent, type TestApp, texts } from "../../support/test-app.ts";
import { openTwoTickets, P, photo } from "./ticket-fixtures.ts";

const GENERAL = "YH-2026-000001";
const MAJOR = "YH-2026-000002";

describe("the closed loop of a hazard ticket, in chat", () => {
  let app: TestApp;
  beforeEach(async () => {
    app = await createTestApp(kindsContent());
    await openTwoTickets(app);
  });
  afterEach(async () => app.close());

  const ticket = (number: string) =>
    app.db.ticket.findUniqueOrThrow({
      where: { number },
      include: { events: { orderBy: { at: "asc" } }, attachments: true },
    });

  async function rectify(head: ReturnType<TestApp["chat"]>, number: string, photos: string[]) {
    await head.say(`整改 ${number}`);
    await head.say("已清理通道内全部纸箱，张贴禁止堆放标识");
    for (const p of photos) await head.say(photo(p));
    await head.say("完成");
    return head.say("提交");
  }

  it("lists the head's open tickets with grade, deadline and overdue mark, and shows one with its history", async () => {
    const head = app.chat(P.head);
    const list = texts(await head.say("我的隐患"));
    expect(list).toContain("未销号隐患 2 项");
    expect(list).toContain(
      `${GENERAL}｜华宁精细化工有限公司｜安全出口堵塞｜一般隐患｜待整改｜期限 2026-09-27`,
    );
    expect(list).not.toContain("已逾期");
    app.clock.advance(4 * 86_400_000);
    expect(texts(await head.say("我的隐患"))).toContain("期限 2026-09-27｜⚠已逾期");
    const detail = texts(await head.say(`隐患 ${MAJOR.toLowerCase()}`));
    expect(detail).toContain("等级：重大隐患（挂牌督办）");
    expect(detail).toMatch(/· 2026-09-24 09:00 \S+ 登记/);
  });

  it("rectify → review passes → closed (销号), with the head told", async () => {
    const head = app.chat(P.head);
    const worker = app.chat(P.gridWorker);
    expect((await head.say(`整改 ${GENERAL}`))[0]?.text).toContain("请用文字说明采取的整改措施");
    expect((await ticket(GENERAL)).status).toBe("rectifying");
    expect((await head.say("已清理通道内全部纸箱"))[0]?.expects).toBe("photo");
    // The photo registered with the hazard is no evidence of its rectification.
    expect((await head.say(photo("exit-blocked.png")))[0]?.text).toContain("与隐患登记时的照片完全相同");
    expect((await head.say("完成"))[0]?.text).toContain("至少 1 张，目前 0 张");
    expect((await head.say(photo("after-fix.png")))[0]?.text).toContain("已收到整改照片 1 张");
    expect((await head.say("完成"))[0]?.text).toContain("整改照片：1 张");
    expect(texts(await head.say("提交"))).toContain("整改已提交，等待网格员复查");

    expect(texts(await worker.pull())).toContain(`【待复查】华宁精细化工有限公司 已提交隐患 ${GENERAL}`);
    expect(texts(await worker.say("待复查"))).toContain(`${GENERAL}｜华宁精细化工有限公司｜安全出口堵塞`);
    expect(texts(await worker.say(`通过 ${GENERAL}`))).toContain("复查通过，已销号");
    expect(texts(await head.pull())).toContain(`【复查通过】隐患 ${GENERAL}`);

    const t = await ticket(GENERAL);
    expect(t.status).toBe("closed");
    expect(t.closedAt?.toISOString()).toBe(app.clock.now().toISOString());
    expect(t.events.map((e) => e.kind)).toEqual(["opened", "rectification_started", "submitted", "passed"]);
    expect(t.events.every((e) => e.channel === "console" && e.actorId !== null)).toBe(true);
    expect(t.attachments.map((a) => a.purpose).sort()).toEqual(["hazard", "rectification"]);
    expect(texts(await worker.say("待复查"))).toContain("目前没有等待您复查的整改");
  });

  it("rectify → returned with a reason → rectify again → passes", async () => {
    const head = app.chat(P.head);
    const worker = app.chat(P.gridWorker);
    await rectify(head, GENERAL, ["after-fix.png"]);
    expect(texts(await worker.say(`退回 ${GENERAL}`))).toContain("请写明原因");
    expect(texts(await worker.say(`退回 ${GENERAL} 照片里通道仍有杂物`))).toContain(
      "已退回整改，原因：照片里通道仍有杂物",
    );
    expect(texts(await head.pull())).toContain("复查未通过，原因：照片里通道仍有杂物");
    expect((await ticket(GENERAL)).status).toBe("returned");
    expect(texts(await rectify(head, GENERAL, ["duty-room.png"]))).toContain("整改已提交");
    await worker.say(`通过 ${GENERAL}`);
    const t = await ticket(GENERAL);
    expect(t.status).toBe("closed");
    expect(t.events.map((e) => e.kind)).toEqual([
      "opened",
      "rectification_started",
      "submitted",
      "returned",
      "rectification_started",
      "submitted",
      "passed",
    ]);
    expect(t.events.find((e) => e.kind === "returned")?.note).toBe("照片里通道仍有杂物");
  });

  it("a major hazard is rectified only with its six-part treatment plan, whose time limit sets the deadline", async () => {
    const head = app.chat(P.head);
    const start = texts(await head.say(`整改 ${MAJOR}`));
    expect(start).toContain("重大隐患，已挂牌督办");
    expect(start).toContain("治理方案 1/6：请填写「治理的目标和任务」");
    const parts = [
      "消除露天堆放",
      "建设专用仓库并分类存放",
      "投入资金20万元",
      "安全科牵头，张三负责",
      "2026年10月15日前完成",
      "设置警戒区并配备应急物资",
    ];
    for (const [i, part] of parts.entries()) {
      if (i === 4) {
        // A time limit that reads as no date is asked again, with an example.
        const again = texts(await head.say("尽快完成"));
        expect(again).toContain("没能从「尽快完成」读出治理时限");
        expect(again).toContain("例如：「2026-10-24 前完成」或「30天内完成」");
        expect(again).toContain("治理方案 5/6");
      }
      const reply = texts(await head.say(part));
      if (i < 5) expect(reply).toContain(`治理方案 ${i + 2}/6`);
      else expect(reply).toContain("治理方案已保存，按治理时限整改期限定为 2026-10-15");
    }
    expect(texts(await app.chat(P.leader).pull())).toContain(
      `【治理方案】华宁精细化工有限公司 已录入重大隐患 ${MAJOR}（危险物品露天堆放）的治理方案，按治理时限整改期限定为 2026-10-15`,
    );
    await head.say("已全部移入专用仓库");
    await head.say(photo("after-fix.png"));
    expect(texts(await head.say("完成"))).toContain("至少 2 张，目前 1 张");
    await head.say(photo("duty-room.png"));
    await head.say("完成");
    expect(texts(await head.say("提交"))).toContain("重大隐患须由区域领导或安委办管理员复查销号");
    const t = await ticket(MAJOR);
    expect(t.status).toBe("submitted");
    expect(t.deadline.toISOString()).toBe("2026-10-15T15:59:00.000Z");
    expect(JSON.parse(t.treatmentPlan ?? "{}")).toMatchObject({
      goal: "消除露天堆放",
      timeLimit: "2026年10月15日前完成",
      safety: "设置警戒区并配备应急物资",
    });
    expect(t.funds).toBe("投入资金20万元");
    expect(t.events.find((e) => e.kind === "plan_recorded")?.note).toBe(
      "治理的时限和要求：2026年10月15日前完成（2026-10-24 → 2026-10-15）",
    );
  });

  it("a major hazard's 销号 is the leader's or the admin's: a grid worker alone may not pass it", async () => {
    const head = app.chat(P.head);
    await head.say(`整改 ${MAJOR}`);
    for (const part of ["目标", "措施", "资金", "人员", "30天内完成", "应急预案"]) await head.say(part);
    await head.say("已全部移入专用仓库");
    await head.say(photo("after-fix.png"));
    await head.say(photo("duty-room.png"));
    await head.say("完成");
    await head.say("提交");

    // The leaders of the area and the admin are asked to review; the grid worker is not.
    const waiting = `【重大隐患销号申请】华宁精细化工有限公司 主要负责人已提交重大隐患 ${MAJOR}（危险物品露天堆放）的整改`;
    expect(texts(await app.chat(P.leader).pull())).toContain(waiting);
    expect(texts(await app.chat(P.districtLeader).pull())).toContain(waiting);
    expect(texts(await app.chat(P.admin).pull())).toContain(waiting);
    expect(texts(await app.chat(P.gridWorker).pull())).not.toContain("销号申请");

    const worker = app.chat(P.gridWorker);
    expect(texts(await worker.say("待复查"))).toContain("目前没有等待您复查的整改");
    expect(texts(await worker.say(`通过 ${MAJOR}`))).toBe(
      `隐患 ${MAJOR} 是重大隐患，须由区域领导或安委办管理员复查销号，网格员不能单独通过。您可以现场核查后报告领导，或发送「退回 ${MAJOR} 原因」退回整改。`,
    );
    expect((await ticket(MAJOR)).status).toBe("submitted");

    const leader = app.chat(P.leader);
    expect(texts(await leader.say("待复查"))).toContain(
      `${MAJOR}｜华宁精细化工有限公司｜危险物品露天堆放｜重大隐患｜待复查`,
    );
    expect(texts(await leader.say(`通过 ${MAJOR}`))).toContain("复查通过，已销号");
    const t = await ticket(MAJOR);
    expect(t.status).toBe("closed");
    expect(t.events.at(-1)).toMatchObject({ kind: "passed", actorId: expect.any(String) });
    expect(texts(await head.pull())).toContain(`【复查通过】隐患 ${MAJOR}`);
  });

  it("a grid worker may return a major hazard's rectification with a reason", async () => {
    const head = app.chat(P.head);
    await head.say(`整改 ${MAJOR}`);
    for (const part of ["目标", "措施", "资金", "人员", "30天内完成", "应急预案"]) await head.say(part);
    for (const line of ["已移入仓库", photo("after-fix.png"), photo("duty-room.png"), "完成", "提交"])
      await head.say(line);
    expect(texts(await app.chat(P.gridWorker).say(`退回 ${MAJOR} 仓库仍有露天堆放`))).toContain("已退回整改");
    expect((await ticket(MAJOR)).status).toBe("returned");
  });

  it("a closed ticket is reopened by a leader ('closed but not fixed') and must be rectified again", async () => {
    const head = app.chat(P.head);
    await rectify(head, GENERAL, ["after-fix.png"]);
    await app.chat(P.gridWorker).say(`通过 ${GENERAL}`);
    await head.pull();
    const leader = app.chat(P.leader);
    expect(texts(await leader.say(`重新打开 ${GENERAL} 复查发现通道再次被堵`))).toContain("已重新打开");
    expect(texts(await head.pull())).toContain("【重新打开】");
    const t = await ticket(GENERAL);
    expect(t.status).toBe("reopened");
    expect(t.closedAt).toBeNull();
    expect(texts(await head.say("我的隐患"))).toContain("已重新打开");
    expect(texts(await rectify(head, GENERAL, ["duty-room.png"]))).toContain("整改已提交");
  });

  it("cancelling a rectification keeps the ticket and loses nothing; a paused self-check comes back", async () => {
    const head = app.chat(P.head);
    await head.say("自查");
    await head.say("是");
    const rect = texts(await head.say(`整改 ${GENERAL}`));
    expect(rect).toContain("请用文字说明");
    const cancelled = texts(await head.say("取消"));
    expect(cancelled).toContain(`已退出整改，隐患 ${GENERAL} 仍为「整改中」`);
    expect(cancelled).toContain("您之前的自查已暂停");
    expect(texts(await head.say("自查"))).toContain("危险物品储存方式");
  });
});
