import { type ChannelTexts, fill } from "../../content/channel-texts.ts";
import type { Choice, OutboundMessage } from "../../domain/messages.ts";
import { buttonKey } from "./wecom-inbound.ts";

/** A `button_interaction` template card, without its `task_id` (given at send time). */
export type ButtonCard = {
  card_type: "button_interaction";
  main_title: { title?: string };
  sub_title_text?: string;
  horizontal_content_list?: { keyname: string; value: string }[];
  button_list: { text: string; key: string }[];
};

/** One `message/send`: text, markdown, an image by attachment id, or a button card. */
export type WecomPart =
  | { kind: "text"; content: string }
  | { kind: "markdown"; content: string }
  | { kind: "image"; attachmentId: string }
  | { kind: "card"; card: ButtonCard };

/** WeCom's documented sizes (characters; "建议不超过") beyond which a card is cut off on screen. */
export const CARD_LIMITS = {
  title: 26,
  subtitle: 112,
  buttons: 6,
  buttonText: 10,
  keyname: 5,
  value: 26,
  rows: 6,
};
/** text and markdown content are limited to 2048 bytes. */
export const CONTENT_BYTES = 2048;

/** Splits text into pieces of at most `limit` UTF-8 bytes, at line breaks where possible. */
export function splitBytes(text: string, limit = CONTENT_BYTES): string[] {
  const parts: string[] = [];
  let current = "";
  for (const line of text.split("\n")) {
    const candidate = current ? `${current}\n${line}` : line;
    if (Buffer.byteLength(candidate) <= limit) {
      current = candidate;
      continue;
    }
    if (current) parts.push(current);
    current = "";
    let rest = line;
    while (Buffer.byteLength(rest) > limit) {
      let cut = rest.length;
      while (Buffer.byteLength(rest.slice(0, cut)) > limit) cut = Math.floor(cut * 0.9);
      parts.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    current = rest;
  }
  if (current) parts.push(current);
  return parts;
}

function buttonsFit(choices: readonly Choice[]): boolean {
  return (
    choices.length > 0 &&
    choices.length <= CARD_LIMITS.buttons &&
    choices.every((c) => c.label.length <= CARD_LIMITS.buttonText)
  );
}

/** The card for a message, or null when its text would be cut off on a card. */
function fullCard(
  m: OutboundMessage,
  buttons: ButtonCard["button_list"],
  lineTpl: string,
): ButtonCard | null {
  let title: string | undefined;
  let sub: string[];
  let rows: { keyname: string; value: string }[] = [];
  if (m.card) {
    title = m.card.title;
    const asRows =
      m.card.lines.length <= CARD_LIMITS.rows &&
      m.card.lines.every((l) => l.label.length <= CARD_LIMITS.keyname && l.value.length <= CARD_LIMITS.value);
    if (asRows) rows = m.card.lines.map((l) => ({ keyname: l.label, value: l.value }));
    sub = [
      ...(asRows ? [] : m.card.lines.map((l) => fill(lineTpl, { label: l.label, value: l.value }))),
      m.text,
    ];
  } else {
    const [first = "", ...rest] = m.text.split("\n");
    // A short first line (the question) is the title; otherwise all the text is the body.
    if (first.length <= CARD_LIMITS.title) [title, sub] = [first, rest];
    else sub = [m.text];
  }
  const subtitle = sub.filter(Boolean).join("\n");
  if ((title?.length ?? 0) > CARD_LIMITS.title || subtitle.length > CARD_LIMITS.subtitle) return null;
  if (!title && !subtitle) return null;
  return {
    card_type: "button_interaction",
    main_title: title ? { title } : {},
    ...(subtitle ? { sub_title_text: subtitle } : {}),
    ...(rows.length ? { horizontal_content_list: rows } : {}),
    button_list: buttons,
  };
}

/** A card with just a title and the buttons, under a message that carries the details. */
function shortCard(m: OutboundMessage, buttons: ButtonCard["button_list"]): ButtonCard {
  const first = m.card?.title ?? m.text.split("\n").find((l) => l.trim()) ?? "";
  const title = first.length <= CARD_LIMITS.title ? first : `${first.slice(0, CARD_LIMITS.title - 1)}…`;
  return { card_type: "button_interaction", main_title: title ? { title } : {}, button_list: buttons };
}

/** The whole message without buttons: a card as markdown (title, quoted lines), other text as text. */
function details(m: OutboundMessage, lineTpl: string, numbered: string[] = []): WecomPart[] {
  if (m.card && numbered.length === 0) {
    const quoted = m.card.lines.map(
      (l) => `> ${fill(lineTpl, { label: l.label, value: l.value.replace(/\n/g, "\n> ") })}`,
    );
    const markdown = [[`**${m.card.title}**`, ...quoted].join("\n"), m.text].filter(Boolean).join("\n\n");
    if (Buffer.byteLength(markdown) <= CONTENT_BYTES) return [{ kind: "markdown", content: markdown }];
  }
  const lines = m.card
    ? [m.card.title, ...m.card.lines.map((l) => fill(lineTpl, { label: l.label, value: l.value })), ""]
    : [];
  if (m.text) lines.push(m.text);
  if (numbered.length) lines.push("", ...numbered);
  return splitBytes(lines.join("\n").trim()).map((content) => ({ kind: "text" as const, content }));
}

/**
 * How one outgoing message looks on WeCom. Choices and leader cards become a button card (a
 * click comes back as an event and is the answer). When the text would be cut off on a card,
 * the details go first (markdown for a card, text otherwise) and a short card with the buttons
 * follows. A card without buttons is markdown. Choices that cannot be buttons (more than six,
 * long labels) are numbered lines (the app takes the number or the label). An image goes first.
 */
export function renderWecom(m: OutboundMessage, texts: ChannelTexts["wecom"]): WecomPart[] {
  const parts: WecomPart[] = m.image ? [{ kind: "image", attachmentId: m.image }] : [];
  const choices = m.card?.choices.length ? m.card.choices : (m.choices ?? []);
  if (buttonsFit(choices)) {
    const buttons = choices.map((c, i) => ({ text: c.label, key: buttonKey(m.promptId, c.id, c.label, i) }));
    const card = fullCard(m, buttons, texts.card_line);
    if (card) return [...parts, { kind: "card", card }];
    return [...parts, ...details(m, texts.card_line), { kind: "card", card: shortCard(m, buttons) }];
  }
  const numbered = choices.length
    ? [...choices.map((c, i) => fill(texts.choice_line, { index: i + 1, label: c.label })), texts.choice_hint]
    : [];
  return [...parts, ...details(m, texts.card_line, numbered)];
}
