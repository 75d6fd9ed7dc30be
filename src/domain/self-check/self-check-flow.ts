import { z } from "zod";
import { type Answers, AnswerValueSchema } from "../checklist/answer.ts";
import { type Checklist, type LeafQuestion, questionIndex } from "../checklist/checklist.ts";
import { choicesOf, describeAnswer, numberExpectation, parseAnswer } from "../checklist/parse-answer.ts";
import {
  activeQuestions,
  conditionHolds,
  nextQuestion,
  previousQuestion,
  pruneAnswers,
} from "../checklist/sequence.ts";
import type { Expects, OutboundMessage } from "../messages.ts";
import type { CommandKey, Texts } from "../texts.ts";

/** Where a person is in a checklist. `current: null` means the summary is waiting for 提交. */
export const SelfCheckStateSchema = z.object({
  flow: z.literal("self_check"),
  runId: z.string(),
  checklistId: z.string(),
  checklistVersion: z.number().int(),
  answers: z.record(z.string(), AnswerValueSchema),
  current: z.string().nullable(),
  paused: z.boolean(),
});
export type SelfCheckState = z.infer<typeof SelfCheckStateSchema>;

/** A person's input as the flow sees it: text (maybe a control word), a button, stored photos. */
export type FlowInput = { text?: string; choiceId?: string; command?: CommandKey; photoIds: string[] };

export type FlowEffect = { type: "submit" } | { type: "pause" } | { type: "answer"; questionId: string };

export type FlowStep = { state: SelfCheckState; replies: OutboundMessage[]; effects: FlowEffect[] };

type Ctx = { checklist: Checklist; texts: Texts };

const expectsOf: Record<LeafQuestion["kind"], Expects> = {
  yes_no: "choice",
  single: "choice",
  multi: "choice",
  number: "number",
  text: "text",
  photo: "photo",
};

/**
 * Where a question stands, counted the way the start message counts (共 N 题 = the top-level
 * questions): its own number, or for a follow-up its parent's number and its place among the
 * follow-ups the parent's answer opened. The total never moves as follow-ups open.
 */
export function questionPosition(
  checklist: Checklist,
  answers: Answers,
  id: string,
): { index: number; total: number; sub?: { index: number; total: number } } {
  const total = checklist.questions.length;
  for (const [i, q] of checklist.questions.entries()) {
    if (q.id === id) return { index: i + 1, total };
    const opened = (q.followUps ?? [])
      .filter((f) => conditionHolds(f.when, answers[q.id]))
      .flatMap((f) => f.questions);
    const at = opened.findIndex((f) => f.id === id);
    if (at >= 0) return { index: i + 1, total, sub: { index: at + 1, total: opened.length } };
  }
  return { index: total, total };
}

/** The message that asks a question, with its allowed answers. */
export function askQuestion({ checklist, texts }: Ctx, answers: Answers, q: LeafQuestion): OutboundMessage {
  const at = questionPosition(checklist, answers, q.id);
  const optional = q.required ? "" : texts.t("selfcheck.optional_mark");
  const lines = [
    at.sub
      ? texts.t("selfcheck.question_follow_up", {
          index: at.index,
          total: at.total,
          sub: at.sub.index,
          subtotal: at.sub.total,
          optional,
          text: q.text,
        })
      : texts.t("selfcheck.question", { index: at.index, total: at.total, optional, text: q.text }),
  ];
  if (q.help) lines.push(q.help);
  if (q.kind === "multi") lines.push(texts.t("selfcheck.multi_hint"));
  if (q.kind === "number")
    lines.push(texts.t("selfcheck.number_hint", { expected: numberExpectation(q, texts) }));
  if (q.kind === "photo") lines.push(texts.t("selfcheck.photo_hint"));
  if (q.kind === "text") lines.push(texts.t("selfcheck.text_hint"));
  const skip = q.required ? "" : texts.t("selfcheck.controls_skip", { word: texts.word("skip") });
  lines.push(texts.t("selfcheck.controls", { skip }));
  const choices = choicesOf(q, texts);
  return { text: lines.join("\n"), expects: expectsOf[q.kind], ...(choices.length ? { choices } : {}) };
}

/** The summary that waits for 提交: the questions numbered as they were asked, follow-ups as 3.1, 3.2. */
export function summary({ checklist, texts }: Ctx, answers: Answers): OutboundMessage {
  const active = activeQuestions(checklist, answers);
  const lines = active.map((q) => {
    const a = answers[q.id];
    const at = questionPosition(checklist, answers, q.id);
    const answer = a ? describeAnswer(q, a, texts) : "";
    return at.sub
      ? texts.t("selfcheck.summary_follow_up_line", {
          index: at.index,
          sub: at.sub.index,
          text: q.text,
          answer,
        })
      : texts.t("selfcheck.summary_line", { index: at.index, text: q.text, answer });
  });
  return {
    text: texts.t("selfcheck.summary", { total: checklist.questions.length, lines: lines.join("\n") }),
    expects: "choice",
    choices: [
      { id: "submit", label: texts.word("submit") },
      { id: "back", label: texts.word("back") },
    ],
  };
}

/** What the person should see now: the current question or the summary. */
export function currentPrompt(ctx: Ctx, state: SelfCheckState): OutboundMessage {
  const q = state.current === null ? undefined : questionIndex(ctx.checklist).get(state.current);
  return q ? askQuestion(ctx, state.answers, q) : summary(ctx, state.answers);
}

/** Starts a fresh run at its first question. */
export function beginSelfCheck(ctx: Ctx, runId: string): SelfCheckState {
  const first = nextQuestion(ctx.checklist, {}, null);
  return {
    flow: "self_check",
    runId,
    checklistId: ctx.checklist.id,
    checklistVersion: ctx.checklist.version,
    answers: {},
    current: first?.id ?? null,
    paused: false,
  };
}

function advance(ctx: Ctx, state: SelfCheckState, after: string, answers: Answers): FlowStep {
  const next = nextQuestion(ctx.checklist, answers, after);
  const moved = { ...state, answers, current: next?.id ?? null };
  return {
    state: moved,
    replies: [currentPrompt(ctx, moved)],
    effects: [{ type: "answer", questionId: after }],
  };
}

const reask = (ctx: Ctx, state: SelfCheckState, note: string): FlowStep => ({
  state,
  replies: [{ ...currentPrompt(ctx, state), text: `${note}\n\n${currentPrompt(ctx, state).text}` }],
  effects: [],
});

/** One step of the checklist conversation: `(state, input) → { state, replies, effects }`. */
export function stepSelfCheck(ctx: Ctx, state: SelfCheckState, input: FlowInput): FlowStep {
  const { texts } = ctx;
  const command =
    input.command ?? (input.choiceId === "submit" || input.choiceId === "back" ? input.choiceId : undefined);
  if (command === "pause") {
    const paused = { ...state, paused: true };
    const answered = Object.keys(state.answers).length;
    return {
      state: paused,
      replies: [{ text: texts.t("selfcheck.paused", { answered }), expects: "none" }],
      effects: [{ type: "pause" }],
    };
  }
  if (command === "back") {
    const prev = previousQuestion(ctx.checklist, state.answers, state.current);
    if (!prev) return reask(ctx, state, texts.t("selfcheck.no_previous"));
    const moved = { ...state, current: prev.id };
    return { state: moved, replies: [currentPrompt(ctx, moved)], effects: [] };
  }
  if (state.current === null) {
    if (command === "submit") return { state, replies: [], effects: [{ type: "submit" }] };
    return reask(ctx, state, texts.t("selfcheck.confirm_expected"));
  }
  const q = questionIndex(ctx.checklist).get(state.current);
  if (!q) return { ...advance(ctx, state, state.current, state.answers), effects: [] };
  const existing = state.answers[q.id];
  const photosSoFar = q.kind === "photo" && existing?.kind === "photos" ? existing.attachmentIds : [];

  if (input.photoIds.length > 0) {
    if (q.kind !== "photo") return reask(ctx, state, texts.t("selfcheck.photo_not_expected"));
    const attachmentIds = [...photosSoFar, ...input.photoIds];
    const answers = { ...state.answers, [q.id]: { kind: "photos" as const, attachmentIds } };
    return {
      state: { ...state, answers },
      replies: [
        { text: texts.t("selfcheck.photo_received", { count: attachmentIds.length }), expects: "photo" },
      ],
      effects: [{ type: "answer", questionId: q.id }],
    };
  }
  if (command === "skip" || (command === "done" && q.kind === "photo")) {
    if (photosSoFar.length > 0) return advance(ctx, state, q.id, state.answers);
    if (q.required)
      return reask(
        ctx,
        state,
        texts.t(q.kind === "photo" && command === "done" ? "selfcheck.photo_expected" : "selfcheck.required"),
      );
    return advance(ctx, state, q.id, { ...state.answers, [q.id]: { kind: "skipped" } });
  }
  const parsed = parseAnswer(q, input, texts);
  if (!parsed.ok) return reask(ctx, state, parsed.error);
  const answers = pruneAnswers(ctx.checklist, { ...state.answers, [q.id]: parsed.value });
  return advance(ctx, state, q.id, answers);
}
