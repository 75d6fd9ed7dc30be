import type { EventEmitter } from "node:events";
import fs from "node:fs";
import path from "node:path";
import { FileBox } from "file-box";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ScanStatus, types } from "wechaty";
import { mock, PuppetMock } from "wechaty-puppet-mock";
import { createInvite } from "../../../src/app/identity/create-invite.ts";
import { type RunningChannels, startChannels } from "../../../src/channels/start-channels.ts";
import { WechatChannel } from "../../../src/channels/wechat/wechat-channel.ts";
import { wechatChannel } from "../../../src/channels/wechat/wechat-definition.ts";
import { Dispatcher } from "../../../src/outbox/dispatcher.ts";
import { createTestApp, DEMO, FIXTURES, kindsContent, ROOT, type TestApp } from "../../support/test-app.ts";

const withChannelTexts = <T extends { promptsDir: string }>(dirs: T): T => {
  fs.copyFileSync(path.join(ROOT, "prompts", "channels.yaml"), path.join(dirs.promptsDir, "channels.yaml"));
  return dirs;
};
const photo = (name: string) =>
  FileBox.fromBase64(fs.readFileSync(path.join(FIXTURES, name)).toString("base64"), name);

/** Mock contacts and rooms are event emitters, though their typings do not say so. */
const listen = (target: mock.ContactMock | mock.RoomMock, fn: (m: mock.MessageMock) => void) =>
  (target as unknown as EventEmitter).on("message", fn);

type Said = { text?: string; type: number; bytes?: Buffer };

/** Waits until the condition holds, checking every 10 ms. */
async function until(what: string, condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe("the WeChat channel with wechaty and wechaty-puppet-mock", () => {
  let app: TestApp;
  let channels: RunningChannels;
  let mocker: mock.Mocker;
  let bot: mock.ContactMock;
  let worker: mock.ContactMock;
  let room: mock.RoomMock;
  let puppet: PuppetMock;
  let toWorker: Said[];
  let inRoom: Said[];
  const printed: string[] = [];

  beforeEach(async () => {
    app = await createTestApp(withChannelTexts(kindsContent()));
    mocker = new mock.Mocker();
    puppet = new PuppetMock({ mocker });
    const dispatcher = new Dispatcher(app.deps.uow, app.deps.clock, app.deps.log);
    channels = await startChannels(app.deps, dispatcher, {
      registry: [wechatChannel({ puppet, out: { write: (t: string) => printed.push(t) } })],
    });
    bot = mocker.createContact({ name: "巡检助手" });
    worker = mocker.createContact({ name: "张三" });
    room = mocker.createRoom({ topic: "一号车间安全群", memberIdList: [bot.id, worker.id] });
    toWorker = [];
    inRoom = [];
    const collect = (into: Said[]) => (m: mock.MessageMock) => {
      if (m.talker().id !== bot.id) return;
      const said: Said = { type: m.type(), ...(m.text() !== undefined ? { text: m.text() } : {}) };
      into.push(said);
      if (m.type() === types.Message.Image)
        m.toFileBox()
          .then((box) => box.toBuffer())
          .then(
            (bytes) => {
              said.bytes = bytes;
            },
            () => undefined,
          );
    };
    listen(worker, (m) => {
      if (!m.room()) collect(toWorker)(m);
    });
    listen(room, collect(inRoom));
    mocker.login(bot);
    puppet.emit("ready", { data: "mock" });
    await until("login handled", () => wechat()?.loginsHandled === 1);
  });
  afterEach(async () => {
    await channels.stop();
    await app.close();
  });

  const wechat = () => channels.find(WechatChannel);
  const say = async (text: string | FileBox, expected: number) => {
    const before = toWorker.length;
    worker.say(text).to(bot);
    await until(`${expected} replies`, () => toWorker.length >= before + expected);
    return toWorker.slice(before);
  };
  const bindWorker = async () => {
    const { code } = await createInvite(app.deps, DEMO.chemicalsHead);
    return say(`绑定 ${code}`, 2);
  };

  it("binds a WeChat contact with a binding code", async () => {
    expect((await say("你好", 1))[0]?.text).toContain("您的账号还没有绑定");
    const [ok] = await bindWorker();
    expect(ok?.text).toContain("绑定成功");
    const identity = await app.db.channelIdentity.findUniqueOrThrow({
      where: { channel_externalId: { channel: "wechat", externalId: worker.id } },
    });
    expect(identity.displayName).toBe("张三");
  });

  it("runs a self-check answered with option numbers and an image", async () => {
    await bindWorker();
    const [intro, q1] = await say("自查", 2);
    expect(intro?.text).toContain("测试自查清单");
    expect(q1?.text).toContain("第 1/6 题：安全出口是否畅通？");
    expect(q1?.text).toMatch(/\n1\. 是\n2\. 否\n请回复序号或选项文字。$/);
    expect((await say("2", 1))[0]?.text).toContain("请拍摄堵塞的安全出口");
    expect((await say(photo("exit-blocked.png"), 1))[0]?.text).toContain("已收到 1 张照片");
    await say("完成", 1);
    await say("杂物堆放", 1);
    expect((await say("露天堆放", 1))[0]?.text).toContain("节日期间已落实哪些措施");
    await say("1 2", 1);
    await say("2", 1);
    await say("跳过", 1);
    await say(photo("duty-room.png"), 1);
    const [summary] = await say("完成", 1);
    expect(summary?.text).toMatch(/1\. 提交\n2\. 上一题/);
    expect((await say("1", 1))[0]?.text).toContain("登记隐患 2 项");
    const evidence = await app.db.attachment.findMany({ where: { questionId: "k_exits_photo" } });
    expect(evidence).toHaveLength(1);
    expect(
      (await app.deps.files.get(evidence[0]?.sha256 ?? "")).equals(
        fs.readFileSync(path.join(FIXTURES, "exit-blocked.png")),
      ),
    ).toBe(true);
  });

  it("sends images as images", async () => {
    await bindWorker();
    const stored = await app.db.attachment.create({
      data: {
        sha256: await app.deps.files.put(fs.readFileSync(path.join(FIXTURES, "after-fix.png"))),
        mime: "image/png",
        size: 1,
        purpose: "report",
      },
    });
    await channels
      .get("wechat")
      ?.send(
        worker.id,
        { text: "整改后照片", image: stored.id, expects: "none" },
        { key: "test:image", outboxId: "test" },
      );
    await until("image and text", () => toWorker.length >= 4);
    const [image, caption] = toWorker.slice(2);
    expect(image?.type).toBe(types.Message.Image);
    expect(caption?.text).toBe("整改后照片");
    await until("image bytes", () => image?.bytes !== undefined);
    expect(image?.bytes?.equals(fs.readFileSync(path.join(FIXTURES, "after-fix.png")))).toBe(true);
  });

  it("answers in a group only when mentioned, without the mention in the text", async () => {
    await bindWorker();
    worker.say("自查").to(room);
    worker.say(`@${bot.payload.name} 帮助`, [bot]).to(room);
    await until("a reply in the group", () => inRoom.length >= 1);
    await wechat()?.idle();
    await channels.settled();
    expect(inRoom).toHaveLength(1);
    expect(inRoom[0]?.text).toContain("您可以发送");
    // The unmentioned 自查 was not taken as a command.
    expect(await app.db.selfCheckRun.count()).toBe(0);
    // Group messages without a mention never reach the app.
    expect(await app.db.inboundMessage.count({ where: { channel: "wechat" } })).toBe(2);
  });

  it("ignores its own messages", async () => {
    await bindWorker();
    bot.say("自查").to(worker);
    await say("帮助", 1);
    await wechat()?.idle();
    expect(await app.db.selfCheckRun.count()).toBe(0);
  });

  it("marks bound ids that no longer resolve after a login and tells the admins elsewhere", async () => {
    const person = await app.db.person.findUniqueOrThrow({ where: { phone: DEMO.smallVenueHead } });
    await app.db.channelIdentity.create({
      data: { channel: "wechat", externalId: "@stale-id-from-an-old-login", personId: person.id },
    });
    mocker.puppet.logout();
    await until("logged out", () => wechat()?.loggedIn === false);
    mocker.login(bot);
    await until("second login handled", () => wechat()?.loginsHandled === 2);
    await wechat()?.idle();
    const stale = await app.db.channelIdentity.findUniqueOrThrow({
      where: { channel_externalId: { channel: "wechat", externalId: "@stale-id-from-an-old-login" } },
    });
    expect(stale.blockedReason).toBe("id not found after login");
    const alerts = await app.db.outboxMessage.findMany({ where: { key: { startsWith: "alert:" } } });
    const admin = await app.db.person.findUniqueOrThrow({ where: { phone: DEMO.admin } });
    const toAdmin = alerts.filter((a) => a.personId === admin.id);
    expect(toAdmin.every((a) => a.channel === "console")).toBe(true);
    const said = toAdmin.map((a) => (JSON.parse(a.payload) as { text: string }).text);
    expect(said).toEqual(
      expect.arrayContaining([
        expect.stringContaining("微信机器人账号已退出登录"),
        expect.stringContaining("有 1 个已绑定的微信账号已无法找到"),
      ]),
    );
  });

  it("prints the login QR code, and tells the admins elsewhere when the login fails", async () => {
    printed.length = 0;
    puppet.emit("scan", { qrcode: "https://login.weixin.qq.com/l/xunjian-test", status: ScanStatus.Waiting });
    await until("the QR code is printed", () => printed.join("").includes("WeChat login"));
    await wechat()?.idle();
    expect(printed.join("")).toMatch(/[▀▄█]/);
    expect(fs.existsSync(path.join(app.dataDir, "wechat-login-qr.png"))).toBe(true);
    puppet.emit("scan", { qrcode: "https://login.weixin.qq.com/l/xunjian-test", status: ScanStatus.Timeout });
    await wechat()?.idle();
    const alerts = await app.db.outboxMessage.findMany({
      where: { key: { startsWith: "alert:wechat_login_failed" } },
    });
    expect(alerts.length).toBeGreaterThan(0);
    expect(alerts.every((a) => a.channel !== "wechat")).toBe(true);
    expect(JSON.parse(alerts[0]?.payload ?? "{}").text).toContain("微信机器人登录失败");
  });
});
