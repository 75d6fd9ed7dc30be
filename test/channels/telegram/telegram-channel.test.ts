import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createInvite } from "../../../src/app/identity/create-invite.ts";
import { type RunningChannels, startChannels } from "../../../src/channels/start-channels.ts";
import { telegramChannel } from "../../../src/channels/telegram/telegram-definition.ts";
import { Dispatcher } from "../../../src/outbox/dispatcher.ts";
import { openTwoTickets } from "../../app/tickets/ticket-fixtures.ts";
import { FakeTelegram, type FakeUser } from "../../support/fake-telegram.ts";
import { createTestApp, DEMO, FIXTURES, kindsContent, ROOT, type TestApp } from "../../support/test-app.ts";

const png = (name: string) => fs.readFileSync(path.join(FIXTURES, name));
const withChannelTexts = <T extends { promptsDir: string }>(dirs: T): T => {
  fs.copyFileSync(path.join(ROOT, "prompts", "channels.yaml"), path.join(dirs.promptsDir, "channels.yaml"));
  return dirs;
};

const head: FakeUser = { id: 7001, first_name: "国华", username: "guohua" };

describe("the Telegram channel against a fake Bot API", () => {
  let app: TestApp;
  let fake: FakeTelegram;
  let dispatcher: Dispatcher;
  let channels: RunningChannels;

  const start = async () => {
    channels = await startChannels(app.deps, dispatcher, {
      registry: [telegramChannel({ pollTimeoutSeconds: 1 })],
    });
  };
  /** Stops the bot and the app and starts them again on the same database. */
  const restart = async () => {
    await channels.stop();
    app = await app.reopen();
    dispatcher = new Dispatcher(app.deps.uow, app.deps.clock, app.deps.log);
    await start();
  };

  beforeEach(async () => {
    fake = await FakeTelegram.start();
    app = await createTestApp({
      ...withChannelTexts(kindsContent()),
      env: { TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot },
    });
    dispatcher = new Dispatcher(app.deps.uow, app.deps.clock, app.deps.log);
    await start();
  });
  afterEach(async () => {
    await channels.stop();
    await app.close();
    await fake.close();
  });

  /** Binds the user to the chemicals head; returns how many messages the chat has seen. */
  async function bind(user: FakeUser): Promise<number> {
    const { code } = await createInvite(app.deps, DEMO.chemicalsHead);
    fake.sendText(user, `/bind ${code}`);
    return (await fake.messagesTo(user.id, 2)).length;
  }

  it("registers its commands in Chinese and binds an account with /bind", async () => {
    expect(fake.commands.map((c) => c.command)).toEqual([
      "start",
      "bind",
      "selfcheck",
      "tickets",
      "review",
      "report",
      "help",
    ]);
    expect(fake.commands.find((c) => c.command === "selfcheck")?.description).toBe("开始或继续节前安全自查");
    expect(fake.callsOf("deleteWebhook")).toHaveLength(1);

    fake.sendText(head, "你好");
    expect((await fake.messagesTo(head.id, 1))[0]?.text).toContain("您的账号还没有绑定");
    await bind(head);
    const [ok] = fake.sentTo(head.id).slice(1);
    expect(ok?.text).toContain("绑定成功");
    const identity = await app.db.channelIdentity.findUniqueOrThrow({
      where: { channel_externalId: { channel: "telegram", externalId: "7001" } },
      include: { person: true },
    });
    expect(identity.person.phone).toBe(DEMO.chemicalsHead);
    expect(identity.displayName).toBe("国华");
  });

  it("binds through the invite link's /start <code>", async () => {
    const { code } = await createInvite(app.deps, DEMO.smallVenueHead);
    fake.sendText(head, `/start ${code}`);
    const [ok] = await fake.messagesTo(head.id, 2);
    expect(ok?.text).toContain("绑定成功");
  });

  it("runs a whole self-check with button presses and photos, showing each choice on its message", async () => {
    let seen = await bind(head);
    const next = async (n = 1) => {
      const got = await fake.messagesTo(head.id, n, seen);
      seen += n;
      return got;
    };
    fake.sendText(head, "/selfcheck");
    const [intro, q1] = await next(2);
    expect(intro?.text).toContain("测试自查清单");
    expect(q1?.text).toContain("第 1/6 题");
    await channels.settled();
    const { promptId } = await app.db.chatPrompt.findUniqueOrThrow({
      where: { channel_chat: { channel: "telegram", chat: String(head.id) } },
    });
    expect(promptId).toMatch(/^[0-9a-f]{8}$/);
    expect(
      q1?.keyboard?.inline_keyboard.flat().map((b) => [b.text, "callback_data" in b && b.callback_data]),
    ).toEqual([
      ["是", `p:${promptId}:yes`],
      ["否", `p:${promptId}:no`],
    ]);

    if (!q1) throw new Error("no question");
    fake.press(head, q1, "否");
    const [photoQ] = await next();
    expect(photoQ?.text).toContain("请拍摄堵塞的安全出口");
    await fake.until("the pressed message shows the choice", () => q1.edits === 1);
    expect(q1.text).toMatch(/安全出口是否畅通？[\s\S]*\n\n已选择：否$/);
    expect(q1.keyboard).toBeUndefined();
    expect(fake.callsOf("answerCallbackQuery")).toHaveLength(1);

    fake.sendPhoto(head, png("exit-blocked.png"), { caption: "通道" });
    expect((await next())[0]?.text).toContain("已收到 1 张照片");
    fake.sendText(head, "完成");
    expect((await next())[0]?.text).toContain("请简要说明情况");
    fake.sendText(head, "消防通道堆放纸箱");
    const [storage] = await next();
    if (!storage) throw new Error("no question");
    fake.press(head, storage, "露天堆放");
    const [measures] = await next();
    if (!measures) throw new Error("no question");
    expect(measures.text).toContain("节日期间已落实哪些措施");
    fake.press(head, measures, "值班值守");
    expect((await next())[0]?.text).toContain("节日期间值班人数");
    fake.sendText(head, "3");
    expect((await next())[0]?.text).toContain("其他需要说明的情况");
    fake.sendText(head, "跳过");
    expect((await next())[0]?.text).toContain("请拍摄一张值班室照片");
    fake.sendPhoto(head, png("duty-room.png"));
    await next();
    fake.sendText(head, "完成");
    const [summary] = await next();
    if (!summary) throw new Error("no summary");
    expect(summary.text).toContain("请核对");
    expect(summary.text).toContain("露天堆放");
    fake.press(head, summary, "提交");
    const [receipt] = await next();
    expect(receipt?.text).toContain("登记隐患 2 项");
    await fake.until("the summary shows 提交", () => summary.text?.endsWith("已选择：提交") === true);

    const tickets = await app.db.ticket.findMany({
      orderBy: { number: "asc" },
      include: { attachments: true },
    });
    expect(tickets.map((t) => t.hazardKey)).toEqual(["test.exit_blocked", "test.open_storage"]);
    expect(tickets[0]?.attachments).toHaveLength(1);
    // The largest photo size was downloaded (the smaller ones are not images at all).
    const stored = await app.deps.files.get(tickets[0]?.attachments[0]?.sha256 ?? "");
    expect(stored.equals(png("exit-blocked.png"))).toBe(true);
  });

  it("takes an album as several photos for one photo question", async () => {
    let seen = await bind(head);
    fake.sendText(head, "自查");
    await fake.messagesTo(head.id, 2, seen);
    seen += 2;
    fake.sendText(head, "否");
    await fake.messagesTo(head.id, 1, seen);
    seen += 1;
    for (const f of ["exit-blocked.png", "after-fix.png", "duty-room.png"])
      fake.sendPhoto(head, png(f), { mediaGroupId: "album-1" });
    const replies = await fake.messagesTo(head.id, 3, seen);
    expect(replies.map((m) => m.text)).toEqual([
      expect.stringContaining("已收到 1 张照片"),
      expect.stringContaining("已收到 2 张照片"),
      expect.stringContaining("已收到 3 张照片"),
    ]);
    const photos = await app.db.attachment.findMany({ where: { questionId: "k_exits_photo" } });
    expect(photos).toHaveLength(3);
  });

  it("ignores a button of an older question instead of answering the current one with it", async () => {
    let seen = await bind(head);
    fake.sendText(head, "自查");
    const [, q1] = await fake.messagesTo(head.id, 2, seen);
    seen += 2;
    fake.sendText(head, "是");
    const [q2] = await fake.messagesTo(head.id, 1, seen);
    seen += 1;
    expect(q2?.text).toContain("危险物品储存方式");
    if (!q1) throw new Error("no question");
    fake.press(head, q1, "否");
    await fake.until("the old keyboard is removed", () => q1.keyboard === undefined);
    expect(fake.callsOf("answerCallbackQuery").at(-1)?.text).toBe("这是之前的问题，请按最新一条消息作答。");
    // The flow is still at question 2.
    fake.sendText(head, "1");
    expect((await fake.messagesTo(head.id, 1, seen))[0]?.text).toContain("节日期间已落实哪些措施");
  });

  it("refuses an older question's button after a restart too, and takes the current question's", async () => {
    let seen = await bind(head);
    fake.sendText(head, "自查");
    const [, q1] = await fake.messagesTo(head.id, 2, seen);
    seen += 2;
    fake.sendText(head, "是");
    const [q2] = await fake.messagesTo(head.id, 1, seen);
    seen += 1;
    if (!q1 || !q2) throw new Error("no question");
    await channels.settled();
    await restart();
    fake.press(head, q1, "否");
    await fake.until("the old keyboard is removed", () => q1.keyboard === undefined);
    expect(fake.callsOf("answerCallbackQuery").at(-1)?.text).toBe("这是之前的问题，请按最新一条消息作答。");
    fake.press(head, q2, "露天堆放");
    expect((await fake.messagesTo(head.id, 1, seen))[0]?.text).toContain("节日期间已落实哪些措施");
    await fake.until("q2 shows the choice", () => q2.text?.endsWith("已选择：露天堆放") === true);
  });

  it("takes a second press of an answered question's button as stale", async () => {
    let seen = await bind(head);
    fake.sendText(head, "自查");
    const [, q1] = await fake.messagesTo(head.id, 2, seen);
    seen += 2;
    if (!q1) throw new Error("no question");
    await channels.settled();
    const pressed = q1.keyboard;
    fake.press(head, q1, "是");
    expect((await fake.messagesTo(head.id, 1, seen))[0]?.text).toContain("危险物品储存方式");
    seen += 1;
    await fake.until("q1 shows the choice", () => q1.keyboard === undefined);
    // The same button again, as from a second device that still shows the keyboard.
    const yes = pressed?.inline_keyboard[0]?.[0];
    fake.pressData(
      head,
      { ...q1, keyboard: pressed },
      yes && "callback_data" in yes ? yes.callback_data : "",
    );
    await fake.until("the press is refused", () => fake.callsOf("answerCallbackQuery").length === 2);
    expect(fake.callsOf("answerCallbackQuery").at(-1)?.text).toBe("这是之前的问题，请按最新一条消息作答。");
    await channels.settled();
    expect(fake.sentTo(head.id)).toHaveLength(seen);
    // Both presses are recorded as seen (a redelivery of either is dropped), but only the first answered.
    expect(await app.db.inboundMessage.count({ where: { platformMessageId: { startsWith: "cb:" } } })).toBe(
      2,
    );
    expect(await app.db.selfCheckRun.count()).toBe(1);
    const state = await app.db.conversation.findFirstOrThrow({ where: { channel: "telegram" } });
    expect(Object.keys(JSON.parse(state.state).answers)).toHaveLength(1);
  });

  it("in a group refuses a press of a question asked to someone else", async () => {
    await bind(head);
    const other: FakeUser = { id: 7002, first_name: "小王" };
    const { code } = await createInvite(app.deps, DEMO.smallVenueHead);
    fake.sendText(other, `/bind ${code}`);
    await fake.messagesTo(other.id, 1);
    const group = { id: -100456, type: "group" as const };
    fake.sendText(head, "/selfcheck", group);
    const [, q1] = await fake.messagesTo(group.id, 2);
    if (!q1) throw new Error("no question");
    await channels.settled();
    fake.press(other, q1, "否");
    await fake.until("the press is refused", () => fake.callsOf("answerCallbackQuery").length === 1);
    expect(fake.callsOf("answerCallbackQuery")[0]?.text).toBe("这是发给其他人的问题，请勿代为作答。");
    expect(q1.keyboard).toBeDefined();
    fake.press(head, q1, "否");
    expect((await fake.messagesTo(group.id, 1, 2))[0]?.text).toContain("请拍摄堵塞的安全出口");
  });

  it("waits out a 429 with its retry_after before sending again", async () => {
    const seen = await bind(head);
    fake.failNext("sendMessage", {
      error_code: 429,
      description: "Too Many Requests: retry after 7",
      parameters: { retry_after: 7 },
    });
    const before = app.clock.now().getTime();
    fake.sendText(head, "帮助");
    const row = async () =>
      app.db.outboxMessage.findFirstOrThrow({
        where: { channel: "telegram" },
        orderBy: { createdAt: "desc" },
      });
    await fake.until("the 429 is recorded", () => fake.callsOf("sendMessage").length === seen + 1);
    await channels.settled();
    const failed = await row();
    expect(failed.status).toBe("pending");
    expect(failed.lastError).toContain("429");
    expect(failed.nextAttemptAt.getTime()).toBe(before + 7000);

    expect(await dispatcher.drain()).toBe(0);
    app.clock.advance(6999);
    expect(await dispatcher.drain()).toBe(0);
    app.clock.advance(1);
    expect(await dispatcher.drain()).toBe(1);
    expect(fake.lastTo(head.id).text).toContain("您可以发送");
    expect((await row()).status).toBe("sent");
  });

  it("marks a user who blocked the bot and does not retry, until they write again", async () => {
    await bind(head);
    fake.failNext("sendMessage", { error_code: 403, description: "Forbidden: bot was blocked by the user" });
    fake.sendText(head, "帮助");
    await fake.until("the 403", () => fake.calls.filter((c) => c.method === "sendMessage").length === 3);
    await channels.settled();
    const dead = await app.db.outboxMessage.findFirstOrThrow({
      where: { channel: "telegram", status: "dead" },
    });
    expect(dead.attempts).toBe(1);
    const where = { channel_externalId: { channel: "telegram", externalId: "7001" } };
    const marked = await app.db.channelIdentity.findUniqueOrThrow({ where });
    expect(marked.blockedAt).not.toBeNull();
    expect(marked.blockedReason).toContain("blocked by the user");
    expect(await app.db.auditLog.count({ where: { action: "identity.unreachable" } })).toBe(1);

    fake.sendText(head, "帮助");
    await fake.messagesTo(head.id, 3);
    expect((await app.db.channelIdentity.findUniqueOrThrow({ where })).blockedAt).toBeNull();
  });

  it("handles a redelivered update once after a restart", async () => {
    const hello = fake.sendText(head, "你好");
    await fake.messagesTo(head.id, 1);
    await channels.stop();
    // The restarted bot gets the same update again (as when its last batch was not confirmed).
    await start();
    fake.redeliver(hello);
    fake.sendText(head, "在吗");
    await fake.messagesTo(head.id, 2);
    await channels.settled();
    expect(fake.sentTo(head.id)).toHaveLength(2);
    expect(await app.db.inboundMessage.count()).toBe(2);
  });

  it("keeps polling after Telegram errors", async () => {
    fake.failNext("getUpdates", { error_code: 502, description: "Bad Gateway" });
    fake.failNext("getUpdates", {
      error_code: 409,
      description: "Conflict: terminated by other getUpdates request",
    });
    fake.sendText(head, "你好");
    expect((await fake.messagesTo(head.id, 1))[0]?.text).toContain("您的账号还没有绑定");
  });

  it("answers one chat's messages in the order they were sent", async () => {
    const seen = await bind(head);
    fake.sendText(head, "帮助");
    fake.sendText(head, "自查");
    fake.sendText(head, "是");
    const replies = await fake.messagesTo(head.id, 4, seen);
    expect(replies.map((m) => m.text)).toEqual([
      expect.stringContaining("您可以发送"),
      expect.stringContaining("测试自查清单"),
      expect.stringContaining("第 1/6 题"),
      expect.stringContaining("危险物品储存方式"),
    ]);
  });

  it("shows a leader card with a bold title and a button that stays valid after later questions", async () => {
    let seen = await bind(head);
    const card = {
      title: "安全生产提示卡 <国庆>",
      lines: [{ label: "活动", value: "2026 国庆节" }],
      choices: [{ id: "read:notice-1", label: "已阅" }],
    };
    await channels
      .get("telegram")
      ?.send(
        String(head.id),
        { text: "请关注。", card, expects: "choice" },
        { key: "test:card", outboxId: "test" },
      );
    const [shown] = await fake.messagesTo(head.id, 1, seen);
    seen += 1;
    if (!shown) throw new Error("no card");
    expect(shown.parseMode).toBe("HTML");
    expect(shown.text).toBe("<b>安全生产提示卡 &lt;国庆&gt;</b>\n活动：2026 国庆节\n\n请关注。");
    expect(shown.keyboard?.inline_keyboard).toEqual([[{ text: "已阅", callback_data: "k:read:notice-1" }]]);

    fake.sendText(head, "自查");
    await fake.messagesTo(head.id, 2, seen);
    fake.press(head, shown, "已阅");
    await fake.until("the card shows the press", () => shown.text?.endsWith("已选择：已阅") === true);
    expect(await app.db.inboundMessage.count({ where: { platformMessageId: { startsWith: "cb:" } } })).toBe(
      1,
    );
  });

  it("in a group answers only what is meant for the bot, into the group", async () => {
    await bind(head);
    const group = { id: -100123, type: "group" as const };
    fake.sendText(head, "大家节日快乐", group);
    fake.sendText(head, "@xunjian_test_bot 帮助", group);
    const [reply] = await fake.messagesTo(group.id, 1);
    expect(reply?.text).toContain("您可以发送");
    fake.sendText(head, "/help@another_bot", group);
    fake.sendText(head, "/help@xunjian_test_bot", group);
    await fake.messagesTo(group.id, 2);
    await channels.settled();
    expect(fake.sentTo(group.id)).toHaveLength(2);
    expect(
      await app.db.inboundMessage.count({
        where: { platformMessageId: { startsWith: `${group.id}:` } },
      }),
    ).toBe(2);
  });

  it("takes a rectification's photos as an album", async () => {
    await openTwoTickets(app);
    let seen = await bind(head);
    const next = async (n = 1) => {
      const got = await fake.messagesTo(head.id, n, seen);
      seen += n;
      return got;
    };
    fake.sendText(head, "整改 YH-2026-000001");
    expect((await next())[0]?.text).toContain("请用文字说明采取的整改措施");
    fake.sendText(head, "已清理通道内全部纸箱");
    await next();
    fake.sendPhoto(head, png("after-fix.png"), { mediaGroupId: "fix-album" });
    fake.sendPhoto(head, png("duty-room.png"), { mediaGroupId: "fix-album" });
    expect((await next(2)).map((m) => m.text)).toEqual([
      expect.stringContaining("已收到整改照片 1 张"),
      expect.stringContaining("已收到整改照片 2 张"),
    ]);
    fake.sendText(head, "完成");
    expect((await next())[0]?.text).toContain("整改照片：2 张");
    fake.sendText(head, "提交");
    expect((await next())[0]?.text).toContain("整改已提交");
    const ticket = await app.db.ticket.findUniqueOrThrow({
      where: { number: "YH-2026-000001" },
      include: { attachments: true, events: true },
    });
    expect(ticket.status).toBe("submitted");
    expect(ticket.attachments.filter((a) => a.purpose === "rectification")).toHaveLength(2);
    expect(ticket.events.at(-1)?.channel).toBe("telegram");
  });
});
