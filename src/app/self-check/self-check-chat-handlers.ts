import {
  currentPrompt,
  type SelfCheckState,
  stepSelfCheck,
} from "../../domain/self-check/self-check-flow.ts";
import { IDLE } from "../conversation-state.ts";
import { helpFor } from "../help.ts";
import { type ChatHandler, controlOf, type Turn } from "../inbound/chat-handler.ts";
import { SELF_CHECK_AGAIN_CHOICE, startSelfCheck } from "./start-self-check.ts";
import { submitSelfCheck } from "./submit-self-check.ts";

/** The self-check the chat is answering now (not paused), if any. */
export function activeSelfCheck(t: Pick<Turn, "state">): SelfCheckState | undefined {
  return t.state.flow === "self_check" && !t.state.paused ? t.state : undefined;
}

/**
 * 自查: starts the enterprise's checklist, or resumes the run this chat has (also one set aside by a
 * short flow). 重新自查 (typed, or the button offered when the campaign's self-check was submitted
 * already) starts a fresh one anyway.
 */
export const startSelfCheckHandler: ChatHandler = {
  name: "start-self-check",
  match: (t) =>
    t.said.command?.key === "selfcheck" ||
    t.said.command?.key === "selfcheck_again" ||
    t.said.choiceId === SELF_CHECK_AGAIN_CHOICE,
  handle: async (t) => {
    const { state } = t;
    const again = t.said.command?.key === "selfcheck_again" || t.said.choiceId === SELF_CHECK_AGAIN_CHOICE;
    const resumable =
      state.flow === "self_check" ? state : state.flow !== "idle" ? (state.suspended ?? IDLE) : IDLE;
    const started = await startSelfCheck(t.s, t.deps, t.actor, resumable, again);
    return { state: started.state, replies: started.replies };
  },
};

/** An answer (or 上一题, 跳过, 暂停, 提交) to the active self-check. */
export const selfCheckFlowHandler: ChatHandler = {
  name: "self-check-flow",
  match: (t) => activeSelfCheck(t) !== undefined,
  handle: async (t) => {
    const state = activeSelfCheck(t) as SelfCheckState;
    const { deps, said } = t;
    const checklist = deps.content.checklists.find((c) => c.id === state.checklistId);
    if (!checklist) return { state: IDLE, replies: [helpFor(deps, t.actor.person)] };
    const control = controlOf(said);
    const step = stepSelfCheck({ checklist, texts: deps.content.texts }, state, {
      // The words stay with the command: a control word that does not apply here is read as an answer.
      ...(control ? { command: control } : {}),
      ...(said.text ? { text: said.text } : {}),
      ...(said.choiceId ? { choiceId: said.choiceId } : {}),
      photoIds: said.photoIds,
    });
    if (step.effects.some((e) => e.type === "submit"))
      return { state: IDLE, replies: await submitSelfCheck(t.s, deps, t.actor, checklist, step.state) };
    if (step.effects.some((e) => e.type === "pause")) await t.s.selfChecks.setStatus(state.runId, "paused");
    return { state: step.state, replies: step.replies };
  },
};

/** The question the active self-check is at, to repeat after the menu. */
export function selfCheckPrompt(t: Turn) {
  const state = activeSelfCheck(t);
  const checklist = state && t.deps.content.checklists.find((c) => c.id === state.checklistId);
  return state && checklist ? currentPrompt({ checklist, texts: t.deps.content.texts }, state) : undefined;
}
