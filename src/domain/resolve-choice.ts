import type { Choice, Expects } from "./messages.ts";

/** What a chat was last shown, as recorded when the messages were sent. */
export type ShownPrompt = {
  /** The prompt whose buttons are current; null when none is (its button was already pressed). */
  promptId: string | null;
  /** Whom the current prompt asks; in a group only they may press its buttons. */
  personId: string | null;
  /** The options last shown, which a typed number or exact label names; [] after a prompt without any. */
  choices: Choice[];
  expects: Expects;
};

/** An inbound message as far as choosing goes. */
export type ChoiceInput = {
  text?: string;
  /** A pressed button's choice. */
  choiceId?: string;
  /** The prompt of the pressed button; absent for a card's button and for typed text. */
  promptId?: string;
  /** The sender's person, when the account is bound. */
  senderPersonId?: string | null;
};

/** How an inbound message is to be read. */
export type ChoiceResolution =
  /** A choice: pressed, or named by its number or label. */
  | { kind: "choice"; choiceId: string }
  /** Anything else: read as it was typed (or as its button says, for a card's button). */
  | { kind: "text" }
  /** A button of an older prompt: answering it would answer the current question instead. */
  | { kind: "stale" }
  /** In a group, a button of a prompt that asks someone else. */
  | { kind: "not_yours" };

/**
 * Reads a message against what its chat was last shown. A pressed button of a prompt counts
 * only while that prompt is the chat's current one, and only for the person it asks; a card's
 * button means the same whenever it is pressed. A reply that is just an option's number (1-99,
 * full-width digits too) or its exact label is that option, as a pressed button would be: the
 * last options shown count, so a notice in between changes nothing and a prompt without options
 * ends it. Typed numbers of someone else's prompt in a group stay text.
 */
export function resolveChoice(input: ChoiceInput, shown: ShownPrompt | null): ChoiceResolution {
  const asks = shown?.personId ?? null;
  const sender = input.senderPersonId ?? null;
  if (input.promptId !== undefined && shown) {
    if (shown.promptId !== input.promptId) return { kind: "stale" };
    if (asks !== null && sender !== asks) return { kind: "not_yours" };
  }
  if (input.choiceId !== undefined) return { kind: "choice", choiceId: input.choiceId };
  if (input.text === undefined || !shown?.choices.length) return { kind: "text" };
  if (asks !== null && sender !== null && sender !== asks) return { kind: "text" };
  const said = input.text.trim().replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  const named = /^\d{1,2}$/.test(said)
    ? shown.choices[Number(said) - 1]
    : shown.choices.find((c) => c.label === said);
  return named ? { kind: "choice", choiceId: named.id } : { kind: "text" };
}
