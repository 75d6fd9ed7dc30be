import { timingSafeEqual } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Api, InputFile } from "grammy";
import type { Update, UserFromGetMe } from "grammy/types";
import type { TelegramConfig } from "../../config.ts";
import { fill } from "../../content/channel-texts.ts";
import type { OutboundMessage } from "../../domain/messages.ts";
import { type HttpRoute, HttpStatusError, readBody, reply } from "../../http/http-server.ts";
import type { Logger } from "../../logger.ts";
import { type SendResult, sendFailed } from "../../outbox/channel-sender.ts";
import type { Channel, ChannelRuntime, Delivery, Inbox } from "../channel.ts";
import { KeyedSequencer } from "../keyed-sequencer.ts";
import { readCapped, sleep } from "../read-capped.ts";
import { TELEGRAM_RATE_LIMITS } from "./telegram-definition.ts";
import { classifyTelegramError, retryAfterOf } from "./telegram-errors.ts";
import { chatKeyOf, type PressedButton, TELEGRAM_CHANNEL, toInbound } from "./telegram-inbound.ts";
import { renderTelegram, TEXT_LIMIT } from "./telegram-render.ts";

const DEFAULT_API_ROOT = "https://api.telegram.org";
const ALLOWED_UPDATES = ["message", "callback_query", "my_chat_member"] as const;
const MAX_BACKOFF_MS = 60_000;

export type TelegramOptions = {
  /** Long-poll wait in seconds (Telegram allows up to 50). */
  pollTimeoutSeconds?: number;
};

/**
 * The Telegram adapter: Bot API updates in (long polling or webhook), channel-neutral messages
 * to the app, and the outbox's messages rendered as Telegram messages with inline keyboards.
 *
 * Long polling is a loop of its own rather than `bot.start()` (sequential) or @grammyjs/runner
 * (not installed): each batch of updates is split by chat, chats run concurrently, each chat's
 * updates in order, and the next `getUpdates` (which confirms the batch to Telegram) is only
 * made once the batch is handled, so a crash never loses an update. An update whose handling
 * fails is not confirmed: the inbox has already retried it (a busy database) and recorded it as
 * failed when that did not help, so what reaches here failed even that, and comes again. A slow
 * chat (a large photo download) holds the next batch for at most that long; the others of its
 * batch are not held.
 *
 * A button carries the prompt it belongs to; the app judges a press, and a refused one (an older
 * question's button) is answered with a note and loses its keyboard.
 */
export class TelegramChannel implements Channel {
  readonly id = TELEGRAM_CHANNEL;
  readonly rateLimits = TELEGRAM_RATE_LIMITS;
  private readonly api: Api;
  private readonly apiRoot: string;
  private readonly log: Logger;
  private readonly sequencer = new KeyedSequencer();
  private inbox: Inbox | undefined;
  private me: UserFromGetMe | undefined;
  private running = false;
  private readonly abort = new AbortController();
  private loop: Promise<void> | undefined;
  private offset = 0;

  /** Long polling: Telegram refuses a second poller (409); a webhook is served by any instance. */
  get scope(): "platform" | "exclusive" {
    return this.config.webhook ? "platform" : "exclusive";
  }

  constructor(
    private readonly rt: ChannelRuntime,
    private readonly config: TelegramConfig,
    private readonly options: TelegramOptions = {},
  ) {
    this.apiRoot = config.apiRoot ?? DEFAULT_API_ROOT;
    this.api = new Api(config.token, { apiRoot: this.apiRoot, timeoutSeconds: 75 });
    this.log = rt.log.child({ channel: TELEGRAM_CHANNEL });
  }

  /** The webhook route for the HTTP server, in webhook mode. */
  get routes(): HttpRoute[] {
    const webhook = this.config.webhook;
    if (!webhook) return [];
    const secret = Buffer.from(webhook.secret);
    return [
      {
        path: new URL(webhook.url).pathname,
        handle: async (req, res) => {
          if (req.method !== "POST") throw new HttpStatusError(405, "POST only");
          const given = Buffer.from(String(req.headers["x-telegram-bot-api-secret-token"] ?? ""));
          if (given.length !== secret.length || !timingSafeEqual(given, secret))
            throw new HttpStatusError(401, "secret token is wrong");
          if (!this.me) throw new HttpStatusError(503, "starting");
          let update: Update;
          try {
            update = JSON.parse((await readBody(req, 1_000_000)).toString("utf8")) as Update;
          } catch (e) {
            if (e instanceof HttpStatusError) throw e;
            throw new HttpStatusError(400, "body is not JSON");
          }
          if (typeof update?.update_id !== "number") throw new HttpStatusError(400, "not an update");
          // Answered once handled: an error answers 500 and Telegram delivers the update again.
          await this.sequencer.run(chatKeyOf(update), () => this.handleUpdate(update));
          reply(res, 200, "{}", "application/json");
        },
      },
    ];
  }

  /**
   * Connects: reads the bot's own name, registers the commands, and sets the webhook or starts
   * polling. When Telegram cannot be reached the attempt is logged and repeated with backoff;
   * start-up of the rest of the app does not wait for it.
   */
  async start(inbox: Inbox): Promise<void> {
    this.inbox = inbox;
    this.running = true;
    const first = await this.connect().then(
      () => true,
      (err: unknown) => {
        this.log.error({ err }, "telegram connect failed; retrying in the background");
        return false;
      },
    );
    this.loop = this.run(first);
  }

  async stop(): Promise<void> {
    this.running = false;
    this.abort.abort();
    await this.loop;
    await this.sequencer.idle();
    if (!this.config.webhook && this.offset > 0) {
      // Confirm the handled updates so the next start does not receive them again.
      await this.api.getUpdates({ offset: this.offset, limit: 1, timeout: 0 }).then(
        () => undefined,
        (err: unknown) => this.log.warn({ err }, "could not confirm the last updates"),
      );
    }
  }

  /** Bytes of a file the user sent: getFile, then the download (or the local Bot API server's disk). */
  async fetchAttachment(fileId: string): Promise<Buffer> {
    const limit = this.rt.maxPhotoBytes;
    const file = await this.api.getFile(fileId);
    if (!file.file_path) throw new Error(`telegram getFile gave no path for ${fileId}`);
    // A self-hosted Bot API server in --local mode answers with an absolute path on its disk.
    if (path.isAbsolute(file.file_path)) return readCapped(fs.createReadStream(file.file_path), limit);
    const res = await fetch(`${this.apiRoot}/file/bot${this.config.token}/${file.file_path}`, {
      signal: AbortSignal.timeout(120_000),
    });
    if (!res.ok || !res.body) throw new Error(`telegram file download failed: HTTP ${res.status}`);
    return readCapped(res.body as AsyncIterable<Uint8Array>, limit);
  }

  private async connect(): Promise<void> {
    this.me = await this.api.getMe();
    await this.api.setMyCommands(this.rt.texts.telegram.commands).catch((err: unknown) => {
      this.log.warn({ err }, "could not register bot commands");
    });
    const webhook = this.config.webhook;
    if (webhook)
      await this.api.setWebhook(webhook.url, {
        secret_token: webhook.secret,
        allowed_updates: [...ALLOWED_UPDATES],
      });
    // Polling and a webhook exclude each other (409): clear any webhook left behind.
    else await this.api.deleteWebhook();
    this.log.info({ bot: this.me.username, mode: webhook ? "webhook" : "polling" }, "telegram connected");
  }

  private async run(connected: boolean): Promise<void> {
    let failures = 0;
    while (this.running && !connected) {
      await sleep(this.backoff(++failures), this.abort.signal);
      if (!this.running) return;
      connected = await this.connect().then(
        () => true,
        (err: unknown) => {
          this.log.error({ err, failures }, "telegram connect failed");
          return false;
        },
      );
    }
    if (!this.config.webhook) await this.poll();
  }

  private backoff(failures: number): number {
    return Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.min(failures - 1, 10));
  }

  /** The long-polling loop; nothing thrown inside it ends it, only stop(). */
  private async poll(): Promise<void> {
    let failures = 0;
    let unhandledBatches = 0;
    while (this.running) {
      let updates: Update[];
      try {
        updates = await this.api.getUpdates(
          {
            offset: this.offset,
            timeout: this.options.pollTimeoutSeconds ?? 30,
            allowed_updates: [...ALLOWED_UPDATES],
          },
          // grammY types its signal after the abort-controller shim; a native signal works the same.
          this.abort.signal as unknown as Parameters<Api["getUpdates"]>[1],
        );
        failures = 0;
      } catch (err) {
        if (!this.running) return;
        failures++;
        const retryAfter = retryAfterOf(classifyTelegramError(err));
        this.log.error({ err, failures }, "telegram getUpdates failed");
        await sleep(retryAfter ?? this.backoff(failures), this.abort.signal);
        continue;
      }
      if (updates.length === 0) continue;
      const unhandled = await this.handleBatch(updates);
      // Confirmed up to the first update not handled: it, and those after it, come again (the
      // handled ones are then dropped as duplicates). Nothing polled is confirmed unhandled.
      this.offset = unhandled ?? Math.max(...updates.map((u) => u.update_id)) + 1;
      if (unhandled === undefined) unhandledBatches = 0;
      else await sleep(this.backoff(++unhandledBatches), this.abort.signal);
    }
  }

  /**
   * Handles a batch, chats concurrently and each chat's updates in order; returns the id of the
   * first update not handled (a chat stops at its first failure, to keep its order), if any.
   */
  private async handleBatch(updates: Update[]): Promise<number | undefined> {
    const byChat = new Map<string, Update[]>();
    for (const u of updates) {
      const key = chatKeyOf(u);
      byChat.set(key, [...(byChat.get(key) ?? []), u]);
    }
    const unhandled = await Promise.all(
      [...byChat.entries()].map(([key, list]) =>
        this.sequencer.run(key, async () => {
          for (const update of list) {
            try {
              await this.handleUpdate(update);
            } catch (err) {
              this.log.error({ err, updateId: update.update_id }, "telegram update failed; not confirmed");
              return update.update_id;
            }
          }
          return undefined;
        }),
      ),
    );
    const ids = unhandled.filter((id): id is number => id !== undefined);
    return ids.length > 0 ? Math.min(...ids) : undefined;
  }

  private async handleUpdate(update: Update): Promise<void> {
    const me = this.me;
    const inbox = this.inbox;
    if (!me || !inbox) throw new Error("telegram update before connect");
    const member = update.my_chat_member;
    if (member && member.chat.type === "private") {
      const who = String(member.from.id);
      if (member.new_chat_member.status === "kicked") await this.rt.markUnreachable(who, "blocked the bot");
      else if (member.new_chat_member.status === "member") await this.rt.clearUnreachable(who);
      return;
    }
    const mapped = toInbound(
      update,
      { id: me.id, username: me.username, bindWord: this.rt.bindWord },
      this.rt.clock.now(),
    );
    if (!mapped) return;
    const outcome = await inbox(mapped.message);
    const { pressed } = mapped;
    if (!pressed) return;
    if (outcome === "stale") {
      // A button of an older question: answering it would have answered the current one instead.
      await this.quietly("answerCallbackQuery", () =>
        this.api.answerCallbackQuery(pressed.queryId, { text: this.rt.texts.telegram.stale_button }),
      );
      await this.dropKeyboard(pressed);
      return;
    }
    if (outcome === "not_yours") {
      await this.quietly("answerCallbackQuery", () =>
        this.api.answerCallbackQuery(pressed.queryId, { text: this.rt.texts.telegram.not_yours }),
      );
      return;
    }
    await this.quietly("answerCallbackQuery", () => this.api.answerCallbackQuery(pressed.queryId));
    if (outcome === "processed") await this.showChoice(pressed);
  }

  private async dropKeyboard(p: PressedButton): Promise<void> {
    const messageId = p.messageId;
    if (messageId === undefined) return;
    await this.quietly("editMessageReplyMarkup", () =>
      this.api.editMessageReplyMarkup(p.chatId, messageId, { reply_markup: { inline_keyboard: [] } }),
    );
  }

  /** Replaces the pressed message's buttons with the choice, so the chat shows what was answered. */
  private async showChoice(p: PressedButton): Promise<void> {
    const messageId = p.messageId;
    if (messageId === undefined) return;
    const mark = fill(this.rt.texts.telegram.chosen, { label: p.label ?? "" });
    const text = p.messageText ? `${p.messageText}\n\n${mark}` : undefined;
    const entities = p.entities ? { [p.isCaption ? "caption_entities" : "entities"]: p.entities } : {};
    if (text && p.isCaption && text.length <= 1024)
      await this.quietly("editMessageCaption", () =>
        this.api.editMessageCaption(p.chatId, messageId, { caption: text, ...entities }),
      );
    else if (text && !p.isCaption && text.length <= TEXT_LIMIT)
      await this.quietly("editMessageText", () =>
        this.api.editMessageText(p.chatId, messageId, text, entities),
      );
    else await this.dropKeyboard(p);
  }

  /** Acknowledgements (answering a button, marking a message) are logged when they fail, never retried. */
  private async quietly(what: string, call: () => Promise<unknown>): Promise<void> {
    try {
      await call();
    } catch (err) {
      this.log.warn({ err, call: what }, "telegram acknowledgement failed");
    }
  }

  /** Platform messages a message takes: a photo, and its text when too long for a caption, each count. */
  sendsFor(message: OutboundMessage): number {
    return renderTelegram(message).length;
  }

  /**
   * Sends one message; a blocked bot or a vanished chat comes back as `unreachable`. The
   * delivery's signal aborts a call that hangs. A 429 for a private chat holds the whole bot
   * back: the dispatcher keeps each chat to one message a second, so the limit hit is the bot's.
   */
  async send(recipient: string, message: OutboundMessage, delivery?: Delivery): Promise<SendResult> {
    const signal = delivery?.signal as Parameters<Api["sendMessage"]>[3];
    try {
      for (const part of renderTelegram(message)) {
        const markup = part.keyboard ? { reply_markup: part.keyboard } : {};
        const format = part.html ? { parse_mode: "HTML" as const } : {};
        if (part.kind === "text") {
          await this.api.sendMessage(recipient, part.text, { ...format, ...markup }, signal);
          continue;
        }
        const photo = await this.photo(part.attachmentId);
        if (!photo) return sendFailed(`attachment ${part.attachmentId} not found`, false);
        await this.api.sendPhoto(
          recipient,
          photo,
          { ...(part.caption ? { caption: part.caption, ...format } : {}), ...markup },
          signal,
        );
      }
      return { ok: true };
    } catch (e) {
      const failure = classifyTelegramError(e);
      const group = recipient.startsWith("-");
      return !failure.unreachable && failure.retryAfterMs !== undefined && !group
        ? { ...failure, retryScope: "channel" }
        : failure;
    }
  }

  private async photo(attachmentId: string): Promise<InputFile | null> {
    const file = await this.rt.storedFile(attachmentId);
    if (!file) return null;
    const ext = file.mime.split("/")[1] ?? "jpg";
    return new InputFile(await file.bytes(), `photo.${ext === "jpeg" ? "jpg" : ext}`);
  }
}
