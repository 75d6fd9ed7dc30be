import { afterEach, describe, expect, it } from "vitest";
import { handleInboundMessage } from "../../../src/app/handle-inbound-message.ts";
import { commandText } from "../../../src/channels/telegram/telegram-inbound.ts";
import { createTestApp, DEMO, type TestApp, texts } from "../../support/test-app.ts";
import { HUANING, INSPECTORS, sayAll } from "./inspection-fixtures.ts";

describe("an enterprise's inspection QR code", () => {
  let app: TestApp | undefined;
  afterEach(async () => app?.close());

  it("passes Telegram's deep link /start insp-… through as itself, not as a binding code", () => {
    expect(commandText(`/start insp-${HUANING}`, "xunjian_bot", "绑定")).toBe(`/start insp-${HUANING}`);
    expect(commandText("/start K7M2Q9XA", "xunjian_bot", "绑定")).toBe("绑定 K7M2Q9XA");
  });

  it("opens an inspection of that enterprise from /start insp-…: the kind is asked, then the team", async () => {
    app = await createTestApp();
    const inspector = app.chat(INSPECTORS.inspectorPark);
    const opened = texts(await inspector.say(`/start insp-${HUANING}`));
    expect(opened).toContain("开始对「华宁精细化工有限公司」的现场检查");
    expect(opened).toContain("请选择检查类型");
    expect(texts(await inspector.say("7"))).toContain("检查组同行人员（华宁精细化工有限公司）");
    await sayAll(inspector, ["跳过", "0", "2", "完成", "跳过", "跳过", "跳过"]);
    await inspector.say("提交");
    const inspection = await app.db.inspection.findFirstOrThrow({ include: { enterprise: true } });
    expect(inspection).toMatchObject({ kind: "enforcement", outsideStaff: 2 });
    expect(inspection.enterprise.creditCode).toBe(HUANING);
  });

  it("opens one from the code word elsewhere: the code alone (any case) or after 检查", async () => {
    app = await createTestApp();
    expect(texts(await app.chat(DEMO.gridWorkerG3).say(`insp-${HUANING.toLowerCase()}`))).toContain(
      "开始对「华宁精细化工有限公司」的现场检查",
    );
    expect(texts(await app.chat(DEMO.leaderPark).say(`检查 insp-${HUANING}`))).toContain(
      "开始对「华宁精细化工有限公司」的现场检查",
    );
  });

  it("refuses a code outside the scanner's area, an unknown code, and a head who scans one", async () => {
    app = await createTestApp();
    const mall = "91320505MA0000016Q";
    expect(texts(await app.chat(INSPECTORS.inspectorPark).say(`/start insp-${mall}`))).toBe(
      "「万达广场购物中心」不在您负责的区域内，不能对其发起检查。请选择您辖区内的企业。",
    );
    expect(texts(await app.chat(DEMO.gridWorkerG3).say("insp-91320505MA0000099X"))).toContain(
      "检查码「91320505MA0000099X」无效",
    );
    expect(texts(await app.chat(DEMO.chemicalsHead).say(`/start insp-${HUANING}`))).toContain(
      "您是企业负责人",
    );
    expect(await app.db.conversation.count({ where: { state: { contains: "inspection" } } })).toBe(0);
  });

  it("does not start a second inspection over one in progress: it says so and repeats the question", async () => {
    app = await createTestApp();
    const leader = app.chat(DEMO.leaderPark);
    await sayAll(leader, ["检查", "1", "东泰"]);
    const again = texts(await leader.say(`/start insp-${HUANING}`));
    expect(again).toContain("您有一项进行中的检查（日常检查，东泰危险品仓储有限公司）");
    expect(again).toContain("检查组同行人员（东泰危险品仓储有限公司）");
  });

  it("is delivered once when Telegram redelivers the /start message", async () => {
    app = await createTestApp();
    const msg = {
      channel: "console",
      senderId: DEMO.leaderPark,
      platformMessageId: "start-qr-1",
      text: `/start insp-${HUANING}`,
      attachments: [],
      receivedAt: app.clock.now(),
    };
    expect(await handleInboundMessage(app.deps, msg)).toBe("processed");
    expect(await handleInboundMessage(app.deps, msg)).toBe("duplicate");
    const replies = await app.chat(DEMO.leaderPark).pull();
    expect(replies.filter((m) => m.text.includes("开始对「华宁精细化工有限公司」"))).toHaveLength(1);
  });
});
