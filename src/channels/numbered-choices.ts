import type { OutboundMessage } from "../domain/messages.ts";
import { isPrompt } from "./channel-runtime.ts";

/**
 * The options last shown in each chat as numbered lines (channels without buttons). A reply
 * that is just an option's number or its exact label is taken as that option, as a pressed
 * button would be: the app reads numbers for questions itself, but not for every message with
 * options (the summary's 提交 / 上一题, a card's buttons). The last options shown count (a notice
 * in between does not change them; a prompt without options clears them); after a restart
 * nothing is remembered and the reply goes on as typed.
 */
export class NumberedChoices {
  private readonly shown = new Map<string, OutboundMessage["choices"] & object>();

  /** Records a message sent to the chat: its options, or none after a prompt without options. */
  sent(chat: string, m: OutboundMessage): void {
    const choices = m.card?.choices.length ? m.card.choices : (m.choices ?? []);
    if (choices.length) this.shown.set(chat, choices);
    else if (isPrompt(m)) this.shown.delete(chat);
  }

  /** Forgets the chat's options (they were shown as buttons instead). */
  forget(chat: string): void {
    this.shown.delete(chat);
  }

  /** The option id a reply names, if it names one. */
  resolve(chat: string, reply: string): string | undefined {
    const choices = this.shown.get(chat);
    if (!choices) return undefined;
    const s = reply.trim().replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
    if (/^\d{1,2}$/.test(s)) return choices[Number(s) - 1]?.id;
    return choices.find((c) => c.label === s)?.id;
  }
}
