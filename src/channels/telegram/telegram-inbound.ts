import type { Message, Update } from "grammy/types";
import { decodeChoice } from "../../domain/choice-payload.ts";
import type { InboundAttachment, InboundMessage } from "../../domain/messages.ts";

export const TELEGRAM_CHANNEL = "telegram";

/** A pressed inline button, with what is needed to answer it and mark the message. */
export type PressedButton = {
  queryId: string;
  chatId: string;
  messageId: number | undefined;
  /** Label of the pressed button, read from the message's own keyboard. */
  label: string | undefined;
  /** Text (or caption) of the message the button belongs to, to append the choice to. */
  messageText: string | undefined;
  isCaption: boolean;
  entities: Message["entities"];
};

export type TelegramInbound = { message: InboundMessage; pressed?: PressedButton };

/** The chat an update belongs to: updates of one chat are handled in order. */
export function chatKeyOf(update: Update): string {
  const chat = update.message?.chat.id ?? update.callback_query?.message?.chat.id;
  const from = update.message?.from?.id ?? update.callback_query?.from.id;
  return String(chat ?? from ?? `update:${update.update_id}`);
}

const nameOf = (u: { first_name: string; last_name?: string; username?: string }) =>
  [u.first_name, u.last_name].filter(Boolean).join(" ") || u.username || undefined;

/**
 * A command as the app understands it: `/cmd@thisbot rest` → `/cmd rest`, and the deep link
 * `/start <code>` (t.me/<bot>?start=<code>) → the bind command with that code. Commands for
 * another bot in a group give null.
 */
export function commandText(text: string, botUsername: string, bindWord: string): string | null {
  const m = /^\/([A-Za-z0-9_]+)(?:@([A-Za-z0-9_]+))?(?:\s+([\s\S]*))?$/.exec(text.trim());
  if (!m) return text;
  const [, command = "", target, rest = ""] = m;
  if (target && target.toLowerCase() !== botUsername.toLowerCase()) return null;
  // An enterprise's inspection QR code (insp-…) opens an inspection, not a binding.
  if (command.toLowerCase() === "start" && rest.trim() && !/^insp-/i.test(rest.trim()))
    return `${bindWord} ${rest.trim()}`;
  return rest.trim() ? `/${command} ${rest.trim()}` : `/${command}`;
}

function attachmentsOf(message: Message): InboundAttachment[] {
  // Telegram sends each photo in several sizes, smallest first: take the largest.
  const photo = message.photo?.at(-1);
  if (photo) return [{ ref: photo.file_id, name: `photo-${message.message_id}.jpg` }];
  const doc = message.document;
  if (doc)
    return [
      {
        ref: doc.file_id,
        name: doc.file_name ?? `file-${message.message_id}`,
        ...(doc.mime_type ? { mime: doc.mime_type } : {}),
      },
    ];
  return [];
}

/**
 * Maps one Telegram update to the channel-neutral message, or null for what the bot does not
 * handle (edits, stickers, other bots, service messages, group talk not meant for the bot). Platform ids: `<chat>:<message_id>`
 * for messages, `cb:<query id>` for button presses; both are what a redelivery repeats.
 */
export function toInbound(
  update: Update,
  bot: { id: number; username: string; bindWord: string },
  receivedAt: Date,
): TelegramInbound | null {
  const m = update.message;
  if (m) {
    if (!m.from || m.from.is_bot) return null;
    let raw = m.text ?? m.caption;
    if (m.chat.type !== "private") {
      // In a group only what is meant for the bot: a command, a mention, or a reply to the bot.
      const mention = new RegExp(`@${bot.username}\\b`, "gi");
      const meant =
        raw?.startsWith("/") ||
        (raw !== undefined && mention.test(raw)) ||
        m.reply_to_message?.from?.id === bot.id;
      if (!meant) return null;
      if (raw && !raw.startsWith("/")) raw = raw.replace(mention, "").trim();
    }
    const text = raw?.startsWith("/") ? commandText(raw, bot.username, bot.bindWord) : raw;
    if (text === null) return null;
    const attachments = attachmentsOf(m);
    if (!text && attachments.length === 0) return null;
    const senderName = nameOf(m.from);
    return {
      message: {
        channel: TELEGRAM_CHANNEL,
        senderId: String(m.from.id),
        chatId: String(m.chat.id),
        platformMessageId: `${m.chat.id}:${m.message_id}`,
        ...(text ? { text } : {}),
        attachments,
        receivedAt,
        ...(senderName ? { senderName } : {}),
      },
    };
  }
  const q = update.callback_query;
  if (q?.data) {
    if (q.from.is_bot) return null;
    const source = q.message && q.message.date !== 0 ? (q.message as Message) : undefined;
    const buttons = source?.reply_markup?.inline_keyboard.flat() ?? [];
    const pressed = buttons.find((b) => "callback_data" in b && b.callback_data === q.data);
    const label = pressed?.text;
    // A button by position is read back through its label (the app takes an option's label).
    const decoded = decodeChoice(q.data);
    const choice: { choiceId?: string; text?: string; promptId?: string } = {
      ...("choiceId" in decoded
        ? { choiceId: decoded.choiceId }
        : label
          ? { text: label }
          : { choiceId: q.data }),
      ...(decoded.promptId ? { promptId: decoded.promptId } : {}),
    };
    const chatId = String(q.message?.chat.id ?? q.from.id);
    const senderName = nameOf(q.from);
    return {
      message: {
        channel: TELEGRAM_CHANNEL,
        senderId: String(q.from.id),
        chatId,
        platformMessageId: `cb:${q.id}`,
        ...choice,
        attachments: [],
        receivedAt,
        ...(senderName ? { senderName } : {}),
      },
      pressed: {
        queryId: q.id,
        chatId,
        messageId: q.message?.message_id,
        label,
        messageText: source?.text ?? source?.caption,
        isCaption: source?.text === undefined && source?.caption !== undefined,
        entities: source?.text !== undefined ? source.entities : source?.caption_entities,
      },
    };
  }
  return null;
}
