/** Channel-neutral message model: what the bot receives and what it sends. */

/** One answer option or button. `id` is stable and short (fits Telegram's 64-byte callback data). */
export type Choice = { id: string; label: string };

/** What input the bot waits for after a message. */
export const ExpectKinds = ["choice", "text", "number", "photo", "none"] as const;
export type Expects = (typeof ExpectKinds)[number];

/** Whether a stored value is one of the kinds of input (a column read back from the database). */
export function isExpects(value: string): value is Expects {
  return (ExpectKinds as readonly string[]).includes(value);
}

/** A card: title, label/value lines and buttons; channels render it in their richest form. */
export type Card = { title: string; lines: { label: string; value: string }[]; choices: Choice[] };

export type OutboundMessage = {
  text: string;
  choices?: Choice[];
  expects: Expects;
  /** An attachment id to show as an image. */
  image?: string;
  card?: Card;
  /**
   * The prompt this message is, when it is one: set by the dispatcher as it sends, so that
   * the channel can put it on the buttons and a press of an older prompt's button is refused.
   */
  promptId?: string;
};

/**
 * Whether a message is a prompt of the person's conversation (a question, a re-ask, a menu),
 * which makes the buttons of earlier prompts stale. Cards (leader cards, reminders) and notices
 * (`expects: "none"`) arrive in between and leave the current prompt current.
 */
export function isPrompt(m: OutboundMessage): boolean {
  return !m.card && m.expects !== "none";
}

/** The options a message shows: its card's buttons, or its own choices. */
export function choicesOf(m: OutboundMessage): Choice[] {
  return m.card?.choices.length ? m.card.choices : (m.choices ?? []);
}

/** A file as a channel hands it over: bytes, or a reference the channel can fetch. */
export type InboundAttachment = { name?: string; mime?: string; bytes?: Buffer; ref?: string };

export type InboundMessage = {
  channel: string;
  /** Platform id of the sender (console: the phone number). */
  senderId: string;
  /** Where to answer; defaults to the sender. */
  chatId?: string;
  platformMessageId: string;
  text?: string;
  /** Id of a pressed button, if any. */
  choiceId?: string;
  /** The prompt the pressed button belongs to (none for a card's button, which never goes stale). */
  promptId?: string;
  attachments: InboundAttachment[];
  receivedAt: Date;
  senderName?: string;
  /** A shared location (a location message), kept as on-site evidence by an inspection. */
  location?: { latitude: number; longitude: number; label?: string };
};
