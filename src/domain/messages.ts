/** Channel-neutral message model: what the bot receives and what it sends. */

/** One answer option or button. `id` is stable and short (fits Telegram's 64-byte callback data). */
export type Choice = { id: string; label: string };

/** What input the bot waits for after a message. */
export const ExpectKinds = ["choice", "text", "number", "photo", "none"] as const;
export type Expects = (typeof ExpectKinds)[number];

/** A card: title, label/value lines and buttons; channels render it in their richest form. */
export type Card = { title: string; lines: { label: string; value: string }[]; choices: Choice[] };

export type OutboundMessage = {
  text: string;
  choices?: Choice[];
  expects: Expects;
  /** An attachment id to show as an image. */
  image?: string;
  card?: Card;
};

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
  attachments: InboundAttachment[];
  receivedAt: Date;
  senderName?: string;
};
