import { AppError } from "../domain/app-error.ts";
import { promptIdOf } from "../domain/choice-payload.ts";
import type { InboundMessage, OutboundMessage } from "../domain/messages.ts";
import { resolveChoice } from "../domain/resolve-choice.ts";
import type { Stores } from "../store/stores.ts";
import type { Actor } from "./actor.ts";
import type { AppDeps } from "./app-deps.ts";
import { conversationState, saveConversation } from "./conversation-state.ts";
import { bindIdentity } from "./identity/bind-identity.ts";
import type { Said, Turn } from "./inbound/chat-handler.ts";
import { chatHandlers } from "./inbound/chat-handlers.ts";
import type { ReceivedPhoto } from "./receive-photos.ts";

/** What the router decided: the replies, or a refused press; and who the sender is. */
export type Routed = {
  replies: OutboundMessage[];
  personId: string | null;
  refused?: "stale" | "not_yours";
  /** The sender's account was marked unreachable: writing again clears the mark. */
  wasUnreachable?: boolean;
};

/** Buttons that mean the same as a command word. */
const CHOICE_COMMANDS = {
  selfcheck: "selfcheck",
  submit: "submit",
  back: "back",
  cancel: "cancel",
  done: "done",
  skip: "skip",
} as const;

/**
 * Decides what a message means for its sender and returns what the bot answers, changing
 * the chat's state on the way. Runs inside the message's transaction: binding and the
 * sender's identity are settled here, then the chat handlers run in order.
 */
export async function routeMessage(
  s: Stores,
  deps: AppDeps,
  msg: InboundMessage,
  photos: ReceivedPhoto[],
  hadRejections: boolean,
): Promise<Routed> {
  const { texts } = deps.content;
  const text = msg.text?.trim() ?? "";
  const typed = text ? texts.command(text) : null;
  const sender = {
    channel: msg.channel,
    externalId: msg.senderId,
    ...(msg.senderName ? { displayName: msg.senderName } : {}),
  };
  if (typed?.key === "bind") {
    const bound = await bindIdentity(s, deps, sender, typed.rest);
    return { replies: bound.replies, personId: bound.personId };
  }

  const chat = await s.conversations.openChat(
    { channel: msg.channel, externalId: msg.senderId },
    msg.chatId ?? msg.senderId,
  );
  const identity = chat.account;
  // A press is checked against the question its button was sent with; a typed number or label
  // of the options last shown is that option.
  const shown = chat.shown;
  const verdict = resolveChoice({ ...msg, senderPersonId: identity?.personId ?? null }, shown);
  // The press, or a typed answer, came before what the chat was shown was recorded (sent on
  // another connection or instance, the "sent" mark a moment away): tried again shortly, not
  // refused or read against the options shown before.
  const racing =
    verdict.kind === "stale" && msg.promptId !== undefined
      ? chat.sending.some((key) => promptIdOf(key) === msg.promptId)
      : msg.promptId === undefined && msg.choiceId === undefined && text !== ""
        ? chat.sending.length > 0
        : false;
  if (racing)
    throw new AppError("conflict", "a button of a prompt still being recorded as sent; trying again");
  if (verdict.kind === "stale" || verdict.kind === "not_yours")
    return { replies: [], personId: identity?.personId ?? null, refused: verdict.kind };
  if (verdict.kind === "choice" && msg.choiceId === undefined) {
    const { text: _typed, ...rest } = msg;
    return routeMessage(s, deps, { ...rest, choiceId: verdict.choiceId }, photos, hadRejections);
  }
  if (!identity) return { replies: [{ text: texts.t("bind.help"), expects: "text" }], personId: null };
  const personId = identity.personId;
  const wasUnreachable = identity.blockedAt !== null;
  if (!identity.person.active)
    return { replies: [{ text: texts.t("inactive"), expects: "none" }], personId, wasUnreachable };
  const actor: Actor = { person: identity.person, channel: msg.channel, externalId: msg.senderId };
  const state = conversationState(chat.state);
  const run = state.flow === "self_check" && !state.paused ? state : undefined;
  const photoIds = await s.attachments.recordUploads(
    photos.map((p) => ({ ...p, uploadedById: actor.person.id })),
    { runId: run?.runId ?? null, questionId: run?.current ?? null },
    deps.clock.now(),
  );
  // Every attached file was refused and nothing else was said: the refusal is the answer.
  if (hadRejections && photoIds.length === 0 && !text && !msg.choiceId)
    return { replies: [], personId, wasUnreachable };

  const pressed = msg.choiceId ? CHOICE_COMMANDS[msg.choiceId as keyof typeof CHOICE_COMMANDS] : undefined;
  const entChoice = /^ent:(\d+)$/.exec(msg.choiceId ?? "")?.[1];
  const said: Said = {
    text: entChoice ?? text,
    ...(msg.choiceId && !pressed && !entChoice ? { choiceId: msg.choiceId } : {}),
    ...(typed ? { command: typed } : pressed ? { command: { key: pressed, rest: "" } } : {}),
    photoIds,
  };
  const turn: Turn = { s, deps, msg, actor, state, said };
  const handler = chatHandlers.find((h) => h.match(turn));
  if (!handler) return { replies: [], personId, wasUnreachable };
  const result = await handler.handle(turn);
  if (result.state !== undefined)
    await saveConversation(
      s,
      { channel: msg.channel, externalId: msg.senderId, personId: actor.person.id },
      result.state,
    );
  return { replies: result.replies, personId, wasUnreachable };
}
