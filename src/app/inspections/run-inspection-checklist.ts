import { checklistFor } from "../../content/load-content.ts";
import { AppError } from "../../domain/app-error.ts";
import { fillTemplate } from "../../domain/calendar/labels.ts";
import type { Checklist } from "../../domain/checklist/checklist.ts";
import type { Enterprise } from "../../domain/enterprise.ts";
import {
  beginInspectionChecklist,
  checklistEvaluated,
  inspectionChecklistPrompt,
  stepInspectionChecklist,
} from "../../domain/inspection/inspection-checklist.ts";
import { locationText } from "../../domain/inspection/inspection-prompts.ts";
import type { InspectionState } from "../../domain/inspection/inspection-state.ts";
import { ask, type InspectionInput, type InspectionStep } from "../../domain/inspection/inspection-step.ts";
import { evaluateSelfCheck } from "../../rules/evaluate-self-check.ts";
import type { Stores } from "../../store/stores.ts";
import type { Actor } from "../actor.ts";
import type { AppDeps } from "../app-deps.ts";
import { openCampaignFor } from "../campaign/open-campaign-for.ts";
import { inspectionCtx } from "./inspection-context.ts";

/**
 * The inspector-side checklist (检查表) of an inspection: the enterprise's industry checklist (the
 * holiday one, as an enterprise answers it), asked inside the inspection and turned into findings
 * by the self-check rules when it ends.
 */

async function enterpriseOf(s: Stores, state: InspectionState): Promise<Enterprise> {
  const enterprise = state.enterprise ? await s.enterprises.byId(state.enterprise.id) : null;
  if (!enterprise)
    throw new AppError("not_found", `enterprise ${state.enterprise?.id} of an inspection is gone`);
  return enterprise;
}

/** The checklist the run uses: the one it started with, else the industry's current one. */
function checklistOf(deps: AppDeps, state: InspectionState, industry: string): Checklist | undefined {
  const id = state.checklist?.id;
  return (id && deps.content.checklists.find((c) => c.id === id)) || checklistFor(deps.content, industry);
}

/** 检查表 at the findings question: starts the checklist, or says the industry has none. */
export async function startInspectionChecklist(
  s: Stores,
  deps: AppDeps,
  actor: Actor,
  state: InspectionState,
): Promise<InspectionStep> {
  const ctx = inspectionCtx(deps, actor);
  const enterprise = await enterpriseOf(s, state);
  const checklist = checklistFor(deps.content, enterprise.industry);
  if (!checklist)
    return ask(
      ctx,
      state,
      fillTemplate(ctx.content.checklist.none, {
        industry: deps.content.texts.label("industry", enterprise.industry),
      }),
    );
  return beginInspectionChecklist(ctx, checklist, state);
}

/** Ends the checklist: its answers go through the self-check rules, each hazard a finding. */
export async function evaluateInspectionChecklist(
  s: Stores,
  deps: AppDeps,
  actor: Actor,
  state: InspectionState,
): Promise<InspectionStep> {
  const ctx = inspectionCtx(deps, actor);
  const enterprise = await enterpriseOf(s, state);
  const checklist = checklistOf(deps, state, enterprise.industry);
  const answers = state.checklist?.answers ?? {};
  if (!checklist || Object.keys(answers).length === 0) return checklistEvaluated(ctx, state, []);
  const campaign = await openCampaignFor(s, enterprise, deps.clock.now());
  const verdict = await evaluateSelfCheck(deps.content.rules, {
    answers,
    enterprise,
    checklist,
    campaign,
  });
  return checklistEvaluated(ctx, state, verdict.hazards);
}

/** One message while the checklist runs (取消 is the inspection's and handled before this). */
export async function continueInspectionChecklist(
  s: Stores,
  deps: AppDeps,
  actor: Actor,
  state: InspectionState,
  input: InspectionInput,
): Promise<InspectionStep> {
  const ctx = inspectionCtx(deps, actor);
  const enterprise = await enterpriseOf(s, state);
  const checklist = checklistOf(deps, state, enterprise.industry);
  if (!checklist) return evaluateInspectionChecklist(s, deps, actor, state);
  if (input.location) {
    const next = { ...state, location: input.location };
    const p = inspectionChecklistPrompt(ctx, checklist, next);
    const saved = deps.content.texts.t("inspection.location_saved", {
      location: locationText(deps.content.texts, input.location),
    });
    return { state: next, replies: [{ ...p, text: `${saved}\n${p.text}` }], effects: [] };
  }
  return stepInspectionChecklist(ctx, checklist, state, input);
}

/** What the inspector is asked in the checklist stage (to resume after 检查 or a restart). */
export async function inspectionChecklistQuestion(
  s: Stores,
  deps: AppDeps,
  actor: Actor,
  state: InspectionState,
) {
  const enterprise = await enterpriseOf(s, state);
  const checklist = checklistOf(deps, state, enterprise.industry);
  const ctx = inspectionCtx(deps, actor);
  return checklist ? inspectionChecklistPrompt(ctx, checklist, state) : null;
}
