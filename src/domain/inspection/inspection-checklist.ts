import { fillTemplate } from "../calendar/labels.ts";
import type { Answers } from "../checklist/answer.ts";
import { type Checklist, questionIndex } from "../checklist/checklist.ts";
import { nextQuestion } from "../checklist/sequence.ts";
import type { OutboundMessage } from "../messages.ts";
import { askQuestion, type SelfCheckState, stepSelfCheck } from "../self-check/self-check-flow.ts";
import type { FindingClass } from "./inspection.ts";
import type { InspectionCtx } from "./inspection-prompts.ts";
import type { Finding, InspectionChecklist, InspectionState } from "./inspection-state.ts";
import { ask, type InspectionInput, type InspectionStep } from "./inspection-step.ts";

/**
 * The enterprise's industry checklist run from the inspector's side (检查表): the questions are
 * asked and read exactly as in a self-check (`stepSelfCheck`), inside the inspection's state, and
 * once it ends its answers go through the self-check rules; each hazard they find becomes a finding
 * of the inspection with the rules' grade, basis and deadline.
 */

/** A hazard the self-check rules found in the answers (the shape `evaluateSelfCheck` gives). */
export type ChecklistHazard = Omit<FindingClass, "deadlineHours" | "immediate"> & {
  deadlineHours?: number | undefined;
  immediate?: boolean | undefined;
  evidenceQuestions: string[];
  descriptionQuestions: string[];
};

/** The question being asked, worded as in a self-check but with the inspection's controls. */
function askChecklistQuestion(
  ctx: InspectionCtx,
  checklist: Checklist,
  run: InspectionChecklist,
): OutboundMessage {
  const q = run.current === null ? undefined : questionIndex(checklist).get(run.current);
  if (!q)
    return {
      text: fillTemplate(ctx.content.checklist.in_progress, { title: checklist.title }),
      expects: "text",
    };
  const asked = askQuestion({ checklist, texts: ctx.texts }, run.answers, q);
  // The self-check's last line offers 暂停 to continue later; here 完成 ends the checklist.
  const lines = asked.text.split("\n").slice(0, -1);
  const words = ctx.content.checklist;
  const skip = q.required ? "" : fillTemplate(words.skip, { word: ctx.texts.word("skip") });
  return { ...asked, text: [...lines, fillTemplate(words.controls, { skip })].join("\n") };
}

/** What the inspector sees in the checklist stage, e.g. after a restart: the title and the question. */
export function inspectionChecklistPrompt(
  ctx: InspectionCtx,
  checklist: Checklist,
  s: InspectionState,
): OutboundMessage {
  const run = s.checklist ?? { id: checklist.id, version: checklist.version, answers: {}, current: null };
  const asked = askChecklistQuestion(ctx, checklist, run);
  return {
    ...asked,
    text: `${fillTemplate(ctx.content.checklist.in_progress, { title: checklist.title })}\n${asked.text}`,
  };
}

/** 检查表: the checklist starts at its first question. */
export function beginInspectionChecklist(
  ctx: InspectionCtx,
  checklist: Checklist,
  s: InspectionState,
): InspectionStep {
  const run: InspectionChecklist = {
    id: checklist.id,
    version: checklist.version,
    answers: {},
    current: nextQuestion(checklist, {}, null)?.id ?? null,
  };
  const next: InspectionState = { ...s, stage: "checklist", checklist: run };
  const start = fillTemplate(ctx.content.checklist.start, {
    title: checklist.title,
    total: checklist.questions.length,
  });
  const asked = askChecklistQuestion(ctx, checklist, run);
  return { state: next, replies: [{ ...asked, text: `${start}\n${asked.text}` }], effects: [] };
}

/** The checklist as the self-check flow keeps it, to reuse its reading of answers. */
function asSelfCheck(run: InspectionChecklist): SelfCheckState {
  return {
    flow: "self_check",
    runId: "",
    checklistId: run.id,
    checklistVersion: run.version,
    answers: run.answers,
    current: run.current,
    paused: false,
  };
}

const ended = (s: InspectionState): InspectionStep => ({
  state: s,
  replies: [],
  effects: [{ type: "evaluate_checklist" }],
});

/**
 * One message while the checklist runs: an answer (read as a self-check reads it), 上一题, 跳过;
 * 完成 or 暂停 ends it with the answers so far, as does the last answer. Photos answer a photo
 * question. 取消 and a shared location are the inspection's, handled before this.
 */
export function stepInspectionChecklist(
  ctx: InspectionCtx,
  checklist: Checklist,
  s: InspectionState,
  input: InspectionInput,
): InspectionStep {
  const run = s.checklist;
  if (!run || run.current === null) return ended(s);
  const q = questionIndex(checklist).get(run.current);
  // 完成 adds no more photos to a photo question (the self-check reads it so); elsewhere it ends.
  if (input.command === "pause" || (input.command === "done" && q?.kind !== "photo")) return ended(s);
  const step = stepSelfCheck({ checklist, texts: ctx.texts }, asSelfCheck(run), {
    ...(input.text !== undefined ? { text: input.text } : {}),
    ...(input.choiceId !== undefined ? { choiceId: input.choiceId } : {}),
    ...(input.command !== undefined ? { command: input.command } : {}),
    photoIds: input.photoIds,
  });
  const moved: InspectionChecklist = { ...run, answers: step.state.answers, current: step.state.current };
  const next: InspectionState = { ...s, checklist: moved };
  if (moved.current === null) return ended(next);
  // The self-check's reply is the next question, or a note over the same question re-asked, or a
  // note alone (a photo received): the question is worded with the inspection's controls.
  const asked = askChecklistQuestion(ctx, checklist, moved);
  const nextQ = questionIndex(checklist).get(moved.current);
  const plain = nextQ ? askQuestion({ checklist, texts: ctx.texts }, moved.answers, nextQ).text : "";
  const said = step.replies[0];
  const reply =
    !said || said.text === plain
      ? asked
      : said.text.endsWith(`\n\n${plain}`)
        ? { ...asked, text: `${said.text.slice(0, -plain.length).trim()}\n\n${asked.text}` }
        : said;
  return { state: next, replies: [reply], effects: [] };
}

/** The texts answered to a hazard's description questions, joined; null when none was answered. */
function descriptionOf(h: ChecklistHazard, answers: Answers): string | null {
  const said = h.descriptionQuestions.flatMap((id) => {
    const a = answers[id];
    return a?.kind === "text" && a.value.trim() ? [a.value.trim()] : [];
  });
  return said.length > 0 ? said.join("；") : null;
}

/** The photos answered to a hazard's evidence questions, without repeats. */
function photosOf(h: ChecklistHazard, answers: Answers): string[] {
  return [
    ...new Set(
      h.evidenceQuestions.flatMap((id) => {
        const a = answers[id];
        return a?.kind === "photos" ? a.attachmentIds : [];
      }),
    ),
  ];
}

/**
 * The checklist's hazards recorded as findings (given the rules' deadline), and the inspection back
 * at the findings question, told what was found.
 */
export function checklistEvaluated(
  ctx: InspectionCtx,
  s: InspectionState,
  hazards: readonly ChecklistHazard[],
): InspectionStep {
  const answers = s.checklist?.answers ?? {};
  const found: Finding[] = hazards.map((h) => ({
    photoIds: photosOf(h, answers),
    description: descriptionOf(h, answers),
    classification: {
      hazard: h.hazard,
      title: h.title,
      category: h.category,
      grade: h.grade,
      basis: h.basis,
      deadlineDays: h.deadlineDays,
      deadlineHours: h.deadlineHours ?? null,
      immediate: h.immediate === true,
      ruleIds: h.ruleIds,
    },
    onSpot: false,
    afterPhotoIds: [],
    deadlineDays: null,
  }));
  const first = s.findings.length + 1;
  const words = ctx.content.checklist;
  const note =
    found.length === 0
      ? words.done_clean
      : found.length === 1
        ? fillTemplate(words.done_one, { index: first })
        : fillTemplate(words.done, { count: found.length, first, last: first + found.length - 1 });
  return ask(ctx, { ...s, findings: [...s.findings, ...found], checklist: null, stage: "findings" }, note);
}
