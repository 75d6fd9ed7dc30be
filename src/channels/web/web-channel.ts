import { randomUUID } from "node:crypto";
import { choicesOf, type InboundAttachment, type OutboundMessage } from "../../domain/messages.ts";
import type { Channel, ChannelRuntime, Delivery, Inbox, InboxOutcome, SendResult } from "../channel.ts";

/** The simulator's channel id: a chat account `web:<phone>` per person tried in the browser. */
export const WEB_CHANNEL = "web";

/** One line of a simulated chat: what the person sent, or a message the bot delivered. */
export type SimulatorEntry =
  | { seq: number; from: "me"; text: string; photos: number; at: Date }
  | { seq: number; from: "bot"; message: OutboundMessage; at: Date };

/** A line about to be kept (it gets its place in the chat, `seq`, when stored). */
export type NewSimulatorEntry =
  | { from: "me"; text: string; photos: number; at: Date }
  | { from: "bot"; message: OutboundMessage; at: Date };

/** Where the chat lines are kept: the database (app/web/simulator-log.ts), so they survive a restart. */
export type SimulatorLogPort = {
  append(phone: string, entry: NewSimulatorEntry, outboxId?: string): Promise<void>;
  /** The lines of a chat after line `after`, oldest first (the latest few hundred). */
  entries(phone: string, after?: number): Promise<SimulatorEntry[]>;
};

/** What a person does in the simulator: types, presses a button (of a prompt), or sends photos. */
export type SimulatorInput = {
  text?: string;
  choiceId?: string;
  promptId?: string;
  photos?: InboundAttachment[];
};

/**
 * The chat simulator as a channel: the browser hands messages to the same inbox as every platform
 * (one transaction, de-duplication, the chat handlers), and the dispatcher delivers the replies
 * here from the outbox, where the simulator page reads them. The chat lines are kept in the log
 * the console hands over (`keepLogIn`, the database); until it does, in memory, then moved there.
 */
export class WebChannel implements Channel {
  readonly id = WEB_CHANNEL;
  readonly rateLimits = {};
  /** A line is kept once per outbox id (the simulator log's key): a send in doubt may be made again. */
  readonly idempotent = true;
  /** Each instance's simulator chats live in its memory: it sends its own. */
  readonly scope = "instance";
  private inbox: Inbox | undefined;
  private log: SimulatorLogPort | undefined;
  /** Lines delivered before the log was handed over, in order. */
  private early: { phone: string; entry: NewSimulatorEntry; outboxId?: string }[] = [];

  constructor(private readonly rt: Pick<ChannelRuntime, "clock" | "log">) {}

  async start(inbox: Inbox): Promise<void> {
    this.inbox = inbox;
  }

  async stop(): Promise<void> {
    this.inbox = undefined;
  }

  /** Keeps the chat lines in `log` from now on, the lines delivered so far first. */
  async keepLogIn(log: SimulatorLogPort): Promise<void> {
    if (this.log) return;
    this.log = log;
    const early = this.early;
    this.early = [];
    for (const line of early) await log.append(line.phone, line.entry, line.outboxId);
  }

  async send(recipient: string, message: OutboundMessage, delivery: Delivery): Promise<SendResult> {
    await this.append(recipient, { from: "bot", message, at: this.rt.clock.now() }, delivery.outboxId);
    return { ok: true };
  }

  /** Hands what the person did to the app, as a platform would; the line shows in their chat first. */
  async receive(phone: string, input: SimulatorInput): Promise<InboxOutcome> {
    if (!this.inbox) throw new Error("the web channel is not started");
    const photos = input.photos ?? [];
    const label = input.choiceId ? await this.labelOf(phone, input.choiceId, input.promptId) : undefined;
    await this.append(phone, {
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
  async note(phone: string, text: string): Promise<void> {
    await this.append(phone, { from: "bot", message: { text, expects: "none" }, at: this.rt.clock.now() });
  }

  /** The lines of a person's chat after `after` (a sequence number), oldest first. */
  async entries(phone: string, after = 0): Promise<SimulatorEntry[]> {
    if (this.log) return this.log.entries(phone, after);
    return this.early
      .map((line, i) => ({ ...line.entry, seq: i + 1, phone: line.phone }))
      .filter((e) => e.phone === phone && e.seq > after)
      .map(({ phone: _, ...e }) => e as SimulatorEntry);
  }

  /** Whether the bot showed this stored image in the person's chat (the only images the page may load). */
  async showed(phone: string, attachmentId: string): Promise<boolean> {
    return (await this.entries(phone)).some((e) => e.from === "bot" && e.message.image === attachmentId);
  }

  private async labelOf(phone: string, choiceId: string, promptId?: string): Promise<string | undefined> {
    const shown = (await this.entries(phone)).reverse();
    for (const e of shown) {
      if (e.from !== "bot" || (promptId !== undefined && e.message.promptId !== promptId)) continue;
      const choice = choicesOf(e.message).find((c) => c.id === choiceId);
      if (choice) return choice.label;
    }
    return undefined;
  }

  private async append(phone: string, entry: NewSimulatorEntry, outboxId?: string): Promise<void> {
    if (this.log) await this.log.append(phone, entry, outboxId);
    else this.early.push({ phone, entry, ...(outboxId ? { outboxId } : {}) });
  }
}
