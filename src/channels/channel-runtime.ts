import type { AppDeps } from "../app/app-deps.ts";
import { handleInboundMessage, type InboundOutcome } from "../app/handle-inbound-message.ts";
import type { InboundMessage, OutboundMessage } from "../domain/messages.ts";
import type { ChannelTexts } from "./channel-texts.ts";
import { clearUnreachable } from "./identity-marks.ts";

/** What every chat adapter is given: the app, its own wording, and a way to hurry the outbox. */
export type ChannelRuntime = {
  deps: AppDeps;
  texts: ChannelTexts;
  /** Asks the outbox to send now (replies were just enqueued); never throws. */
  kick: () => void;
};

/**
 * Whether a sent message is a prompt of the person's conversation (a question, a re-ask, a
 * menu), which makes the buttons of earlier prompts stale. Cards (leader cards, reminders)
 * and notices (`expects: "none"`) arrive in between and leave the current prompt current.
 */
export function isPrompt(m: OutboundMessage): boolean {
  return !m.card && m.expects !== "none";
}

/**
 * Hands one chat message to the app. A processed message from an account marked unreachable
 * clears the mark (the person unblocked the bot or came back), and the replies are sent at once.
 */
export async function receive(rt: ChannelRuntime, msg: InboundMessage): Promise<InboundOutcome> {
  const outcome = await handleInboundMessage(rt.deps, msg);
  if (outcome === "processed") {
    await clearUnreachable(rt.deps, msg.channel, msg.senderId);
    rt.kick();
  }
  return outcome;
}
