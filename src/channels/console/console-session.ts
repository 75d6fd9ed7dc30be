import { randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import type { AppDeps } from "../../app/app-deps.ts";
import { handleInboundMessage } from "../../app/handle-inbound-message.ts";
import type { OutboundMessage } from "../../domain/messages.ts";
import { sendFailed } from "../../outbox/channel-sender.ts";
import { Dispatcher } from "../../outbox/dispatcher.ts";
import { parseConsoleLine } from "./console-repl.ts";

export const CONSOLE_CHANNEL = "console";

/** What a person types in the console: text, a pressed choice, or photos from files. */
export type ConsoleInput = { text?: string; choiceId?: string; photoPaths?: string[] };

/**
 * One person chatting through the terminal. The console account id is the phone number.
 * Messages go through the same use case and the same outbox as every other channel; this
 * session's dispatcher delivers the console rows addressed to it.
 */
export class ConsoleSession {
  private readonly dispatcher: Dispatcher;
  private delivered: OutboundMessage[] = [];

  constructor(
    private readonly deps: AppDeps,
    readonly phone: string,
    private readonly onMessage: (m: OutboundMessage) => void = () => undefined,
  ) {
    this.dispatcher = new Dispatcher(
      deps.uow,
      deps.clock,
      deps.log.child({ channel: CONSOLE_CHANNEL, phone }),
    );
    this.dispatcher.register({
      id: CONSOLE_CHANNEL,
      send: async (recipient, message) => {
        if (recipient !== phone)
          return sendFailed(`console session of ${phone} got a message for ${recipient}`, true);
        this.delivered.push(message);
        this.onMessage(message);
        return { ok: true };
      },
    });
  }

  /** Sends one message (or one typed console line) as this person and returns the bot's replies. */
  async say(input: ConsoleInput | string): Promise<OutboundMessage[]> {
    const parsed = typeof input === "string" ? (parseConsoleLine(input) ?? { text: input }) : input;
    const { text, choiceId, photoPaths = [] } = parsed;
    const attachments = await Promise.all(
      photoPaths.map(async (p) => ({ name: path.basename(p), bytes: await fs.readFile(p) })),
    );
    await handleInboundMessage(this.deps, {
      channel: CONSOLE_CHANNEL,
      senderId: this.phone,
      platformMessageId: randomUUID(),
      ...(text !== undefined ? { text } : {}),
      ...(choiceId !== undefined ? { choiceId } : {}),
      attachments,
      receivedAt: this.deps.clock.now(),
    });
    return this.pull();
  }

  /** Delivers whatever waits for this person (pushed reminders, notices) and returns it. */
  async pull(): Promise<OutboundMessage[]> {
    this.delivered = [];
    while ((await this.dispatcher.drain({ channel: CONSOLE_CHANNEL, recipient: this.phone })) > 0) {
      // keep draining: a batch may be followed by more rows for the same person
    }
    return this.delivered;
  }

  /** Delivers pushed messages every `intervalMs` until stopped. */
  listen(intervalMs: number): void {
    this.dispatcher.start(intervalMs, { channel: CONSOLE_CHANNEL, recipient: this.phone });
  }

  async close(): Promise<void> {
    await this.dispatcher.stop();
  }
}
