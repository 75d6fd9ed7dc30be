import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { WecomConfig } from "../../config.ts";
import { fill } from "../../content/channel-texts.ts";
import type { OutboundMessage } from "../../domain/messages.ts";
import { type HttpRoute, HttpStatusError, readBody, reply } from "../../http/http-server.ts";
import type { Logger } from "../../logger.ts";
import { type SendResult, sendFailed } from "../../outbox/channel-sender.ts";
import type { Channel, ChannelRuntime, Delivery, Inbox } from "../channel.ts";
import { KeyedSequencer } from "../keyed-sequencer.ts";
import { WecomApi, WecomApiError } from "./wecom-api.ts";
import { openEnvelope, type WecomCallbackKeys } from "./wecom-crypto.ts";
import { WECOM_RATE_LIMITS } from "./wecom-definition.ts";
import {
  type Callback,
  CallbackSchema,
  EnvelopeSchema,
  parseXml,
  toInbound,
  WECOM_CHANNEL,
} from "./wecom-inbound.ts";
import { renderWecom, type WecomPart } from "./wecom-render.ts";

/** The callback path to enter in the app's 接收消息 settings: https://<host>/wecom/callback. */
export const WECOM_CALLBACK_PATH = "/wecom/callback";

/** How long a callback may wait for its processing before it is answered anyway (WeCom allows 5 s). */
const ACK_BUDGET_MS = 3_500;

/** Errors worth trying again: busy (-1), frequency limits (45009, 45033), untrusted IP (60020, an admin fix away). */
const RETRYABLE = new Set([-1, 45009, 45033, 60020, 40014, 42001]);
/** 81013: every recipient invalid (left the company, outside the app's visible range). */
const UNREACHABLE = new Set([81013, 60111, 40031]);
/** 60140: the card's response code was used or expired; the card is as it should be. */
const CODE_USED = 60140;
const MEDIA_TTL_MS = 2.5 * 86_400_000;
/** Task id prefixes (task ids: [0-9A-Za-z_-@], at most 128 bytes): a question's card, or a leader card. */
const QUESTION_TASK = "xjq-";
const CARD_TASK = "xjc-";

/**
 * The WeCom (企业微信) self-built app adapter: the callback endpoint (URL check, signature,
 * AES, CorpID) in, `message/send` out. A callback is answered as soon as it is verified and
 * handled afterwards, one member at a time in order, because WeCom retries after 5 s and a
 * photo download can take longer; its retries are dropped by the message id. A card's buttons
 * carry the prompt they belong to; a click the app refuses (an older question's card) greys the
 * card out.
 */
export class WecomChannel implements Channel {
  readonly id = WECOM_CHANNEL;
  readonly rateLimits = WECOM_RATE_LIMITS;
  readonly api: WecomApi;
  private readonly keys: WecomCallbackKeys;
  private readonly log: Logger;
  private readonly sequencer = new KeyedSequencer();
  private readonly media = new Map<string, { id: string; until: number }>();
  private inbox: Inbox | undefined;

  constructor(
    private readonly rt: ChannelRuntime,
    private readonly config: WecomConfig,
  ) {
    this.keys = { token: config.token, aesKey: config.aesKey, corpId: config.corpId };
    this.log = rt.log.child({ channel: WECOM_CHANNEL });
    this.api = new WecomApi(config, rt.clock, this.log);
  }

  /** The callback endpoint. */
  get routes(): HttpRoute[] {
    return [{ path: WECOM_CALLBACK_PATH, handle: (req, res, url) => this.callback(req, res, url) }];
  }

  async start(inbox: Inbox): Promise<void> {
    this.inbox = inbox;
  }

  fetchAttachment(mediaId: string): Promise<Buffer> {
    return this.api.downloadMedia(mediaId, this.rt.maxPhotoBytes);
  }

  /** Waits for callbacks accepted so far to be handled (tests and shutdown). */
  async idle(): Promise<void> {
    await this.sequencer.idle();
  }

  async stop(): Promise<void> {
    await this.idle();
  }

  private async callback(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const q = {
      signature: url.searchParams.get("msg_signature") ?? "",
      timestamp: url.searchParams.get("timestamp") ?? "",
      nonce: url.searchParams.get("nonce") ?? "",
    };
    if (!q.signature || !q.timestamp || !q.nonce)
      throw new HttpStatusError(400, "missing msg_signature, timestamp or nonce");
    // The timestamp is signed with the payload: an old one is a recorded callback played again.
    // Compared with the wall clock, which is what WeCom signs with (not the app's business clock).
    const age = Math.abs(Date.now() - Number(q.timestamp) * 1000);
    if (!Number.isFinite(age) || age > this.config.callbackMaxAgeMs)
      throw new HttpStatusError(401, "callback refused: timestamp outside the allowed window");
    if (req.method === "GET") {
      // URL verification when the callback is saved in the admin console: echo the decrypted echostr.
      const echostr = url.searchParams.get("echostr") ?? "";
      const opened = openEnvelope(this.keys, q, echostr);
      if (!opened.ok) throw new HttpStatusError(401, `callback refused: ${opened.problem}`);
      return reply(res, 200, opened.message);
    }
    if (req.method !== "POST") throw new HttpStatusError(405, "GET or POST only");
    const inbox = this.inbox;
    if (!inbox) throw new HttpStatusError(503, "starting");
    const envelope = EnvelopeSchema.safeParse(parseXml((await readBody(req, 1_000_000)).toString("utf8")));
    if (!envelope.success) throw new HttpStatusError(400, "not a WeCom callback");
    const opened = openEnvelope(this.keys, q, envelope.data.Encrypt);
    if (!opened.ok) throw new HttpStatusError(401, `callback refused: ${opened.problem}`);
    const parsed = CallbackSchema.safeParse(parseXml(opened.message));
    if (!parsed.success) throw new HttpStatusError(400, "callback payload is not a message or event");
    const c = parsed.data;
    if (c.AgentID !== undefined && c.AgentID !== String(this.config.agentId)) {
      this.log.warn({ agentId: c.AgentID }, "wecom callback for another app ignored");
      return reply(res, 200, "success");
    }
    // Processed before the answer when it fits WeCom's 5 s: a crash or a failure then leaves the
    // callback unanswered (500), WeCom sends it again, and the MsgId keeps the retry from counting
    // twice. Slow work (a large photo) is answered at the budget and finishes in the background.
    const work = this.sequencer
      .run(c.FromUserName, () => this.handle(c, inbox))
      .then(
        () => "done" as const,
        (err: unknown) => {
          this.log.error({ err, from: c.FromUserName }, "wecom callback failed");
          return "failed" as const;
        },
      );
    let timer: NodeJS.Timeout | undefined;
    const budget = new Promise<"pending">((resolve) => {
      timer = setTimeout(() => resolve("pending"), ACK_BUDGET_MS);
      timer.unref();
    });
    const outcome = await Promise.race([work, budget]);
    clearTimeout(timer);
    if (outcome === "failed") throw new HttpStatusError(500, "callback processing failed; WeCom will retry");
    reply(res, 200, "success");
  }

  private async handle(c: Callback, inbox: Inbox): Promise<void> {
    const mapped = toInbound(c, this.rt.clock.now());
    if ("ignored" in mapped) {
      this.log.debug({ reason: mapped.ignored }, "wecom callback ignored");
      return;
    }
    const outcome = await inbox(mapped.message);
    const { click } = mapped;
    if (!click) return;
    const user = mapped.message.senderId;
    // A button of an older card: answering it would have answered the current question instead.
    if (outcome === "stale" || outcome === "not_yours")
      await this.markCard(user, click.responseCode, this.rt.texts.wecom.stale_card);
    else if (outcome === "processed")
      await this.markCard(
        user,
        click.responseCode,
        fill(this.rt.texts.wecom.chosen, { label: click.label ?? "" }),
      );
  }

  /** Greys out a clicked card's buttons with a note; failures are logged, the click stands. */
  private async markCard(user: string, responseCode: string | undefined, note: string): Promise<void> {
    if (!responseCode) return;
    try {
      await this.api.updateCardButton(user, responseCode, note);
    } catch (err) {
      if (err instanceof WecomApiError && err.errcode === CODE_USED) return;
      this.log.warn({ err, user }, "wecom card update failed");
    }
  }

  /** Platform messages a message takes (WeCom counts each against the member's 30 a minute). */
  sendsFor(message: OutboundMessage): number {
    return renderWecom(message, this.rt.texts.wecom).length;
  }

  /**
   * Sends one message; a member the app cannot reach comes back as `unreachable`. The member's
   * limits (30 a minute, 1000 an hour, beyond which WeCom drops messages without an error) are
   * kept by the dispatcher, counted from the database (`sendsFor` says what a message costs).
   */
  async send(recipient: string, message: OutboundMessage, delivery?: Delivery): Promise<SendResult> {
    const parts = renderWecom(message, this.rt.texts.wecom);
    try {
      for (const part of parts) {
        const prefix = message.card ? CARD_TASK : QUESTION_TASK;
        const taskId =
          part.kind === "card"
            ? `${prefix}${Date.now().toString(36)}-${randomBytes(4).toString("hex")}`
            : null;
        const mediaId = part.kind === "image" ? await this.mediaId(part.attachmentId) : undefined;
        if (part.kind === "image" && mediaId === null)
          return sendFailed(`attachment ${part.attachmentId} not found`, false);
        const result = await this.api.send(
          { touser: recipient, ...this.body(part, taskId, mediaId) },
          delivery?.signal,
        );
        const invalid = (result.invaliduser ?? "").split("|").filter(Boolean);
        if (invalid.some((u) => u.toLowerCase() === recipient.toLowerCase()))
          return {
            ok: false,
            unreachable: true,
            reason: `invalid user: ${result.invaliduser}`,
            error: `wecom: ${recipient} is not a valid member of the app`,
          };
      }
      return { ok: true };
    } catch (e) {
      if (e instanceof WecomApiError) {
        if (UNREACHABLE.has(e.errcode)) return { ok: false, unreachable: true, reason: e.message };
        if (!RETRYABLE.has(e.errcode)) return sendFailed(e.message, false, { cause: e });
        // 45009: the app's own call frequency, so every member waits, not only this one.
        return sendFailed(e.message, true, {
          ...(e.errcode === 45009 ? { retryAfterMs: 60_000, retryScope: "channel" as const } : {}),
          cause: e,
        });
      }
      return sendFailed(`wecom send failed: ${e instanceof Error ? e.message : e}`, true, { cause: e });
    }
  }

  /** The `message/send` body of a part (an image by its uploaded media id). */
  private body(
    part: WecomPart,
    taskId: string | null,
    mediaId: string | null | undefined,
  ): Record<string, unknown> {
    switch (part.kind) {
      case "text":
        return { msgtype: "text", text: { content: part.content } };
      case "markdown":
        return { msgtype: "markdown", markdown: { content: part.content } };
      case "image":
        return { msgtype: "image", image: { media_id: mediaId } };
      case "card":
        return { msgtype: "template_card", template_card: { ...part.card, task_id: taskId } };
    }
  }

  /** Uploads a stored photo once and reuses its media id while it is valid (3 days); null when not stored. */
  private async mediaId(attachmentId: string): Promise<string | null> {
    const file = await this.rt.storedFile(attachmentId);
    if (!file) return null;
    const now = this.rt.clock.now().getTime();
    const cached = this.media.get(file.sha256);
    if (cached && cached.until > now) return cached.id;
    const ext = file.mime === "image/png" ? "png" : "jpg";
    const id = await this.api.uploadImage(await file.bytes(), `photo.${ext}`, file.mime);
    this.media.set(file.sha256, { id, until: now + MEDIA_TTL_MS });
    return id;
  }
}
