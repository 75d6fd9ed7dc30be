import { helpFor } from "../help.ts";
import { selfCheckPrompt } from "../self-check/self-check-chat-handlers.ts";
import { type ChatHandler, onCommand } from "./chat-handler.ts";

/** 帮助: the menu, then the question the active self-check is at. */
export const helpHandler = onCommand("help", ["help"], async (t) => {
  const prompt = selfCheckPrompt(t);
  return { replies: [helpFor(t.deps, t.actor.person), ...(prompt ? [prompt] : [])] };
});

/** Anything no handler understood: say so, with the menu. */
export const unknownInputHandler: ChatHandler = {
  name: "unknown-input",
  match: () => true,
  handle: async (t) => {
    const { texts } = t.deps.content;
    const unknown = texts.t("unknown", { input: t.said.text || t.said.choiceId || "" });
    const menu = helpFor(t.deps, t.actor.person);
    return { replies: [{ ...menu, text: `${unknown}\n${menu.text}` }] };
  },
};
