import path from "node:path";
import { FileBox } from "file-box";
import { type Message, ScanStatus, types, type Wechaty, WechatyBuilder } from "wechaty";
import type { WechatConfig } from "../../config.ts";
import { fill } from "../../content/channel-texts.ts";
import type { InboundAttachment, OutboundMessage } from "../../domain/messages.ts";
import type { Logger } from "../../logger.ts";
import { type SendResult, sendFailed } from "../../outbox/channel-sender.ts";
import type { Channel, ChannelRuntime, Inbox } from "../channel.ts";
import { KeyedSequencer } from "../keyed-sequencer.ts";
import { WECHAT_CHANNEL, WECHAT_RATE_LIMITS } from "./wechat-definition.ts";
import { renderWechat } from "./wechat-render.ts";

/** Messages older than this when they arrive are backlog replayed after a login: not answered. */
const BACKLOG_SECONDS = 10 * 60;
/** The same kind of admin alert at most once per window. */
const ALERT_WINDOW_MS = 30 * 60_000;
/**
 * How long the outbox waits before trying a logged-out WeChat again: each try counts as an
 * attempt, so with the default 8 attempts messages wait about two hours for a new login.
 */
const LOGGED_OUT_RETRY_MS = 15 * 60_000;

type Puppet = Wechaty["puppet"];
type BuildOptions = NonNullable<Parameters<typeof WechatyBuilder.build>[0]>;
type Alert = "wechat_logout" | "wechat_login_failed" | "wechat_stale_ids";

export type WechatOptions = {
  /** A puppet instance (tests: wechaty-puppet-mock) instead of the WECHATY_PUPPET package. */
  puppet?: Puppet;
  /** Where the login QR code is drawn; stdout by default. */
  out?: { write(text: string): unknown };
};

const ROOM_PREFIX = "room:";

/**
 * The personal-WeChat adapter through wechaty. Contact ids of web-protocol puppets change on
 * every login, so nothing is matched by them across logins: a person whose id vanished gets a
 * new binding code and binds again, and after each login the bound ids that no longer resolve
 * are marked unreachable and reported to the administrators instead of being trusted silently.
 * A reply to a group goes to the group (recipient `room:<id>`); groups are answered only when
 * the bot is mentioned. Options are numbered lines; the app takes a reply of a number or a label
 * as that option.
 */
export class WechatChannel implements Channel {
  readonly id = WECHAT_CHANNEL;
  readonly rateLimits = WECHAT_RATE_LIMITS;
  /** One logged-in WeChat session per account: one instance holds it. */
  readonly scope = "exclusive";
  private readonly bot: Wechaty;
  private readonly log: Logger;
  private readonly sequencer = new KeyedSequencer();
  private readonly lastAlert = new Map<Alert, number>();
  private inbox: Inbox | undefined;
  /** How many logins have been handled (the login event is handled after `isLoggedIn` turns true). */
  loginsHandled = 0;
  private readonly pending = new Set<Promise<unknown>>();

  constructor(
    private readonly rt: ChannelRuntime,
    config: WechatConfig | undefined,
    private readonly options: WechatOptions = {},
  ) {
    this.log = rt.log.child({ channel: WECHAT_CHANNEL });
    const build: BuildOptions = options.puppet
      ? { puppet: options.puppet }
      : {
          // The session is kept next to the database so a restart logs in again without a scan.
          name: path.join(rt.dataDir, "wechat-session"),
          puppet: config?.puppet as never,
          ...(config?.puppetToken ? { puppetOptions: { token: config.puppetToken } } : {}),
        };
    this.bot = WechatyBuilder.build(build);
    this.bot.on("scan", (qrcode, status) => this.track(this.onScan(qrcode, status)));
    this.bot.on("login", (user) => this.track(this.onLogin(user.name())));
    this.bot.on("logout", (user, reason) => this.track(this.onLogout(user.name(), reason)));
    this.bot.on("error", (err) => this.track(this.onError(err)));
    this.bot.on("message", (msg) => this.track(this.onMessage(msg)));
  }

  get loggedIn(): boolean {
    return this.bot.isLoggedIn;
  }

  /** The puppet in use, by class name (for logs and checks). */
  get puppetName(): string {
    return this.bot.puppet.constructor.name;
  }

  async start(inbox: Inbox): Promise<void> {
    this.inbox = inbox;
    try {
      await this.bot.start();
      this.log.info({ puppet: this.puppetName }, "wechat started; waiting for login");
    } catch (err) {
      this.log.error({ err }, "wechat failed to start");
      await this.alert("wechat_login_failed", {});
    }
  }

  async stop(): Promise<void> {
    await this.idle();
    await this.bot.stop();
  }

  /** Resolves when every event received so far has been handled (tests and shutdown). */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
    await this.sequencer.idle();
  }

  /** Event handlers run detached from wechaty's emitter: each is tracked and its errors logged. */
  private track(work: Promise<unknown>): void {
    const tracked = work.then(
      () => undefined,
      (err: unknown) => this.log.error({ err }, "wechat event failed"),
    );
    this.pending.add(tracked);
    tracked
      .finally(() => this.pending.delete(tracked))
      .then(
        () => undefined,
        () => undefined,
      );
  }

  private async onScan(qrcode: string, status: ScanStatus): Promise<void> {
    if (status === ScanStatus.Timeout || status === ScanStatus.Cancel) {
      this.log.warn({ status: ScanStatus[status] }, "wechat login QR code expired or cancelled");
      await this.alert("wechat_login_failed", {});
    }
    if (status !== ScanStatus.Waiting && status !== ScanStatus.Timeout) return;
    this.log.info({ qrcode }, "wechat login: scan the QR code with the bot's WeChat account");
    const file = path.join(this.rt.dataDir, "wechat-login-qr.png");
    await FileBox.fromQRCode(qrcode).toFile(file, true);
    const out = this.options.out ?? process.stdout;
    out.write(`\nWeChat login: scan this QR code with the bot's WeChat account (also saved as ${file}):\n`);
    out.write(`${await terminalQr(qrcode)}\n`);
  }

  private async onLogin(name: string): Promise<void> {
    this.log.info({ account: name }, "wechat logged in");
    try {
      const stale = await this.sweepStaleIds();
      if (stale > 0) {
        this.log.warn({ stale }, "bound wechat ids no longer resolve after login");
        await this.alert("wechat_stale_ids", { count: stale });
      }
    } finally {
      this.loginsHandled++;
    }
  }

  private async onLogout(name: string, reason: string | undefined): Promise<void> {
    this.log.error({ account: name, reason }, "wechat logged out");
    await this.alert("wechat_logout", {});
  }

  private async onError(err: unknown): Promise<void> {
    this.log.error({ err, loggedIn: this.bot.isLoggedIn }, "wechat error");
    if (!this.bot.isLoggedIn) await this.alert("wechat_login_failed", {});
  }

  /** Tells the administrators through another channel, at most once per window per kind. */
  private async alert(kind: Alert, params: Record<string, string | number>): Promise<void> {
    const now = this.rt.clock.now().getTime();
    const last = this.lastAlert.get(kind);
    if (last !== undefined && now - last < ALERT_WINDOW_MS) return;
    this.lastAlert.set(kind, now);
    await this.rt.alertAdmins({
      key: `alert:${kind}:${Math.floor(now / ALERT_WINDOW_MS)}`,
      text: fill(this.rt.texts.alerts[kind], params),
    });
    this.rt.kick();
  }

  /** Marks bound WeChat ids the logged-in account cannot resolve; returns how many. */
  private async sweepStaleIds(): Promise<number> {
    let stale = 0;
    for (const externalId of await this.rt.reachableAccounts()) {
      if (await this.resolves(externalId)) continue;
      if (await this.rt.markUnreachable(externalId, "id not found after login")) stale++;
    }
    return stale;
  }

  private async resolves(conversationId: string): Promise<boolean> {
    const puppet: Puppet = this.bot.puppet;
    try {
      if (conversationId.startsWith(ROOM_PREFIX))
        await puppet.roomPayload(conversationId.slice(ROOM_PREFIX.length));
      else await puppet.contactPayload(conversationId);
      return true;
    } catch {
      // The puppet throws for an id it does not know: that is the answer, not a failure.
      return false;
    }
  }

  private async onMessage(msg: Message): Promise<void> {
    const inbox = this.inbox;
    if (msg.self() || !inbox) return;
    if (msg.age() > BACKLOG_SECONDS) {
      this.log.info({ messageId: msg.id, age: msg.age() }, "old wechat message skipped");
      return;
    }
    const room = msg.room();
    const talker = msg.talker();
    let text: string | undefined;
    const attachments: InboundAttachment[] = [];
    switch (msg.type()) {
      case types.Message.Text:
        if (room && !(await msg.mentionSelf())) return;
        text = room ? await msg.mentionText() : msg.text();
        break;
      case types.Message.Image:
      case types.Message.Attachment: {
        // A file cannot mention the bot, and a group's photos are not answers for the bot.
        if (room) return;
        const box = await msg.toFileBox();
        attachments.push({ name: box.name, bytes: await box.toBuffer() });
        break;
      }
      default:
        return;
    }
    const chatId = room ? `${ROOM_PREFIX}${room.id}` : talker.id;
    const name = talker.name();
    await this.sequencer.run(chatId, () =>
      inbox({
        channel: WECHAT_CHANNEL,
        senderId: talker.id,
        chatId,
        platformMessageId: msg.id,
        ...(text !== undefined ? { text } : {}),
        attachments,
        receivedAt: this.rt.clock.now(),
        ...(name ? { senderName: name } : {}),
      }),
    );
  }

  /** Sends one message; an id the logged-in account cannot resolve comes back as `unreachable`. */
  async send(recipient: string, message: OutboundMessage): Promise<SendResult> {
    if (!this.bot.isLoggedIn)
      return sendFailed("wechat is not logged in", true, { retryAfterMs: LOGGED_OUT_RETRY_MS });
    if (!(await this.resolves(recipient)))
      return {
        ok: false,
        unreachable: true,
        reason: "id not found",
        error: `wechat recipient ${recipient} not found (id changed after a re-login?)`,
      };
    const puppet: Puppet = this.bot.puppet;
    const id = recipient.startsWith(ROOM_PREFIX) ? recipient.slice(ROOM_PREFIX.length) : recipient;
    try {
      for (const part of renderWechat(message, this.rt.texts.wechat)) {
        if (part.kind === "text") {
          await puppet.messageSendText(id, part.text);
          continue;
        }
        const image = await this.image(part.attachmentId);
        if (!image) return sendFailed(`attachment ${part.attachmentId} not found`, false);
        await puppet.messageSendFile(id, image);
      }
      return { ok: true };
    } catch (e) {
      return sendFailed(`wechat send failed: ${e instanceof Error ? e.message : e}`, true, { cause: e });
    }
  }

  /**
   * A stored photo as a FileBox. Base64-backed rather than buffer-backed: every puppet accepts it,
   * and puppets that serialise the box (puppet-service, puppet-mock) refuse buffer-backed ones.
   */
  private async image(attachmentId: string): Promise<FileBox | null> {
    const file = await this.rt.storedFile(attachmentId);
    if (!file) return null;
    const ext = file.mime === "image/jpeg" ? "jpg" : (file.mime.split("/")[1] ?? "jpg");
    return FileBox.fromBase64((await file.bytes()).toString("base64"), `photo.${ext}`);
  }
}

/**
 * The QR code drawn with characters for a terminal. `qrcode` comes with file-box (a direct
 * dependency); when it cannot be loaded, the code's content is printed for an online renderer.
 */
async function terminalQr(value: string): Promise<string> {
  const name = "qrcode";
  try {
    const qr = (await import(name)) as { toString(text: string, options: object): Promise<string> };
    return await qr.toString(value, { type: "terminal", small: true });
  } catch {
    return value;
  }
}
