import { randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { InlineKeyboardMarkup, Message, Update } from "grammy/types";

/** A person on the fake Telegram; their private chat id is their user id. */
export type FakeUser = { id: number; first_name: string; username?: string };

/** A message the bot sent (or edited), as the fake saw it. */
export type BotMessage = {
  chatId: number;
  messageId: number;
  text?: string;
  caption?: string;
  photo?: Buffer;
  parseMode?: string;
  keyboard?: InlineKeyboardMarkup;
  edits: number;
};

type ApiError = { error_code: number; description: string; parameters?: { retry_after?: number } };

/** Splits grammY's multipart body: lower-case headers without spaces, unquoted filenames, attach://. */
function parseMultipart(body: Buffer, boundary: string): Map<string, Buffer> {
  const parts = new Map<string, Buffer>();
  const delimiter = Buffer.from(`--${boundary}`);
  let at = body.indexOf(delimiter);
  while (at !== -1) {
    const start = at + delimiter.length;
    if (body.subarray(start, start + 2).toString() === "--") break;
    const next = body.indexOf(delimiter, start);
    if (next === -1) break;
    const part = body.subarray(start + 2, next - 2); // skip CRLF after the delimiter and before the next
    const split = part.indexOf("\r\n\r\n");
    const head = part.subarray(0, split).toString("utf8");
    const name = /name="?([^";\r\n]+)"?/i.exec(head)?.[1];
    if (name) parts.set(name, part.subarray(split + 4));
    at = next;
  }
  return parts;
}

/**
 * A Bot API server on 127.0.0.1 for tests: the real grammY client talks to it through `apiRoot`.
 * It keeps an update queue for long polling, the messages the bot sent, the files users sent,
 * and can fail the next call of a method with a given error (429 with retry_after, 403, 500).
 */
export class FakeTelegram {
  readonly token = "123456:TEST-token_abc";
  /** Every call, with the wall-clock time (ms) it arrived. */
  readonly calls: { method: string; payload: Record<string, unknown>; at: number }[] = [];
  /** How long each sendMessage/sendPhoto takes to answer (ms), like a distant or busy Bot API. */
  answerDelayMs = 0;
  readonly botMessages: BotMessage[] = [];
  readonly commands: { command: string; description: string }[] = [];
  webhook: { url: string; secret?: string } | undefined;
  /** getUpdates calls refused because another one was in progress (Telegram answers 409). */
  pollConflicts = 0;
  /** The long polls in progress, by their response (one whose socket closed has ended). */
  private readonly polling = new Set<http.ServerResponse>();
  private readonly queue: Update[] = [];
  private nextUpdateId = 1;
  private nextMessageId = 1000;
  private readonly files = new Map<string, { path: string; bytes: Buffer }>();
  private readonly failures = new Map<string, ApiError[]>();
  private readonly waiting = new Set<() => void>();
  /** Chats whose sends hang (no answer) until `release`; each entry wakes one held request. */
  private readonly hung = new Map<number, (() => void)[]>();
  private server!: http.Server;
  apiRoot = "";

  static async start(): Promise<FakeTelegram> {
    const fake = new FakeTelegram();
    fake.server = http.createServer((req, res) => {
      fake.handle(req, res).catch((e: unknown) => {
        res.writeHead(500).end(String(e));
      });
    });
    // Like Telegram, keep idle connections open: a short keep-alive races the client's reuse of a
    // socket (ECONNRESET), which is noise, not what the tests look at.
    fake.server.keepAliveTimeout = 60_000;
    await new Promise<void>((resolve) => fake.server.listen(0, "127.0.0.1", resolve));
    fake.apiRoot = `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}`;
    return fake;
  }

  async close(): Promise<void> {
    for (const wake of this.waiting) wake();
    for (const chat of [...this.hung.keys()]) this.release(chat);
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Sends to this chat get no answer until `release(chatId)`: a Bot API call that hangs. */
  hang(chatId: number): void {
    if (!this.hung.has(chatId)) this.hung.set(chatId, []);
  }

  /** Answers the sends held for this chat and stops holding new ones. */
  release(chatId: number): void {
    for (const wake of this.hung.get(chatId) ?? []) wake();
    this.hung.delete(chatId);
  }

  /** The next call of `method` answers with this error (queue several by calling again). */
  failNext(method: string, error: ApiError): void {
    this.failures.set(method, [...(this.failures.get(method) ?? []), error]);
  }

  /** Queues an update as Telegram would; returns it. */
  push(update: Omit<Update, "update_id">): Update {
    const full = { update_id: this.nextUpdateId++, ...update } as Update;
    this.queue.push(full);
    for (const wake of this.waiting) wake();
    return full;
  }

  /** Queues the same update again: what a restarted bot gets when its last batch was not confirmed. */
  redeliver(update: Update): void {
    this.queue.push(update);
    for (const wake of this.waiting) wake();
  }

  private userMessage(user: FakeUser, extra: Partial<Message>, chat?: { id: number; type: "group" }): Update {
    return this.push({
      message: {
        message_id: this.nextMessageId++,
        date: Math.floor(Date.now() / 1000),
        chat: chat
          ? { ...chat, title: "group" }
          : { id: user.id, type: "private", first_name: user.first_name },
        from: { ...user, is_bot: false },
        ...extra,
      } as Update["message"],
    });
  }

  /** The user types a text (or a command). */
  sendText(user: FakeUser, text: string, chat?: { id: number; type: "group" }): Update {
    return this.userMessage(user, { text }, chat);
  }

  /** The user sends a photo (three sizes, like Telegram); `mediaGroupId` makes it part of an album. */
  sendPhoto(
    user: FakeUser,
    bytes: Buffer,
    options: { mediaGroupId?: string; caption?: string } = {},
  ): Update {
    const sizes = [90, 320, 1280].map((w, i) => {
      const id = `photo-${randomUUID()}`;
      // Only the largest size has the real bytes: the bot must pick it.
      this.files.set(id, {
        path: `photos/file_${id}.jpg`,
        bytes: i === 2 ? bytes : Buffer.from("thumbnail"),
      });
      return { file_id: id, file_unique_id: `u-${id}`, width: w, height: w, file_size: bytes.length };
    });
    return this.userMessage(user, {
      photo: sizes,
      ...(options.mediaGroupId ? { media_group_id: options.mediaGroupId } : {}),
      ...(options.caption ? { caption: options.caption } : {}),
    } as Partial<Message>);
  }

  /** The user presses a button of a bot message (by its label). */
  press(user: FakeUser, message: BotMessage, label: string): Update {
    const button = message.keyboard?.inline_keyboard.flat().find((b) => b.text === label);
    if (!button || !("callback_data" in button))
      throw new Error(`no button "${label}" on message ${message.messageId}`);
    return this.pressData(user, message, button.callback_data);
  }

  pressData(user: FakeUser, message: BotMessage, data: string): Update {
    return this.push({
      callback_query: {
        id: randomUUID(),
        from: { ...user, is_bot: false },
        chat_instance: "ci",
        data,
        message: {
          message_id: message.messageId,
          date: Math.floor(Date.now() / 1000),
          chat: { id: message.chatId, type: "private", first_name: user.first_name },
          from: { id: 1, is_bot: true, first_name: "巡检" },
          ...(message.text !== undefined ? { text: message.text } : {}),
          ...(message.caption !== undefined ? { caption: message.caption } : {}),
          ...(message.keyboard ? { reply_markup: message.keyboard } : {}),
        } as Update["message"],
      },
    });
  }

  /** Messages the bot sent to a chat, oldest first. */
  sentTo(chatId: number): BotMessage[] {
    return this.botMessages.filter((m) => m.chatId === chatId);
  }

  lastTo(chatId: number): BotMessage {
    const last = this.sentTo(chatId).at(-1);
    if (!last) throw new Error(`nothing sent to ${chatId}`);
    return last;
  }

  callsOf(method: string): Record<string, unknown>[] {
    return this.calls.filter((c) => c.method === method).map((c) => c.payload);
  }

  /** Waits until the condition holds (checked every 10 ms); fails after `timeoutMs` naming `what`. */
  async until(what: string, condition: () => boolean, timeoutMs = 10_000): Promise<void> {
    const started = Date.now();
    while (!condition()) {
      if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for: ${what}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  /** Waits until `count` messages have been sent to the chat in total and returns the new ones. */
  async messagesTo(chatId: number, count: number, since = 0): Promise<BotMessage[]> {
    await this.until(`${count} messages to ${chatId}`, () => this.sentTo(chatId).length >= since + count);
    return this.sentTo(chatId).slice(since);
  }

  private async readPayload(req: http.IncomingMessage): Promise<Record<string, unknown>> {
    const chunks: Buffer[] = [];
    for await (const c of req as AsyncIterable<Buffer>) chunks.push(c);
    const body = Buffer.concat(chunks);
    const type = req.headers["content-type"] ?? "";
    if (type.startsWith("application/json")) return body.length ? JSON.parse(body.toString("utf8")) : {};
    const boundary = /boundary=(.+)$/.exec(type)?.[1];
    if (!boundary) return {};
    const parts = parseMultipart(body, boundary);
    const payload: Record<string, unknown> = {};
    for (const [name, value] of parts) {
      const text = value.toString("utf8");
      const attached = /^attach:\/\/(.+)$/.exec(text)?.[1];
      if (attached) payload[name] = parts.get(attached);
      else if (/^[[{]/.test(text)) payload[name] = JSON.parse(text);
      else payload[name] = text;
    }
    return payload;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", this.apiRoot);
    const file = new RegExp(`^/file/bot${this.token}/(.+)$`).exec(url.pathname);
    if (file) {
      const found = [...this.files.values()].find((f) => f.path === file[1]);
      if (!found) return void res.writeHead(404).end();
      return void res.writeHead(200, { "content-type": "application/octet-stream" }).end(found.bytes);
    }
    const call = new RegExp(`^/bot${this.token}/(\\w+)$`).exec(url.pathname);
    const ok = (result: unknown): void => {
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ok: true, result }));
    };
    if (!call?.[1]) {
      res.writeHead(401, { "content-type": "application/json" });
      return void res.end(JSON.stringify({ ok: false, error_code: 401, description: "Unauthorized" }));
    }
    const method = call[1];
    const payload = await this.readPayload(req);
    this.calls.push({ method, payload, at: Date.now() });
    const failure = this.failures.get(method)?.shift();
    if (failure) {
      res.writeHead(failure.error_code, { "content-type": "application/json" });
      return void res.end(JSON.stringify({ ok: false, ...failure }));
    }
    switch (method) {
      case "getMe":
        return ok({
          id: 1,
          is_bot: true,
          first_name: "巡检",
          username: "xunjian_test_bot",
          can_join_groups: true,
        });
      case "getUpdates": {
        // Like Telegram, two pollers of one bot exclude each other: the second is refused with 409.
        for (const other of this.polling)
          if (other.destroyed || other.socket?.destroyed) this.polling.delete(other);
        if (this.polling.size > 0) {
          this.pollConflicts++;
          res.writeHead(409, { "content-type": "application/json" });
          const description = "Conflict: terminated by other getUpdates request";
          return void res.end(JSON.stringify({ ok: false, error_code: 409, description }));
        }
        this.polling.add(res);
        try {
          return ok(await this.getUpdates(payload));
        } finally {
          this.polling.delete(res);
        }
      }
      case "setMyCommands":
        this.commands.splice(0, this.commands.length, ...(payload.commands as FakeTelegram["commands"]));
        return ok(true);
      case "setWebhook":
        this.webhook = {
          url: String(payload.url),
          ...(payload.secret_token ? { secret: String(payload.secret_token) } : {}),
        };
        return ok(true);
      case "deleteWebhook":
        this.webhook = undefined;
        return ok(true);
      case "sendMessage":
      case "sendPhoto": {
        if (this.answerDelayMs > 0) await new Promise((r) => setTimeout(r, this.answerDelayMs));
        const held = this.hung.get(Number(payload.chat_id));
        if (held) await new Promise<void>((resolve) => held.push(resolve));
        const message: BotMessage = {
          chatId: Number(payload.chat_id),
          messageId: this.nextMessageId++,
          ...(payload.text !== undefined ? { text: String(payload.text) } : {}),
          ...(payload.caption !== undefined ? { caption: String(payload.caption) } : {}),
          ...(payload.photo instanceof Buffer ? { photo: payload.photo } : {}),
          ...(payload.parse_mode ? { parseMode: String(payload.parse_mode) } : {}),
          ...(payload.reply_markup ? { keyboard: payload.reply_markup as InlineKeyboardMarkup } : {}),
          edits: 0,
        };
        this.botMessages.push(message);
        return ok({
          message_id: message.messageId,
          date: Math.floor(Date.now() / 1000),
          chat: { id: message.chatId, type: "private", first_name: "user" },
          ...(message.text !== undefined ? { text: message.text } : {}),
          ...(message.photo
            ? { photo: [{ file_id: "sent", file_unique_id: "sent", width: 1, height: 1 }] }
            : {}),
        });
      }
      case "editMessageText":
      case "editMessageCaption":
      case "editMessageReplyMarkup": {
        const target = this.botMessages.find(
          (m) => m.chatId === Number(payload.chat_id) && m.messageId === Number(payload.message_id),
        );
        if (!target) return ok(true);
        if (payload.text !== undefined) target.text = String(payload.text);
        if (payload.caption !== undefined) target.caption = String(payload.caption);
        const markup = payload.reply_markup as InlineKeyboardMarkup | undefined;
        if (markup?.inline_keyboard.length) target.keyboard = markup;
        else delete target.keyboard; // an edit without reply_markup removes the keyboard, as on Telegram
        target.edits++;
        return ok(true);
      }
      case "answerCallbackQuery":
        return ok(true);
      case "getFile": {
        const f = this.files.get(String(payload.file_id));
        if (!f) {
          res.writeHead(400, { "content-type": "application/json" });
          return void res.end(
            JSON.stringify({ ok: false, error_code: 400, description: "Bad Request: invalid file_id" }),
          );
        }
        return ok({
          file_id: payload.file_id,
          file_unique_id: "u",
          file_size: f.bytes.length,
          file_path: f.path,
        });
      }
      default:
        res.writeHead(404, { "content-type": "application/json" });
        return void res.end(
          JSON.stringify({ ok: false, error_code: 404, description: `Not Found: ${method}` }),
        );
    }
  }

  /** Long polling: confirms updates below `offset`, then holds until one is queued or the timeout ends. */
  private async getUpdates(payload: Record<string, unknown>): Promise<Update[]> {
    const offset = Number(payload.offset ?? 0);
    const limit = Number(payload.limit ?? 100);
    const drop = () => {
      while (this.queue.length && (this.queue[0]?.update_id ?? 0) < offset) this.queue.shift();
    };
    drop();
    const timeout = Number(payload.timeout ?? 0) * 1000;
    if (this.queue.length === 0 && timeout > 0) {
      await new Promise<void>((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          this.waiting.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, timeout);
        this.waiting.add(wake);
      });
      drop();
    }
    return this.queue.slice(0, limit);
  }
}
