import type { FindingClass } from "./inspection.ts";
import { parseWholeNumber } from "./inspection-input.ts";
import { type InspectionCtx, limitText } from "./inspection-prompts.ts";
import type { InspectionState } from "./inspection-state.ts";
import { ask, type InspectionInput, type InspectionStep } from "./inspection-step.ts";

const MAX_DEADLINE_DAYS = 365;

/** The rules' classification of the finding being collected: it waits for its after photo or deadline. */
export function findingClassified(
  ctx: InspectionCtx,
  s: InspectionState,
  onSpot: boolean,
  classification: FindingClass,
): InspectionStep {
  const next: InspectionState = {
    ...s,
    draft: { photoIds: [], description: null },
    pending: { ...s.draft, classification, onSpot, afterPhotoIds: [], deadlineDays: null },
    stage: onSpot ? "after_photo" : "deadline",
  };
  return ask(
    ctx,
    next,
    ctx.texts.t("inspection.classified", {
      index: s.findings.length + 1,
      title: classification.title,
      grade: ctx.texts.label("grade", classification.grade),
      category: classification.category,
      basis: classification.basis,
    }),
  );
}

/** Records the pending finding and asks for the next one. */
function recordPending(ctx: InspectionCtx, s: InspectionState, deadlineDays: number | null): InspectionStep {
  if (!s.pending) return ask(ctx, { ...s, stage: "findings" });
  const finding = { ...s.pending, deadlineDays };
  const next: InspectionState = {
    ...s,
    pending: null,
    findings: [...s.findings, finding],
    stage: "findings",
  };
  const note = finding.onSpot
    ? ctx.texts.t("inspection.finding_saved_on_spot", {
        index: next.findings.length,
        count: finding.afterPhotoIds.length,
      })
    : ctx.texts.t("inspection.finding_saved_deadline", {
        index: next.findings.length,
        limit:
          deadlineDays !== null
            ? ctx.texts.t("inspection.limit_days", { days: deadlineDays })
            : limitText(ctx.texts, finding.classification),
      });
  return ask(ctx, next, note);
}

/**
 * The findings stages: photos and a description in either order, then 立即整改 (and the after
 * photo) or 限期整改 (and the deadline); 完成 ends the findings once none is half-recorded.
 */
export function stepFindings(
  ctx: InspectionCtx,
  s: InspectionState,
  input: InspectionInput,
  text: string | undefined,
): InspectionStep {
  const { texts } = ctx;
  const photos = input.photoIds;
  switch (s.stage) {
    case "after_photo": {
      if (!s.pending) return ask(ctx, { ...s, stage: "findings" });
      if (photos.length)
        return recordPending(ctx, { ...s, pending: { ...s.pending, afterPhotoIds: photos } }, null);
      if (input.choiceId === "deadline")
        return ask(ctx, { ...s, pending: { ...s.pending, onSpot: false }, stage: "deadline" });
      return ask(ctx, s);
    }
    case "deadline": {
      if (!s.pending) return ask(ctx, { ...s, stage: "findings" });
      if (photos.length)
        return ask(ctx, { ...s, pending: { ...s.pending, photoIds: [...s.pending.photoIds, ...photos] } });
      if (input.command === "skip") return recordPending(ctx, s, null);
      const days = text ? parseWholeNumber(text) : null;
      if (days === null || days < 1 || days > MAX_DEADLINE_DAYS)
        return ask(ctx, s, texts.t("inspection.deadline_invalid", { max: MAX_DEADLINE_DAYS }));
      return recordPending(ctx, s, days);
    }
    default: {
      const empty = s.draft.photoIds.length === 0 && s.draft.description === null;
      if (input.choiceId === "on_spot" || input.choiceId === "deadline") {
        if (empty) return ask(ctx, s, texts.t("inspection.finding_empty"));
        return {
          state: s,
          replies: [],
          effects: [{ type: "classify", onSpot: input.choiceId === "on_spot" }],
        };
      }
      if (input.command === "done" || input.command === "skip") {
        if (!empty)
          return ask(ctx, s, texts.t("inspection.finding_choose_first", { index: s.findings.length + 1 }));
        return ask(ctx, { ...s, stage: "documents" });
      }
      if (text !== undefined && !photos.length && ctx.content.checklist.words.includes(text)) {
        if (!empty)
          return ask(ctx, s, texts.t("inspection.finding_choose_first", { index: s.findings.length + 1 }));
        return { state: s, replies: [], effects: [{ type: "start_checklist" }] };
      }
      if (!photos.length && !text) return ask(ctx, s);
      const before = s.draft.description;
      const description = text ? (before ? `${before}；${text}` : text) : before;
      return ask(ctx, { ...s, draft: { photoIds: [...s.draft.photoIds, ...photos], description } });
    }
  }
}
