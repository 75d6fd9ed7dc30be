import fs from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { handleInboundMessage } from "../../../src/app/handle-inbound-message.ts";
import type { InboundMessage } from "../../../src/domain/messages.ts";
import { createTestApp, DEMO, type TestApp, texts } from "../../support/test-app.ts";
import { PHOTO, PHOTO_FILE, sayAll, shortInspection } from "./inspection-fixtures.ts";

describe("an inspection in progress: restarts, redeliveries, 取消, a shared location", () => {
  let app: TestApp;
  afterEach(async () => app.close());

  const message = (over: Partial<InboundMessage> & { platformMessageId: string }): InboundMessage => ({
    channel: "console",
    senderId: DEMO.leaderDistrict,
    attachments: [],
    receivedAt: app.clock.now(),
    ...over,
  });

  it("resumes at the same question after a restart, with the team and findings kept", async () => {
    app = await createTestApp();
    const leader = app.chat(DEMO.leaderDistrict);
    await sayAll(leader, ["检查", "4", "华宁", "1", "完成", "2", "0", PHOTO.before, "配电室电线私拉乱接"]);

    app = await app.reopen();
    const again = app.chat(DEMO.leaderDistrict);
    const resumed = texts(await again.say("检查"));
    expect(resumed).toContain("继续进行中的检查（督导检查，华宁精细化工有限公司）");
    expect(resumed).toContain("第 1 条隐患：照片 1 张；描述：配电室电线私拉乱接");
    await sayAll(again, ["限期整改", "跳过", "完成", "跳过", "跳过"]);
    const summary = texts(await again.say("跳过"));
    expect(summary).toContain("吴网格（网格员）；外聘专家 2 人");
    expect(summary).toContain("隐患：1 条（其中立即整改 0 条）");
    await again.say("提交");
    expect(await app.db.inspection.count()).toBe(1);
    expect(await app.db.attachment.count({ where: { purpose: "hazard" } })).toBe(1);
  });

  it("processes a redelivered 提交 once: one inspection, one ticket, one notice", async () => {
    app = await createTestApp();
    await sayAll(app.chat(DEMO.leaderDistrict), shortInspection(4));
    const submit = message({ platformMessageId: "insp-submit-1", text: "提交" });
    expect(await handleInboundMessage(app.deps, submit)).toBe("processed");
    expect(await handleInboundMessage(app.deps, submit)).toBe("duplicate");
    expect(await app.db.inspection.count()).toBe(1);
    expect(await app.db.ticket.count()).toBe(1);
    const notices = (await app.chat(DEMO.chemicalsHead).pull()).filter((m) =>
      m.text.includes("【整改通知】"),
    );
    expect(notices).toHaveLength(1);
  });

  it("keeps a finding's photo once when its message is delivered twice", async () => {
    app = await createTestApp();
    const leader = app.chat(DEMO.leaderDistrict);
    await sayAll(leader, ["检查", "4", "华宁", "跳过", "0", "0", "配电室电线私拉乱接"]);
    const photo = message({
      platformMessageId: "insp-photo-1",
      attachments: [{ name: "a.png", bytes: fs.readFileSync(PHOTO_FILE.other) }],
    });
    await Promise.all([handleInboundMessage(app.deps, photo), handleInboundMessage(app.deps, photo)]);
    const state = await app.db.conversation.findFirstOrThrow({ where: { externalId: DEMO.leaderDistrict } });
    expect(JSON.parse(state.state).draft.photoIds).toHaveLength(1);
  });

  it("records a shared location as on-site evidence, at any question", async () => {
    app = await createTestApp();
    await sayAll(app.chat(DEMO.leaderDistrict), ["检查", "4", "华宁"]);
    await handleInboundMessage(
      app.deps,
      message({
        platformMessageId: "loc-1",
        location: { latitude: 31.30123, longitude: 120.58561, label: "化工园路8号" },
      }),
    );
    const leader = app.chat(DEMO.leaderDistrict);
    const replies = texts(await leader.pull());
    expect(replies).toContain("已记录现场位置：化工园路8号（31.30123,120.58561）。");
    expect(replies).toContain("检查组同行人员");
    const summary = await sayAll(leader, ["跳过", "0", "0", "完成", "跳过", "跳过", "跳过"]);
    expect(summary).toContain("现场位置：化工园路8号（31.30123,120.58561）");
    await leader.say("提交");
    expect(await app.db.inspection.findFirstOrThrow()).toMatchObject({
      latitude: 31.30123,
      longitude: 120.58561,
      locationLabel: "化工园路8号",
    });
  });

  it("leaves with 取消 at any question, storing nothing", async () => {
    app = await createTestApp();
    const leader = app.chat(DEMO.leaderDistrict);
    await sayAll(leader, shortInspection(4));
    expect(texts(await leader.say("取消"))).toContain("已取消本次检查，未保存任何记录。");
    expect(await app.db.inspection.count()).toBe(0);
    expect(await app.db.ticket.count()).toBe(0);
    expect(texts(await leader.say("提交"))).toContain("没有理解");
  });

  it("reads 「检查…」 typed inside an inspection as its input, and 检查 alone as resume", async () => {
    app = await createTestApp();
    const leader = app.chat(DEMO.leaderDistrict);
    await sayAll(leader, ["检查", "4", "华宁", "跳过", "0", "0"]);
    expect(texts(await leader.say("检查发现配电箱电线私拉乱接"))).toContain(
      "描述：检查发现配电箱电线私拉乱接",
    );
  });
});
