import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { encrypt, getSignature } from "@wecom/crypto";

/** Callback settings of the fake app (a valid 43-character EncodingAESKey). */
export const WECOM_KEYS = {
  corpId: "ww7f3a9c2e5b1d4680",
  agentId: 1000002,
  secret: "fake-app-secret",
  token: "Xj7Token2026",
  aesKey: "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG",
} as const;

/** The environment of an app whose WeCom channel talks to the fake at `apiRoot`, its callback on any port. */
export function wecomEnv(apiRoot: string): Record<string, string> {
  return {
    WECOM_CORP_ID: WECOM_KEYS.corpId,
    WECOM_AGENT_ID: String(WECOM_KEYS.agentId),
    WECOM_SECRET: WECOM_KEYS.secret,
    WECOM_TOKEN: WECOM_KEYS.token,
    WECOM_AES_KEY: WECOM_KEYS.aesKey,
    WECOM_API_ROOT: apiRoot,
    HTTP_PORT: "0",
  };
}

/** A message the app sent through message/send, as the fake saw it. */
export type SentWecom = {
  touser: string;
  msgtype: string;
  text?: { content: string };
  markdown?: { content: string };
  image?: { media_id: string };
  template_card?: {
    task_id: string;
    main_title: { title?: string };
    sub_title_text?: string;
    button_list: { text: string; key: string }[];
  };
  responseCode: string;
};

type Failure = { errcode: number; errmsg: string; invaliduser?: string };

const cdata = (v: string) => `<![CDATA[${v}]]>`;

/**
 * A WeCom server API on 127.0.0.1 (gettoken, message/send, update_template_card, media/upload,
 * media/get), and the other half of the callback: it encrypts and signs callbacks like WeCom.
 */
export class FakeWecom {
  readonly sent: SentWecom[] = [];
  readonly cardUpdates: { userids: string[]; response_code: string; button?: { replace_name: string } }[] =
    [];
  readonly tokenRequests: string[] = [];
  readonly rejectedTokens: string[] = [];
  readonly media = new Map<string, Buffer>();
  private validTokens = new Set<string>();
  private tokenCount = 0;
  private readonly failures = new Map<string, Failure[]>();
  private server!: http.Server;
  apiRoot = "";

  static async start(): Promise<FakeWecom> {
    const fake = new FakeWecom();
    fake.server = http.createServer((req, res) => {
      fake.handle(req, res).catch((e: unknown) => res.writeHead(500).end(String(e)));
    });
    await new Promise<void>((resolve) => fake.server.listen(0, "127.0.0.1", resolve));
    fake.apiRoot = `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}`;
    return fake;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Every token handed out so far stops working (as after 2 hours): calls get 42001. */
  expireTokens(): void {
    this.validTokens.clear();
  }

  failNext(api: string, failure: Failure): void {
    this.failures.set(api, [...(this.failures.get(api) ?? []), failure]);
  }

  /** A file a member sent, downloadable through media/get; returns its media id. */
  addMedia(bytes: Buffer): string {
    const id = `media-${randomBytes(6).toString("hex")}`;
    this.media.set(id, bytes);
    return id;
  }

  sentTo(user: string): SentWecom[] {
    return this.sent.filter((m) => m.touser === user);
  }

  async until(what: string, condition: () => boolean, timeoutMs = 10_000): Promise<void> {
    const started = Date.now();
    while (!condition()) {
      if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for: ${what}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  async messagesTo(user: string, count: number, since = 0): Promise<SentWecom[]> {
    await this.until(`${count} messages to ${user}`, () => this.sentTo(user).length >= since + count);
    return this.sentTo(user).slice(since);
  }

  /**
   * The encrypted, signed POST WeCom makes for a callback: query string and XML body. `at` is
   * when WeCom signed it (now by default; an old one is what a replay looks like).
   */
  static seal(
    xml: string,
    keys: { token: string; aesKey: string; corpId: string } = WECOM_KEYS,
    at: Date = new Date(),
  ) {
    const timestamp = String(Math.floor(at.getTime() / 1000));
    const nonce = randomBytes(5).toString("hex");
    const encrypted = encrypt(keys.aesKey, xml, keys.corpId);
    const signature = getSignature(keys.token, timestamp, nonce, encrypted);
    return {
      query: `msg_signature=${signature}&timestamp=${timestamp}&nonce=${nonce}`,
      body: `<xml><ToUserName>${cdata(keys.corpId)}</ToUserName><AgentID>${cdata(String(WECOM_KEYS.agentId))}</AgentID><Encrypt>${cdata(encrypted)}</Encrypt></xml>`,
    };
  }

  static textXml(user: string, content: string, msgId: string): string {
    return `<xml><ToUserName>${cdata(WECOM_KEYS.corpId)}</ToUserName><FromUserName>${cdata(user)}</FromUserName><CreateTime>${Math.floor(Date.now() / 1000)}</CreateTime><MsgType>${cdata("text")}</MsgType><Content>${cdata(content)}</Content><MsgId>${msgId}</MsgId><AgentID>${WECOM_KEYS.agentId}</AgentID></xml>`;
  }

  static imageXml(user: string, mediaId: string, msgId: string): string {
    return `<xml><ToUserName>${cdata(WECOM_KEYS.corpId)}</ToUserName><FromUserName>${cdata(user)}</FromUserName><CreateTime>${Math.floor(Date.now() / 1000)}</CreateTime><MsgType>${cdata("image")}</MsgType><PicUrl>${cdata("https://wework.qpic.cn/x")}</PicUrl><MediaId>${cdata(mediaId)}</MediaId><MsgId>${msgId}</MsgId><AgentID>${WECOM_KEYS.agentId}</AgentID></xml>`;
  }

  /** The event a click on a button_interaction card sends. */
  static clickXml(
    user: string,
    card: SentWecom,
    label: string,
    createTime = Math.floor(Date.now() / 1000),
  ): string {
    const button = card.template_card?.button_list.find((b) => b.text === label);
    if (!card.template_card || !button) throw new Error(`no button "${label}" on this card`);
    return `<xml><ToUserName>${cdata(WECOM_KEYS.corpId)}</ToUserName><FromUserName>${cdata(user)}</FromUserName><CreateTime>${createTime}</CreateTime><MsgType>${cdata("event")}</MsgType><Event>${cdata("template_card_event")}</Event><EventKey>${cdata(button.key)}</EventKey><TaskId>${cdata(card.template_card.task_id)}</TaskId><CardType>${cdata("button_interaction")}</CardType><ResponseCode>${cdata(card.responseCode)}</ResponseCode><AgentID>${WECOM_KEYS.agentId}</AgentID></xml>`;
  }

  private json(res: http.ServerResponse, body: unknown): void {
    res.writeHead(200, { "content-type": "application/json; charset=utf-8" }).end(JSON.stringify(body));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", this.apiRoot);
    const api = url.pathname.replace(/^\/cgi-bin\//, "");
    const chunks: Buffer[] = [];
    for await (const c of req as AsyncIterable<Buffer>) chunks.push(c);
    const raw = Buffer.concat(chunks);
    if (api === "gettoken") {
      this.tokenRequests.push(url.search);
      if (
        url.searchParams.get("corpid") !== WECOM_KEYS.corpId ||
        url.searchParams.get("corpsecret") !== WECOM_KEYS.secret
      )
        return this.json(res, { errcode: 40001, errmsg: "invalid credential" });
      const token = `tok-${++this.tokenCount}`;
      this.validTokens.add(token);
      return this.json(res, { errcode: 0, errmsg: "ok", access_token: token, expires_in: 7200 });
    }
    const token = url.searchParams.get("access_token") ?? "";
    if (!this.validTokens.has(token)) {
      this.rejectedTokens.push(token);
      return this.json(res, { errcode: 42001, errmsg: "access_token expired" });
    }
    const failure = this.failures.get(api)?.shift();
    if (failure) return this.json(res, failure);
    switch (api) {
      case "message/send": {
        const body = JSON.parse(raw.toString("utf8")) as Omit<SentWecom, "responseCode"> & {
          agentid: number;
        };
        if (body.agentid !== WECOM_KEYS.agentId)
          return this.json(res, { errcode: 40056, errmsg: "invalid agentid" });
        const responseCode = `rc-${randomBytes(4).toString("hex")}`;
        this.sent.push({ ...body, responseCode });
        return this.json(res, {
          errcode: 0,
          errmsg: "ok",
          msgid: randomBytes(6).toString("hex"),
          ...(body.msgtype === "template_card" ? { response_code: responseCode } : {}),
        });
      }
      case "message/update_template_card":
        this.cardUpdates.push(JSON.parse(raw.toString("utf8")));
        return this.json(res, { errcode: 0, errmsg: "ok" });
      case "media/upload": {
        const form = await new Request("http://x", {
          method: "POST",
          headers: { "content-type": req.headers["content-type"] ?? "" },
          body: raw,
        }).formData();
        const file = form.get("media");
        if (!(file instanceof Blob)) return this.json(res, { errcode: 41005, errmsg: "media data missing" });
        const id = this.addMedia(Buffer.from(await file.arrayBuffer()));
        return this.json(res, { errcode: 0, errmsg: "ok", type: "image", media_id: id, created_at: "1" });
      }
      case "media/get": {
        const bytes = this.media.get(url.searchParams.get("media_id") ?? "");
        if (!bytes) return this.json(res, { errcode: 40007, errmsg: "invalid media_id" });
        res.writeHead(200, { "content-type": "image/png", "content-length": bytes.length }).end(bytes);
        return;
      }
      default:
        res.writeHead(404).end();
    }
  }
}
