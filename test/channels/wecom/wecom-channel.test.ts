import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createInvite } from "../../../src/app/identity/create-invite.ts";
import { type RunningChannels, startChannels } from "../../../src/channels/start-channels.ts";
import { WecomChannel } from "../../../src/channels/wecom/wecom-channel.ts";
import { WECOM_RATE_LIMITS } from "../../../src/channels/wecom/wecom-definition.ts";
import { Dispatcher } from "../../../src/outbox/dispatcher.ts";
import { OutboxStore } from "../../../src/store/outbox-store.ts";
import { FakeWecom, type SentWecom, WECOM_KEYS, wecomEnv } from "../../support/fake-wecom.ts";
import { createTestApp, DEMO, FIXTURES, kindsContent, ROOT, type TestApp } from "../../support/test-app.ts";

const withChannelTexts = <T extends { promptsDir: string }>(dirs: T): T => {
  fs.copyFileSync(path.join(ROOT, "prompts", "channels.yaml"), path.join(dirs.promptsDir, "channels.yaml"));
  return dirs;
};
const png = (name: string) => fs.readFileSync(path.join(FIXTURES, name));
const USER = "ZhangSan";
const said = (m: SentWecom | undefined) =>
  m?.text?.content ??
  m?.markdown?.content ??
  [m?.template_card?.main_title.title, m?.template_card?.sub_title_text].join("\n");

describe("the WeCom channel against a fake WeCom API", () => {
  let app: TestApp;
  let fake: FakeWecom;
  let dispatcher: Dispatcher;
  let channels: RunningChannels;
  let callbackUrl: string;
  let msgId = 1;
  /** Messages to USER already looked at. */
  let seen = 0;

  beforeEach(async () => {
    seen = 0;
    fake = await FakeWecom.start();
    app = await createTestApp({
      ...withChannelTexts(kindsContent()),
      env: wecomEnv(fake.apiRoot),
    });
    dispatcher = new Dispatcher(app.deps.uow, app.deps.clock, app.deps.log);
    channels = await startChannels(app.deps, dispatcher);
    callbackUrl = `${channels.http?.url}/wecom/callback`;
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await channels.stop();
    await app.close();
    await fake.close();
  });

  /** Posts a callback as WeCom does and waits until it has been handled and answered. */
  async function post(xml: string, sealed = FakeWecom.seal(xml)): Promise<Response> {
    const res = await fetch(`${callbackUrl}?${sealed.query}`, { method: "POST", body: sealed.body });
    await channels.find(WecomChannel)?.idle();
    await channels.settled();
    return res;
  }
  const text = (content: string) => post(FakeWecom.textXml(USER, content, String(msgId++)));
  const next = async (n = 1) => {
    const got = await fake.messagesTo(USER, n, seen);
    seen += n;
    return got;
  };
  const bind = async () => {
    const { code } = await createInvite(app.deps, DEMO.chemicalsHead);
    await text(`绑定 ${code}`);
    return next(2);
  };
  it("answers WeCom's URL verification with the decrypted echostr", async () => {
    const sealed = FakeWecom.seal("8843105227791961"); // WeCom encrypts a random number as echostr
    const params = new URLSearchParams(sealed.query);
    const echostr = /<Encrypt><!\[CDATA\[(.*)\]\]><\/Encrypt>/.exec(sealed.body)?.[1] ?? "";
    params.set("echostr", echostr);
    const ok = await fetch(`${callbackUrl}?${params}`);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe("8843105227791961");
    params.set("msg_signature", "0".repeat(40));
    expect((await fetch(`${callbackUrl}?${params}`)).status).toBe(401);
  });

  it("refuses callbacks that are wrongly signed, encrypted with another key, or for another company", async () => {
    const xml = FakeWecom.textXml(USER, "你好", "77");
    const good = FakeWecom.seal(xml);
    const badSignature = {
      ...good,
      query: good.query.replace(/msg_signature=\w+/, `msg_signature=${"a".repeat(40)}`),
    };
    expect((await post(xml, badSignature)).status).toBe(401);
    const otherKey = FakeWecom.seal(xml, {
      ...WECOM_KEYS,
      aesKey: "ZYXWVUTSRQPONMLKJIHGFEDCBA9876543210zyxwvut",
    });
    expect((await post(xml, otherKey)).status).toBe(401);
    const otherCorp = FakeWecom.seal(xml, { ...WECOM_KEYS, corpId: "ww0000000000000000" });
    expect((await post(xml, otherCorp)).status).toBe(401);
    expect(await app.db.inboundMessage.count()).toBe(0);
    const res = await post(xml, good);
    expect(await res.text()).toBe("success");
    expect(await app.db.inboundMessage.count()).toBe(1);
  });

  it("binds a member and runs a self-check answered by card clicks, with photos", async () => {
    const [ok] = await bind();
    expect(ok?.msgtype).toBe("text");
    expect(said(ok)).toContain("绑定成功");
    await text("自查");
    const [intro, q1] = await next(2);
    expect(said(intro)).toContain("测试自查清单");
    expect(q1?.msgtype).toBe("template_card");
    expect(q1?.template_card?.main_title.title).toBe("第 1/6 题：安全出口是否畅通？");
    expect(q1?.template_card?.button_list.map((b) => b.text)).toEqual(["是", "否"]);
    if (!q1) throw new Error("no card");

    await post(FakeWecom.clickXml(USER, q1, "否"));
    expect(said((await next())[0])).toContain("请拍摄堵塞的安全出口");
    expect(fake.cardUpdates).toEqual([
      {
        userids: [USER],
        agentid: WECOM_KEYS.agentId,
        response_code: q1.responseCode,
        button: { replace_name: "已选择：否" },
      },
    ]);

    await post(FakeWecom.imageXml(USER, fake.addMedia(png("exit-blocked.png")), String(msgId++)));
    expect(said((await next())[0])).toContain("已收到 1 张照片");
    await text("完成");
    await next();
    await text("消防通道堆放纸箱");
    const [storage] = await next();
    if (!storage) throw new Error("no card");
    await post(FakeWecom.clickXml(USER, storage, "露天堆放"));
    const [measures] = await next();
    if (!measures) throw new Error("no card");
    await post(FakeWecom.clickXml(USER, measures, "值班值守"));
    expect(said((await next())[0])).toContain("节日期间值班人数");
    await text("3");
    await next();
    await text("跳过");
    await next();
    await post(FakeWecom.imageXml(USER, fake.addMedia(png("duty-room.png")), String(msgId++)));
    await next();
    await text("完成");
    // The summary is too long for a card: the text, then a short card with the buttons.
    const [summary, confirm] = await next(2);
    expect(summary?.msgtype).toBe("text");
    expect(said(summary)).toContain("露天堆放");
    expect(confirm?.template_card?.main_title.title).toMatch(/^全部 \d+ 题已答完/);
    expect(confirm?.template_card?.button_list.map((b) => b.text)).toEqual(["提交", "上一题"]);
    if (!confirm) throw new Error("no card");
    await post(FakeWecom.clickXml(USER, confirm, "提交"));
    expect(said((await next())[0])).toContain("登记隐患 2 项");
    const tickets = await app.db.ticket.findMany({
      orderBy: { number: "asc" },
      include: { attachments: true },
    });
    expect(tickets.map((t) => t.hazardKey)).toEqual(["test.exit_blocked", "test.open_storage"]);
    const evidence = await app.deps.files.get(tickets[0]?.attachments[0]?.sha256 ?? "");
    expect(evidence.equals(png("exit-blocked.png"))).toBe(true);
  });

  it("drops a click on an older card and greys it out", async () => {
    await bind();
    await text("自查");
    const [, q1] = await next(2);
    if (!q1) throw new Error("no card");
    await text("是");
    const [q2] = await next();
    expect(q2?.template_card?.main_title.title).toContain("危险物品储存方式");
    await post(FakeWecom.clickXml(USER, q1, "否"));
    expect(fake.cardUpdates.at(-1)?.button?.replace_name).toBe("已过期");
    await text("1");
    expect(said((await next())[0])).toContain("节日期间已落实哪些措施");
  });

  it("drops a click on an older card after a restart too, and takes the current card's", async () => {
    await bind();
    await text("自查");
    const [, q1] = await next(2);
    await text("是");
    const [q2] = await next();
    if (!q1 || !q2) throw new Error("no card");
    await channels.stop();
    app = await app.reopen();
    dispatcher = new Dispatcher(app.deps.uow, app.deps.clock, app.deps.log);
    channels = await startChannels(app.deps, dispatcher);
    callbackUrl = `${channels.http?.url}/wecom/callback`;
    await post(FakeWecom.clickXml(USER, q1, "否"));
    expect(fake.cardUpdates.at(-1)).toMatchObject({
      response_code: q1.responseCode,
      button: { replace_name: "已过期" },
    });
    await post(FakeWecom.clickXml(USER, q2, "露天堆放"));
    expect(said((await next())[0])).toContain("节日期间已落实哪些措施");
    expect(fake.cardUpdates.at(-1)).toMatchObject({
      response_code: q2.responseCode,
      button: { replace_name: "已选择：露天堆放" },
    });
  });

  it("handles a callback WeCom delivers twice (same MsgId) once", async () => {
    const sealed = FakeWecom.seal(FakeWecom.textXml(USER, "你好", "4561255354251345929"));
    const first = await post("", sealed);
    const retry = await post("", sealed);
    expect([first.status, retry.status]).toEqual([200, 200]);
    expect(fake.sentTo(USER)).toHaveLength(1);
    expect(await app.db.inboundMessage.count()).toBe(1);
  });

  it("tries a callback whose processing failed again in the process, so it is handled once, and WeCom's retry is dropped", async () => {
    const sealed = FakeWecom.seal(FakeWecom.textXml(USER, "你好", "4561255354251345930"));
    vi.spyOn(OutboxStore.prototype, "enqueue").mockRejectedValueOnce(new Error("disk I/O error"));
    const first = await post("", sealed);
    expect(first.status).toBe(200);
    expect(await app.db.inboundMessage.count()).toBe(1);
    const retry = await post("", sealed);
    expect(retry.status).toBe(200);
    expect(await app.db.inboundMessage.count()).toBe(1);
    expect(fake.sentTo(USER)).toHaveLength(1);
  });

  it("refreshes an expired access token once and sends", async () => {
    await bind();
    expect(fake.tokenRequests).toHaveLength(1);
    fake.expireTokens();
    await text("帮助");
    expect(said((await next())[0])).toContain("您可以发送");
    expect(fake.rejectedTokens).toEqual(["tok-1"]);
    expect(fake.tokenRequests).toHaveLength(2);
  });

  it("uploads an image once and sends it as an image message", async () => {
    await bind();
    const stored = await app.db.attachment.create({
      data: {
        sha256: await app.deps.files.put(png("after-fix.png")),
        mime: "image/png",
        size: 1,
        purpose: "report",
      },
    });
    const message = { text: "整改后照片", image: stored.id, expects: "none" as const };
    const delivery = { key: "test:image", outboxId: "test" };
    await channels.get("wecom")?.send(USER, message, delivery);
    await channels.get("wecom")?.send(USER, message, delivery);
    const [image, caption] = await next(4);
    expect(image?.msgtype).toBe("image");
    expect(fake.media.get(image?.image?.media_id ?? "")?.equals(png("after-fix.png"))).toBe(true);
    expect(said(caption)).toBe("整改后照片");
    expect(new Set(fake.sent.filter((m) => m.msgtype === "image").map((m) => m.image?.media_id)).size).toBe(
      1,
    );
  });

  it("renders a leader card with buttons as a template card and one without as markdown", async () => {
    const card = {
      title: "重大隐患提醒",
      lines: [{ label: "企业", value: "华宁精细化工" }],
      choices: [{ id: "ack", label: "已阅" }],
    };
    const delivery = { key: "test:card", outboxId: "test" };
    await channels.get("wecom")?.send(USER, { text: "请关注整改进度。", card, expects: "choice" }, delivery);
    await channels
      .get("wecom")
      ?.send(USER, { text: "请关注整改进度。", card: { ...card, choices: [] }, expects: "none" }, delivery);
    const [withButtons, withoutButtons] = await next(2);
    expect(withButtons?.template_card).toMatchObject({
      main_title: { title: "重大隐患提醒" },
      horizontal_content_list: [{ keyname: "企业", value: "华宁精细化工" }],
      sub_title_text: "请关注整改进度。",
      button_list: [{ text: "已阅" }],
    });
    expect(withoutButtons?.markdown?.content).toBe(
      "**重大隐患提醒**\n> 企业：华宁精细化工\n\n请关注整改进度。",
    );
  });

  it("keeps to 30 messages a minute per member with the product's limits: the 31st waits in the outbox", async () => {
    const limited = new Dispatcher(app.deps.uow, app.deps.clock, app.deps.log, {
      rateLimits: { wecom: WECOM_RATE_LIMITS },
    });
    const wecom = channels.get("wecom");
    if (!wecom) throw new Error("no wecom channel");
    limited.register(wecom);
    const now = app.clock.now();
    await app.deps.uow.run((s) =>
      s.outbox.enqueue(
        Array.from({ length: 31 }, (_, i) => ({
          key: `burst:${i}`,
          channel: "wecom",
          recipient: USER,
          message: { text: `通知 ${i}`, expects: "none" as const },
        })),
        now,
      ),
    );
    let sent = 0;
    for (let got = await limited.drain(); got > 0; got = await limited.drain()) sent += got;
    expect(sent).toBe(30);
    expect((await app.db.outboxMessage.findFirstOrThrow({ where: { key: "burst:30" } })).status).toBe(
      "pending",
    );
    app.clock.advance(60_000);
    expect(await limited.drain()).toBe(1);
    expect(fake.sentTo(USER)).toHaveLength(31);
  });

  it("marks a member the app cannot reach and does not retry", async () => {
    await bind();
    fake.failNext("message/send", { errcode: 81013, errmsg: "user & party & tag all invalid" });
    await text("帮助");
    const dead = await app.db.outboxMessage.findFirstOrThrow({
      where: { channel: "wecom", status: "dead" },
    });
    expect(dead.lastError).toContain("81013");
    const identity = await app.db.channelIdentity.findUniqueOrThrow({
      where: { channel_externalId: { channel: "wecom", externalId: USER } },
    });
    expect(identity.blockedAt).not.toBeNull();
  });
});
