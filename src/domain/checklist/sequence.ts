import type { Answers, AnswerValue } from "./answer.ts";
import type { Checklist, Condition, LeafQuestion } from "./checklist.ts";

/** Whether a follow-up condition holds for the parent's answer. */
export function conditionHolds(when: Condition, answer: AnswerValue | undefined): boolean {
  if (!answer) return false;
  if ("equals" in when) {
    if (answer.kind === "choice") return answer.id === when.equals;
    if (answer.kind === "number" || answer.kind === "text") return answer.value === when.equals;
    return false;
  }
  if ("includes" in when) return answer.kind === "choices" && answer.ids.includes(when.includes);
  if (answer.kind !== "number") return false;
  return "lessThan" in when ? answer.value < when.lessThan : answer.value > when.greaterThan;
}

/**
 * The questions that apply given the answers so far, in asking order: each top-level question
 * followed by the follow-ups its answer opens.
 */
export function activeQuestions(checklist: Checklist, answers: Answers): LeafQuestion[] {
  const out: LeafQuestion[] = [];
  for (const q of checklist.questions) {
    out.push(q);
    for (const f of q.followUps ?? []) if (conditionHolds(f.when, answers[q.id])) out.push(...f.questions);
  }
  return out;
}

/** Drops answers to questions that no longer apply (a changed answer closed their follow-up). */
export function pruneAnswers(checklist: Checklist, answers: Answers): Answers {
  const active = new Set(activeQuestions(checklist, answers).map((q) => q.id));
  return Object.fromEntries(Object.entries(answers).filter(([id]) => active.has(id)));
}

/** The next unanswered question after `afterId` in asking order, else the first unanswered one. */
export function nextQuestion(
  checklist: Checklist,
  answers: Answers,
  afterId: string | null,
): LeafQuestion | null {
  const active = activeQuestions(checklist, answers);
  const start = afterId === null ? 0 : active.findIndex((q) => q.id === afterId) + 1;
  const unanswered = (q: LeafQuestion) => answers[q.id] === undefined;
  return active.slice(start).find(unanswered) ?? active.find(unanswered) ?? null;
}

/** The question asked before `id`, or the last one when `id` is null (from the summary). */
export function previousQuestion(
  checklist: Checklist,
  answers: Answers,
  id: string | null,
): LeafQuestion | null {
  const active = activeQuestions(checklist, answers);
  if (id === null) return active.at(-1) ?? null;
  const i = active.findIndex((q) => q.id === id);
  return i > 0 ? (active[i - 1] ?? null) : null;
}
