import { MeasureKinds } from "./inspection.ts";
import { parseYuanAsFen } from "./inspection-input.ts";
import type { InspectionCtx } from "./inspection-prompts.ts";
import type { InspectionState } from "./inspection-state.ts";
import { ask, type InspectionInput, type InspectionStep, picked, toggle } from "./inspection-step.ts";

/**
 * The outcome stages: documents issued and measures taken (several each, toggled by number), the
 * fine's amount when 罚款 is picked (anything but an amount is refused), a note, and the summary
 * that 提交 submits.
 */
export function stepOutcome(
  ctx: InspectionCtx,
  s: InspectionState,
  input: InspectionInput,
  text: string | undefined,
): InspectionStep {
  const { texts } = ctx;
  const badIndex = text ? texts.t("inspection.bad_index") : "";
  switch (s.stage) {
    case "documents": {
      if (input.command === "done") return ask(ctx, { ...s, stage: "measures" });
      if (input.command === "skip") return ask(ctx, { ...s, documents: [], stage: "measures" });
      const positions = picked(input, "doc");
      const ids = ctx.content.documents.map((d) => d.id);
      const documents = positions && toggle(s.documents, ids, positions);
      return documents ? ask(ctx, { ...s, documents }) : ask(ctx, s, badIndex);
    }
    case "measures": {
      if (input.command === "done" || input.command === "skip") {
        const measures = input.command === "skip" ? [] : s.measures;
        const fine = measures.includes("fine");
        return ask(ctx, { ...s, measures, fineFen: fine ? s.fineFen : null, stage: fine ? "fine" : "note" });
      }
      const positions = picked(input, "measure");
      const measures = positions && toggle(s.measures, MeasureKinds, positions);
      return measures ? ask(ctx, { ...s, measures }) : ask(ctx, s, badIndex);
    }
    case "fine": {
      if (input.command === "skip") {
        const measures = s.measures.filter((m) => m !== "fine");
        return ask(ctx, { ...s, measures, fineFen: null, stage: "note" });
      }
      const fen = text ? parseYuanAsFen(text) : null;
      if (fen === null) return ask(ctx, s, text ? texts.t("inspection.fine_invalid", { input: text }) : "");
      return ask(ctx, { ...s, fineFen: fen, stage: "note" });
    }
    case "note":
      if (input.command === "skip") return ask(ctx, { ...s, note: null, stage: "confirm" });
      return text ? ask(ctx, { ...s, note: text, stage: "confirm" }) : ask(ctx, s);
    default:
      if (input.command === "submit") return { state: s, replies: [], effects: [{ type: "submit" }] };
      return ask(ctx, s);
  }
}
