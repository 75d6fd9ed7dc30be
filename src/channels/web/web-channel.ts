import { randomUUID } from "node:crypto";
import { choicesOf, type InboundAttachment, type OutboundMessage } from "../../domain/messages.ts";
import type { Channel, ChannelRuntime, Delivery, Inbox, InboxOutcome, SendResult } from "../channel.ts";

/** The simulator's channel id: a chat account `web:<phone>` per person tried in the browser. */
export const WEB_CHANNEL = "web";

/** One line of a simulated chat: what the person sent, or a message the bot delivered. */
export type SimulatorEntry =
  | { seq: number; from: "me"; text: string; photos: number; at: Date }
  | { seq: number; from: "bot"; message: OutboundMessage; at: Date };

/** What a person does in the simulator: types, presses a button (of a prompt), or sends photos. */
export type SimulatorInput = {
  text?: string;
  choiceId?: string;
  promptId?: string;
  photos?: InboundAttachment[];
};

/** How many lines of each chat the simulator keeps. */
const KEEP = 300;

/**
 * The chat simulator as a channel: the browser hands messages to the same inbox as every platform
 * (one transaction, de-duplication, the chat handlers), and the dispatcher delivers the replies
 * here from the outbox, where the simulator page reads them. The chat lines are kept in memory
 * only: what a user could notice after a restart (the prompt a button belongs to) is in the database
 * as for every channel.
 */
export class WebChannel implements Channel {
  readonly id = WEB_CHANNEL;
  readonly rateLimits = {};
  /** Each instance's simulator chats live in its memory: it sends its own. */
  readonly scope = "instance";
  private inbox: Inbox | undefined;
  private seq = 0;
  private readonly chats = new Map<string, SimulatorEntry[]>();

  constructor(private readonly rt: Pick<ChannelRuntime, "clock" | "log">) {}

  async start(inbox: Inbox): Promise<void> {
    this.inbox = inbox;
  }

  async stop(): Promise<void> {
    this.inbox = undefined;
  }

  async send(recipient: string, message: OutboundMessage, _delivery: Delivery): Promise<SendResult> {
    this.append(recipient, { seq: ++this.seq, from: "bot", message, at: this.rt.clock.now() });
    return { ok: true };
  }

  /** Hands what the person did to the app, as a platform would; the line shows in their chat first. */
  async receive(phone: string, input: SimulatorInput): Promise<InboxOutcome> {
    if (!this.inbox) throw new Error("the web channel is not started");
    const photos = input.photos ?? [];
    const label = input.choiceId ? this.labelOf(phone, input.choiceId, input.promptId) : undefined;
    this.append(phone, {
      seq: ++this.seq,
      from: "me",
      text: input.text ?? label ?? input.choiceId ?? "",
      photos: photos.length,
      at: this.rt.clock.now(),
    });
    return this.inbox({
      channel: WEB_CHANNEL,
      senderId: phone,
      platformMessageId: randomUUID(),
      ...(input.text !== undefined ? { text: input.text } : {}),
      ...(input.choiceId !== undefined ? { choiceId: input.choiceId } : {}),
      ...(input.promptId !== undefined ? { promptId: input.promptId } : {}),
      attachments: photos,
      receivedAt: this.rt.clock.now(),
    });
  }

  /** Shows a line only the simulator sees (a refused press), without going through the app. */
  note(phone: string, text: string): void {
    this.append(phone, {
      seq: ++this.seq,
      from: "bot",
      message: { text, expects: "none" },
      at: this.rt.clock.now(),
    });
  }

  /** The lines of a person's chat after `after` (a sequence number), oldest first. */
  entries(phone: string, after = 0): SimulatorEntry[] {
    return (this.chats.get(phone) ?? []).filter((e) => e.seq > after);
  }

  /** Whether the bot showed this stored image in the person's chat (the only images the page may load). */
  showed(phone: string, attachmentId: string): boolean {
    return (this.chats.get(phone) ?? []).some((e) => e.from === "bot" && e.message.image === attachmentId);
  }

  private labelOf(phone: string, choiceId: string, promptId?: string): string | undefined {
    const shown = [...(this.chats.get(phone) ?? [])].reverse();
    for (const e of shown) {
      if (e.from !== "bot" || (promptId !== undefined && e.message.promptId !== promptId)) continue;
      const choice = choicesOf(e.message).find((c) => c.id === choiceId);
      if (choice) return choice.label;
    }
    return undefined;
  }

  private append(phone: string, entry: SimulatorEntry): void {
    const chat = this.chats.get(phone) ?? [];
    chat.push(entry);
    if (chat.length > KEEP) chat.splice(0, chat.length - KEEP);
    this.chats.set(phone, chat);
  }
}
