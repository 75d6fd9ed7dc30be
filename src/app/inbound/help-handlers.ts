import { helpFor } from "../help.ts";
import { selfCheckPrompt } from "../self-check/self-check-chat-handlers.ts";
import { type ChatHandler, onCommand } from "./chat-handler.ts";

/** 帮助: the menu, then the question the active self-check is at. */
export const helpHandler = onCommand("help", ["help"], async (t) => {
  const prompt = selfCheckPrompt(t);
  return { replies: [helpFor(t.deps, t.actor.person), ...(prompt ? [prompt] : [])] };
});

/**
 * Anything no handler understood: say so, with the menu. A photo outside any flow (a head sending
 * the after-photo before 整改, say) gets told how to attach it; a message with nothing readable
 * (a sticker, a voice note) is not quoted back as 「」.
 */
export const unknownInputHandler: ChatHandler = {
  name: "unknown-input",
  match: () => true,
  handle: async (t) => {
    const { texts } = t.deps.content;
    // A typed option label or number becomes its command (提交): quote the command word then.
    const said = t.said.text || t.said.choiceId || (t.said.command ? texts.word(t.said.command.key) : "");
    const unknown =
      t.said.photoIds.length > 0
        ? texts.t(t.actor.person.role === "enterprise_head" ? "photo.stray_head" : "photo.stray", {
            count: t.said.photoIds.length,
          })
        : said
          ? texts.t("unknown", { input: said })
          : texts.t("unknown_empty");
    const menu = helpFor(t.deps, t.actor.person);
    return { replies: [{ ...menu, text: `${unknown}\n${menu.text}` }] };
  },
};
