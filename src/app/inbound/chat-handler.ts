import type { InboundMessage, OutboundMessage } from "../../domain/messages.ts";
import type { CommandKey } from "../../domain/texts.ts";
import type { Stores } from "../../store/stores.ts";
import type { Actor } from "../actor.ts";
import type { AppDeps } from "../app-deps.ts";
import type { ConversationState } from "../conversation-state.ts";

/** What a bound person said, as the handlers read it. */
export type Said = {
  text: string;
  /** A pressed button that is not itself a command. */
  choiceId?: string;
  command?: { key: CommandKey; rest: string };
  photoIds: string[];
};

/** One inbound message of a bound person, inside its transaction. */
export type Turn = {
  s: Stores;
  deps: AppDeps;
  msg: InboundMessage;
  actor: Actor;
  state: ConversationState;
  said: Said;
};

/** What a handler decided: the chat's next state (unchanged when absent) and the replies. */
export type Routed = { state?: ConversationState; replies: OutboundMessage[] };

/**
 * One thing the bot understands in chat, registered beside its feature. The router runs the
 * handlers in order and the first that matches answers.
 */
export type ChatHandler = {
  name: string;
  match(turn: Turn): boolean;
  handle(turn: Turn): Promise<Routed>;
};

/** A handler for one or more typed (or pressed) command words. */
export function onCommand(
  name: string,
  keys: readonly CommandKey[],
  handle: (turn: Turn, rest: string) => Promise<Routed>,
): ChatHandler {
  return {
    name,
    match: (t) => t.said.command !== undefined && keys.includes(t.said.command.key),
    handle: (t) => handle(t, t.said.command?.rest ?? ""),
  };
}

/** Words that steer the flow in progress rather than start something. */
const CONTROLS: readonly CommandKey[] = ["back", "skip", "pause", "submit", "done", "cancel"];

/** The control word said, if the command is one. */
export function controlOf(said: Said): CommandKey | undefined {
  const key = said.command?.key;
  return key && CONTROLS.includes(key) ? key : undefined;
}

/** A short flow's input: a control word, or the text (a command word that is not a control is read as text there). */
export function flowInput(
  said: Said,
): { command: CommandKey; photoIds: string[] } | { text: string; photoIds: string[] } {
  const control = controlOf(said);
  return control
    ? { command: control, photoIds: said.photoIds }
    : { text: said.text, photoIds: said.photoIds };
}
