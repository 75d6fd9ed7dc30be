import type { InlineKeyboardButton, InlineKeyboardMarkup } from "grammy/types";
import { encodeChoice } from "../../domain/choice-payload.ts";
import type { Choice, OutboundMessage } from "../../domain/messages.ts";

/** One Bot API send: a text message or a photo with a caption. */
export type TelegramPart =
  | { kind: "text"; text: string; html: boolean; keyboard?: InlineKeyboardMarkup }
  | { kind: "photo"; attachmentId: string; caption?: string; html: boolean; keyboard?: InlineKeyboardMarkup };

export const TEXT_LIMIT = 4096;
export const CAPTION_LIMIT = 1024;

const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/**
 * Buttons, several to a row when their labels are short, one to a row otherwise. Each carries
 * the prompt it belongs to (none for a card's buttons, which never go stale).
 */
export function keyboardOf(choices: readonly Choice[], promptId?: string): InlineKeyboardMarkup | undefined {
  if (choices.length === 0) return undefined;
  const longest = Math.max(...choices.map((c) => c.label.length));
  const perRow = longest <= 4 ? 3 : longest <= 10 ? 2 : 1;
  const rows: InlineKeyboardButton[][] = [];
  choices.forEach((c, i) => {
    const button = { text: c.label, callback_data: encodeChoice(promptId, c.id, i) };
    const last = rows.at(-1);
    if (last && last.length < perRow) last.push(button);
    else rows.push([button]);
  });
  return { inline_keyboard: rows };
}

/** Splits text into pieces within the limit, at line breaks where possible. */
export function splitText(text: string, limit = TEXT_LIMIT): string[] {
  const parts: string[] = [];
  let rest = text;
  while (rest.length > limit) {
    const cut = rest.lastIndexOf("\n", limit);
    const at = cut > limit / 2 ? cut : limit;
    parts.push(rest.slice(0, at));
    rest = rest.slice(at).replace(/^\n/, "");
  }
  parts.push(rest);
  return parts.filter((p) => p.length > 0);
}

/**
 * How one outgoing message looks on Telegram: a card is a bold title and label/value lines
 * (HTML), choices are an inline keyboard under the last part, an image is a photo with the
 * text as its caption when it fits. Long texts are split; the keyboard goes with the last piece.
 */
export function renderTelegram(m: OutboundMessage): TelegramPart[] {
  const card = m.card;
  const keyboard = card?.choices.length ? keyboardOf(card.choices) : keyboardOf(m.choices ?? [], m.promptId);
  let body = m.text;
  let html = false;
  if (card) {
    const head = [
      `<b>${escapeHtml(card.title)}</b>`,
      ...card.lines.map((l) => `${escapeHtml(l.label)}：${escapeHtml(l.value)}`),
    ];
    const formatted = [head.join("\n"), escapeHtml(m.text)].filter(Boolean).join("\n\n");
    if (formatted.length <= TEXT_LIMIT) {
      body = formatted;
      html = true;
    } else body = [card.title, ...card.lines.map((l) => `${l.label}：${l.value}`), m.text].join("\n");
  }
  const parts: TelegramPart[] = [];
  if (m.image) {
    if (body.length <= CAPTION_LIMIT) {
      return [
        {
          kind: "photo",
          attachmentId: m.image,
          ...(body ? { caption: body } : {}),
          html,
          ...(keyboard ? { keyboard } : {}),
        },
      ];
    }
    parts.push({ kind: "photo", attachmentId: m.image, html: false });
  }
  const pieces = html ? [body] : splitText(body);
  pieces.forEach((text, i) => {
    const last = i === pieces.length - 1;
    parts.push({ kind: "text", text, html, ...(last && keyboard ? { keyboard } : {}) });
  });
  return parts;
}
