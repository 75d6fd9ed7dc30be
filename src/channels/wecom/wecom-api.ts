import type { WecomConfig } from "../../config.ts";
import type { Clock } from "../../domain/clock.ts";
import type { Logger } from "../../logger.ts";
import { readCapped } from "../read-capped.ts";

/** An error answer of the WeCom API (`errcode` ≠ 0). */
export class WecomApiError extends Error {
  constructor(
    readonly errcode: number,
    readonly errmsg: string,
    readonly api: string,
  ) {
    super(`wecom ${api}: ${errcode} ${errmsg}`);
    this.name = "WecomApiError";
  }
}

/** access_token invalid (40014) or expired (42001): refresh once and call again. */
const TOKEN_ERRORS = new Set([40014, 42001]);
/** Refresh this long before WeCom's stated expiry (7200 s). */
const TOKEN_MARGIN_MS = 5 * 60_000;
const TIMEOUT_MS = 15_000;

type Answer = { errcode?: number; errmsg?: string };
export type SendResult = Answer & { msgid?: string; invaliduser?: string; response_code?: string };

/**
 * The WeCom server API of one self-built app: `gettoken` cached in-process and refreshed before
 * expiry (one refresh at a time: gettoken itself is rate-limited), and again on an expiry error.
 */
export class WecomApi {
  private token: { value: string; expiresAt: number } | undefined;
  private refreshing: Promise<string> | undefined;

  constructor(
    private readonly config: WecomConfig,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {}

  async accessToken(): Promise<string> {
    const now = this.clock.now().getTime();
    if (this.token && this.token.expiresAt > now) return this.token.value;
    this.refreshing ??= this.fetchToken().finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  private async fetchToken(): Promise<string> {
    const url = new URL(`${this.config.apiRoot}/cgi-bin/gettoken`);
    url.searchParams.set("corpid", this.config.corpId);
    url.searchParams.set("corpsecret", this.config.secret);
    const res = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS) });
    const body = (await res.json()) as Answer & { access_token?: string; expires_in?: number };
    if (body.errcode || !body.access_token)
      throw new WecomApiError(body.errcode ?? -1, body.errmsg ?? "no token", "gettoken");
    const lifetime = (body.expires_in ?? 7200) * 1000;
    this.token = {
      value: body.access_token,
      expiresAt: this.clock.now().getTime() + Math.max(lifetime - TOKEN_MARGIN_MS, lifetime / 2),
    };
    this.log.info({ expiresIn: body.expires_in }, "wecom access token refreshed");
    return body.access_token;
  }

  /** Calls an API with the token; on an expired or invalid token refreshes it and calls once more. */
  private async withToken<T>(
    api: string,
    call: (token: string) => Promise<{ answer: Answer; value: T }>,
  ): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const token = await this.accessToken();
      const { answer, value } = await call(token);
      const code = answer.errcode ?? 0;
      if (code === 0) return value;
      if (TOKEN_ERRORS.has(code) && attempt === 0) {
        this.log.warn({ errcode: code, api }, "wecom access token rejected; refreshing");
        if (this.token?.value === token) this.token = undefined;
        continue;
      }
      throw new WecomApiError(code, answer.errmsg ?? "", api);
    }
  }

  private async postJson<T extends Answer>(api: string, body: unknown, signal?: AbortSignal): Promise<T> {
    const timeout = AbortSignal.timeout(TIMEOUT_MS);
    return this.withToken(api, async (token) => {
      const res = await fetch(
        `${this.config.apiRoot}/cgi-bin/${api}?access_token=${encodeURIComponent(token)}`,
        {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(body),
          signal: signal ? AbortSignal.any([timeout, signal]) : timeout,
        },
      );
      if (!res.ok) throw new Error(`wecom ${api}: HTTP ${res.status}`);
      const answer = (await res.json()) as T;
      return { answer, value: answer };
    });
  }

  /** `message/send` for this app; `agentid` is filled in. `signal` aborts a call that hangs. */
  send(message: Record<string, unknown>, signal?: AbortSignal): Promise<SendResult> {
    return this.postJson<SendResult>("message/send", { ...message, agentid: this.config.agentId }, signal);
  }

  /** `message/update_template_card`: replaces the buttons of a clicked card for that member. */
  async updateCardButton(userId: string, responseCode: string, replaceName: string): Promise<void> {
    await this.postJson("message/update_template_card", {
      userids: [userId],
      agentid: this.config.agentId,
      response_code: responseCode,
      button: { replace_name: replaceName },
    });
  }

  /** `media/upload?type=image`: the media id (valid 3 days) of an image to send. */
  async uploadImage(bytes: Buffer, name: string, mime: string): Promise<string> {
    return this.withToken("media/upload", async (token) => {
      const form = new FormData();
      form.append("media", new Blob([bytes], { type: mime }), name);
      const res = await fetch(
        `${this.config.apiRoot}/cgi-bin/media/upload?access_token=${encodeURIComponent(token)}&type=image`,
        { method: "POST", body: form, signal: AbortSignal.timeout(TIMEOUT_MS) },
      );
      if (!res.ok) throw new Error(`wecom media/upload: HTTP ${res.status}`);
      const answer = (await res.json()) as Answer & { media_id?: string };
      return { answer, value: answer.media_id ?? "" };
    });
  }

  /** `media/get`: the bytes of a file a member sent (up to `limit` + 1 bytes). */
  async downloadMedia(mediaId: string, limit: number): Promise<Buffer> {
    return this.withToken("media/get", async (token) => {
      const url = new URL(`${this.config.apiRoot}/cgi-bin/media/get`);
      url.searchParams.set("access_token", token);
      url.searchParams.set("media_id", mediaId);
      const res = await fetch(url, { signal: AbortSignal.timeout(60_000) });
      if (!res.ok || !res.body) throw new Error(`wecom media/get: HTTP ${res.status}`);
      // Errors come back as JSON; the file itself as its own content type.
      if (/json|text\/plain/.test(res.headers.get("content-type") ?? ""))
        return { answer: (await res.json()) as Answer, value: Buffer.alloc(0) };
      return { answer: {}, value: await readCapped(res.body as AsyncIterable<Uint8Array>, limit) };
    });
  }
}
