import { afterEach, describe, expect, it } from "vitest";
import { handleInboundMessage } from "../../src/app/handle-inbound-message.ts";
import { createTestApp, DEMO, kindsContent, type TestApp, texts } from "../support/test-app.ts";

describe("nothing lost, nothing done twice", () => {
  let app: TestApp;
  afterEach(async () => app.close());

  it("resumes at the same question after a restart in the middle of a checklist", async () => {
    app = await createTestApp(kindsContent());
    const head = app.chat(DEMO.chemicalsHead);
    await head.say("自查");
    await head.say("是");
    expect((await head.say("专用柜"))[0]?.text).toContain("节日期间已落实哪些措施");

    app = await app.reopen();
    const again = app.chat(DEMO.chemicalsHead);
    expect((await again.say("1 3"))[0]?.text).toContain("节日期间值班人数");
    const run = await app.db.selfCheckRun.findFirstOrThrow();
    expect(run.status).toBe("in_progress");
  });

  it("processes the same platform message once when it is delivered twice", async () => {
    app = await createTestApp(kindsContent());
    const head = app.chat(DEMO.chemicalsHead);
    await head.say("自查");
    const msg = {
      channel: "console",
      senderId: DEMO.chemicalsHead,
      platformMessageId: "dup-1",
      text: "否",
      attachments: [],
      receivedAt: app.clock.now(),
    };
    expect(await handleInboundMessage(app.deps, msg)).toBe("processed");
    expect(await handleInboundMessage(app.deps, msg)).toBe("duplicate");
    // Concurrent redelivery: both race past the first check; the database lets one through.
    const racing = { ...msg, platformMessageId: "dup-2", text: "跳过" };
    const outcomes = await Promise.all([
      handleInboundMessage(app.deps, racing),
      handleInboundMessage(app.deps, racing),
    ]);
    expect(outcomes.sort()).toEqual(["duplicate", "processed"]);
    const replies = await head.pull();
    expect(replies).toHaveLength(2);
    expect(texts(replies)).toContain("请简要说明情况");
  });

  it("a resubmitted self-check opens no second ticket for the same hazard", async () => {
    app = await createTestApp(kindsContent());
    const head = app.chat(DEMO.chemicalsHead);
    const answerAll = async () => {
      await head.say("自查");
      for (const line of ["否", "跳过", "杂物堵塞", "2", "1", "0"]) await head.say(line);
      await head.say("跳过");
      await head.say("/photo test/fixtures/duty-room.png");
      await head.say("完成");
      return texts(await head.say("提交"));
    };
    const first = await answerAll();
    expect(first).toContain("登记隐患 3 项");
    const second = await answerAll();
    expect(second).toContain("（已在台账中，未重复登记）");
    expect(await app.db.ticket.count()).toBe(3);
    expect(await app.db.ticketEvent.count({ where: { kind: "seen_again" } })).toBe(3);
    expect(await app.db.selfCheckRun.count({ where: { status: "submitted" } })).toBe(2);
  });
});
