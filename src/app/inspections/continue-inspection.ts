import { AppError } from "../../domain/app-error.ts";
import { findingClassified } from "../../domain/inspection/inspection-findings.ts";
import { enterpriseFound, stepInspection } from "../../domain/inspection/inspection-flow.ts";
import type { InspectionState } from "../../domain/inspection/inspection-state.ts";
import type { InspectionInput, InspectionStep } from "../../domain/inspection/inspection-step.ts";
import type { Stores } from "../../store/stores.ts";
import type { Actor } from "../actor.ts";
import type { AppDeps } from "../app-deps.ts";
import type { FlowOutcome } from "../tickets/rectify-ticket.ts";
import { classifyFinding } from "./classify-finding.ts";
import { inspectionCtx, lookupEnterprise } from "./inspection-context.ts";
import {
  continueInspectionChecklist,
  evaluateInspectionChecklist,
  startInspectionChecklist,
} from "./run-inspection-checklist.ts";
import { submitInspection } from "./submit-inspection.ts";

/**
 * One message inside an inspection: the flow decides, and what it asks for is done here: an
 * enterprise looked up in the inspector's scope, a finding classified by the rules, the
 * enterprise's checklist run and its answers turned into findings, the inspection submitted or
 * dropped. 取消 stores nothing.
 */
export async function continueInspection(
  s: Stores,
  deps: AppDeps,
  actor: Actor,
  state: InspectionState,
  input: InspectionInput,
): Promise<FlowOutcome<InspectionState>> {
  const { texts } = deps.content;
  const ctx = inspectionCtx(deps, actor);
  const step: InspectionStep =
    state.stage === "checklist" && input.command !== "cancel"
      ? await continueInspectionChecklist(s, deps, actor, state, input)
      : stepInspection(ctx, state, input);
  const effect = step.effects[0];
  if (!effect) return { state: step.state, replies: step.replies };
  switch (effect.type) {
    case "cancel":
      return { state: null, replies: [{ text: texts.t("inspection.cancelled"), expects: "none" }] };
    case "submit":
      return { state: null, replies: await submitInspection(s, deps, actor, step.state) };
    case "find_enterprise": {
      const scope = await s.people.scopeOf(actor.person);
      const found = await lookupEnterprise(s, actor, scope, effect.by, effect.value);
      const next = enterpriseFound(ctx, step.state, found);
      return { state: next.state, replies: next.replies };
    }
    case "classify": {
      const enterprise = step.state.enterprise ? await s.enterprises.byId(step.state.enterprise.id) : null;
      if (!enterprise)
        throw new AppError("not_found", `enterprise ${step.state.enterprise?.id} of an inspection is gone`);
      const c = await classifyFinding(deps, step.state.draft, enterprise, step.state.location?.label ?? null);
      const next = findingClassified(ctx, step.state, effect.onSpot, c);
      return { state: next.state, replies: next.replies };
    }
    case "start_checklist": {
      const next = await startInspectionChecklist(s, deps, actor, step.state);
      return { state: next.state, replies: next.replies };
    }
    case "evaluate_checklist": {
      const next = await evaluateInspectionChecklist(s, deps, actor, step.state);
      return { state: next.state, replies: next.replies };
    }
  }
}
