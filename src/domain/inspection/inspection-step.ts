import type { OutboundMessage } from "../messages.ts";
import type { CommandKey } from "../texts.ts";
import type { SiteLocation } from "./inspection.ts";
import { parseIndexes } from "./inspection-input.ts";
import { type InspectionCtx, inspectionPrompt } from "./inspection-prompts.ts";
import type { InspectionState } from "./inspection-state.ts";

/** One message as the inspection flow reads it. */
export type InspectionInput = {
  text?: string;
  /** A pressed (or typed) option that is not a command: `kind:<id>`, `member:3`, `on_spot`… */
  choiceId?: string;
  command?: CommandKey;
  photoIds: string[];
  location?: SiteLocation;
};

/** What the use case must do for the flow: look something up, or end it. */
export type InspectionEffect =
  | { type: "cancel" }
  | { type: "submit" }
  /** By the id of a listed candidate, or by a typed name part (or credit code). */
  | { type: "find_enterprise"; by: "id" | "name"; value: string }
  | { type: "classify"; onSpot: boolean }
  /** Run the enterprise's industry checklist from the inspector's side (检查表). */
  | { type: "start_checklist" }
  /** The checklist ended: turn its bad answers into findings by the self-check rules. */
  | { type: "evaluate_checklist" };

export type InspectionStep = {
  state: InspectionState;
  replies: OutboundMessage[];
  effects: InspectionEffect[];
};

/** Moves to (or stays at) a state and asks its question, after any notes. */
export function ask(ctx: InspectionCtx, s: InspectionState, ...notes: string[]): InspectionStep {
  const p = inspectionPrompt(ctx, s);
  return { state: s, replies: [{ ...p, text: [...notes.filter(Boolean), p.text].join("\n") }], effects: [] };
}

/** Toggles the picked positions (1-based) of a list in a selection; null when one is not in the list. */
export function toggle<T>(
  selected: readonly T[],
  all: readonly T[],
  positions: readonly number[],
): T[] | null {
  if (positions.some((p) => p < 1 || p > all.length)) return null;
  const out = [...selected];
  for (const p of positions) {
    const item = all[p - 1] as T;
    const at = out.indexOf(item);
    if (at >= 0) out.splice(at, 1);
    else out.push(item);
  }
  return out;
}

/** The positions a message picks from a list: a pressed `<prefix>:<n>` option, or typed numbers. */
export function picked(input: InspectionInput, prefix: string): number[] | null {
  const pressed = new RegExp(`^${prefix}:(\\d+)$`).exec(input.choiceId ?? "")?.[1];
  if (pressed) return [Number(pressed)];
  return input.text ? parseIndexes(input.text) : null;
}
