/**
 * A head's self-check in the demo history, through the real flow: started as 自查 starts it (the
 * campaign open that day, its checklist), answered question by question with `stepSelfCheck`, and
 * submitted, so the rules open the tickets they would.
 */
import type { Actor } from "../app/actor.ts";
import type { AppDeps } from "../app/app-deps.ts";
import { IDLE } from "../app/conversation-state.ts";
import { startSelfCheck } from "../app/self-check/start-self-check.ts";
import { submitSelfCheck } from "../app/self-check/submit-self-check.ts";
import { type FollowUp, type LeafQuestion, questionIndex } from "../domain/checklist/checklist.ts";
import { choicesOf } from "../domain/checklist/parse-answer.ts";
import { conditionHolds } from "../domain/checklist/sequence.ts";
import { type FlowInput, type SelfCheckState, stepSelfCheck } from "../domain/self-check/self-check-flow.ts";
import type { Stores } from "../store/stores.ts";
import type { HistoryFile } from "./history-plan.ts";

/** The longest checklist, follow-ups included, has far fewer questions; the bound only stops a loop. */
const MAX_STEPS = 200;

/** The follow-ups of a top-level question (none for a follow-up itself). */
type FollowUpsOf = (questionId: string) => readonly FollowUp[];

/** Whether answering `choiceId` opens a follow-up with a photo that must be sent. */
function opensRequiredPhoto(followUps: readonly FollowUp[], choiceId: string): boolean {
  return followUps.some(
    (f) =>
      conditionHolds(f.when, { kind: "choice", id: choiceId }) &&
      f.questions.some((fq) => fq.kind === "photo" && fq.required),
  );
}

/** The first option that opens no follow-up: the answer of an enterprise with nothing to report. */
function quietChoice(q: LeafQuestion, followUps: readonly FollowUp[], deps: AppDeps): string | undefined {
  const choices = choicesOf(q, deps.content.texts);
  const quiet = choices.find(
    (c) => !followUps.some((f) => conditionHolds(f.when, { kind: "choice", id: c.id })),
  );
  return (quiet ?? choices[0])?.id;
}

/** What the head answers to one question. */
function answer(
  q: LeafQuestion,
  followUpsOf: FollowUpsOf,
  deps: AppDeps,
  file: HistoryFile,
  random: () => number,
): FlowInput {
  const none = { photoIds: [] };
  const followUps = followUpsOf(q.id);
  switch (q.kind) {
    case "yes_no": {
      // The quiet answer opens nothing (是 to "is it working", 否 to "is it encroached on"); the other
      // one is the finding, given now and then unless it needs a photo the history does not have.
      const quiet = quietChoice(q, followUps, deps) ?? "yes";
      const finding = quiet === "no" ? "yes" : "no";
      const found =
        q.hazard !== undefined &&
        random() < file.selfChecks.hazardRate &&
        !opensRequiredPhoto(followUps, finding);
      return { ...none, choiceId: found ? finding : quiet };
    }
    case "single":
      return { ...none, choiceId: quietChoice(q, followUps, deps) ?? "" };
    case "multi": {
      const options = q.options ?? [];
      return { ...none, text: (options.find((o) => o.id === "none") ?? options[0])?.id ?? "" };
    }
    case "number": {
      const wanted = q.unit === "%" ? file.selfChecks.percent : file.selfChecks.count;
      const value = Math.min(q.max ?? wanted, Math.max(q.min ?? wanted, wanted));
      return { ...none, text: String(value) };
    }
    case "text":
      return { ...none, text: file.selfChecks.note };
    case "photo":
      return { ...none, command: "skip" };
  }
}

/**
 * Answers and submits the self-check of `actor`'s enterprise as of `deps.clock`; false when there
 * was nothing to start (no checklist) or the flow did not reach its summary.
 */
export async function answerSelfCheck(
  s: Stores,
  deps: AppDeps,
  actor: Actor,
  file: HistoryFile,
  random: () => number,
): Promise<boolean> {
  const started = await startSelfCheck(s, deps, actor, IDLE, true);
  if (started.state.flow !== "self_check") return false;
  let state: SelfCheckState = started.state;
  const checklist = deps.content.checklists.find((c) => c.id === state.checklistId);
  if (!checklist) return false;
  const ctx = { checklist, texts: deps.content.texts };
  const index = questionIndex(checklist);
  const followUps = new Map(checklist.questions.map((q) => [q.id, q.followUps ?? []]));
  const followUpsOf: FollowUpsOf = (id) => followUps.get(id) ?? [];
  for (let i = 0; i < MAX_STEPS; i++) {
    const q = state.current === null ? undefined : index.get(state.current);
    const input: FlowInput = q
      ? answer(q, followUpsOf, deps, file, random)
      : { command: "submit", photoIds: [] };
    const step = stepSelfCheck(ctx, state, input);
    if (step.effects.some((e) => e.type === "submit")) {
      await submitSelfCheck(s, deps, actor, checklist, step.state);
      return true;
    }
    // An answer the flow refused (a required photo, say): stop rather than loop on it.
    if (step.state === state) return false;
    state = step.state;
  }
  return false;
}
