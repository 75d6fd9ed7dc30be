import { type ChannelTexts, fill } from "../../content/channel-texts.ts";
import type { OutboundMessage } from "../../domain/messages.ts";

/** One WeChat send: a text, or an image by attachment id. */
export type WechatPart = { kind: "text"; text: string } | { kind: "image"; attachmentId: string };

/**
 * How one outgoing message looks on personal WeChat, which has no buttons or cards: the image
 * first, then one clean text with the card's title and lines, the message, and numbered options
 * (the app accepts an option's number or its label as the answer).
 */
export function renderWechat(m: OutboundMessage, texts: ChannelTexts["wechat"]): WechatPart[] {
  const lines: string[] = [];
  if (m.card) {
    lines.push(fill(texts.card_title, { title: m.card.title }));
    for (const l of m.card.lines) lines.push(fill(texts.card_line, { label: l.label, value: l.value }));
    lines.push("");
  }
  if (m.text) lines.push(m.text);
  const choices = m.card?.choices.length ? m.card.choices : (m.choices ?? []);
  if (choices.length) {
    lines.push("");
    choices.forEach((c, i) => {
      lines.push(fill(texts.choice_line, { index: i + 1, label: c.label }));
    });
    lines.push(texts.choice_hint);
  }
  const text = lines.join("\n").trim();
  return [
    ...(m.image ? [{ kind: "image" as const, attachmentId: m.image }] : []),
    ...(text ? [{ kind: "text" as const, text }] : []),
  ];
}
