import { randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import type { AppDeps } from "../../app/app-deps.ts";
import { handleInboundMessage } from "../../app/handle-inbound-message.ts";
import { loadCliTexts } from "../../content/cli-texts.ts";
import type { OutboundMessage } from "../../domain/messages.ts";
import { sendFailed } from "../../outbox/channel-sender.ts";
import type { Dispatcher } from "../../outbox/dispatcher.ts";
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
  private delivered: OutboundMessage[] = [];
  /** The prompt each choice on screen was shown with (what a button would carry). */
  private readonly shownWith = new Map<string, string>();

  /** `dispatcher` is a plain one of the app's (no rate limits): it delivers this person's console rows. */
  constructor(
    private readonly deps: AppDeps,
    private readonly dispatcher: Dispatcher,
    readonly phone: string,
    private readonly onMessage: (m: OutboundMessage) => void = () => undefined,
  ) {
    this.dispatcher.register({
      id: CONSOLE_CHANNEL,
      send: async (recipient, message) => {
        if (recipient !== phone)
          return sendFailed(`console session of ${phone} got a message for ${recipient}`, true);
        this.delivered.push(message);
        for (const c of message.choices ?? [])
          if (message.promptId) this.shownWith.set(c.id, message.promptId);
        this.onMessage(message);
        return { ok: true };
      },
    });
  }

  /** Sends one message (or one typed console line) as this person and returns the bot's replies. */
  async say(input: ConsoleInput | string): Promise<OutboundMessage[]> {
    const parsed = typeof input === "string" ? (parseConsoleLine(input) ?? { text: input }) : input;
    const { text, choiceId, photoPaths = [] } = parsed;
    const attachments: { name: string; bytes: Buffer }[] = [];
    for (const p of photoPaths) {
      try {
        attachments.push({ name: path.basename(p), bytes: await fs.readFile(p) });
      } catch (e) {
        // A mistyped path is the person's slip, not the bot's failure: say so, send nothing.
        return [this.answer(photoProblem(this.deps, p, e))];
      }
    }
    // A pressed choice carries the prompt it was shown with, as a button does on the other channels.
    const promptId = choiceId !== undefined ? this.shownWith.get(choiceId) : undefined;
    const outcome = await handleInboundMessage(this.deps, {
      channel: CONSOLE_CHANNEL,
      senderId: this.phone,
      platformMessageId: randomUUID(),
      ...(text !== undefined ? { text } : {}),
      ...(choiceId !== undefined ? { choiceId } : {}),
      ...(promptId !== undefined ? { promptId } : {}),
      attachments,
      receivedAt: this.deps.clock.now(),
    });
    if (outcome === "stale" || outcome === "not_yours") {
      const { telegram } = this.deps.content.channels;
      return [this.answer(outcome === "stale" ? telegram.stale_button : telegram.not_yours)];
    }
    return this.pull();
  }

  /** Shows a line of the console's own (not from the bot's outbox) and returns it as a message. */
  answer(text: string): OutboundMessage {
    const message: OutboundMessage = { text, expects: "none" };
    this.onMessage(message);
    return message;
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

/** The console's answer to a `/photo` path it cannot read, from prompts/cli.yaml. */
function photoProblem(deps: AppDeps, file: string, e: unknown): string {
  const texts = loadCliTexts(deps.config.promptsDir);
  const code = (e as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return texts.console("photo_not_found", { path: file });
  return texts.console("photo_unreadable", {
    path: file,
    reason: code ?? (e instanceof Error ? e.message : String(e)),
  });
}
