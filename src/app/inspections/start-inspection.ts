import { inspects } from "../../domain/inspection/inspection.ts";
import { beginInspection, inspectionHeading } from "../../domain/inspection/inspection-flow.ts";
import { inspectionPrompt } from "../../domain/inspection/inspection-prompts.ts";
import type { InspectionState } from "../../domain/inspection/inspection-state.ts";
import type { OutboundMessage } from "../../domain/messages.ts";
import type { Stores } from "../../store/stores.ts";
import type { Actor } from "../actor.ts";
import type { AppDeps } from "../app-deps.ts";
import type { FlowOutcome } from "../tickets/rectify-ticket.ts";
import { inspectionCtx, LIST_LIMIT, lookupEnterprise } from "./inspection-context.ts";
import { inspectionChecklistQuestion } from "./run-inspection-checklist.ts";

const note = (text: string): OutboundMessage => ({ text, expects: "none" });

/** What started the inspection: `检查` alone, `检查 <name part or credit code>`, or a scanned code. */
export type InspectionStart = { query: string } | { creditCode: string };

/**
 * 检查 (or a scanned inspection code): starts an on-site inspection, or resumes the one in
 * progress. Refused, with nothing stored, for an enterprise head and for an enterprise outside
 * the inspector's scope.
 */
export async function startInspection(
  s: Stores,
  deps: AppDeps,
  actor: Actor,
  start: InspectionStart,
  current: InspectionState | null,
): Promise<FlowOutcome<InspectionState>> {
  const { texts } = deps.content;
  const ctx = inspectionCtx(deps, actor);
  if (!inspects(actor.person.role))
    return {
      state: null,
      replies: [note(texts.t("inspection.not_allowed", { role: texts.label("role", actor.person.role) }))],
    };
  if (current) {
    const heading = inspectionHeading(ctx, current);
    const key = "creditCode" in start ? "inspection.in_progress" : "inspection.resume";
    const p =
      (current.stage === "checklist" ? await inspectionChecklistQuestion(s, deps, actor, current) : null) ??
      inspectionPrompt(ctx, current);
    return { state: current, replies: [{ ...p, text: `${texts.t(key, { heading })}\n${p.text}` }] };
  }
  const scope = await s.people.scopeOf(actor.person);
  const now = deps.clock.now();
  if ("creditCode" in start) {
    const enterprise = await s.enterprises.byCreditCode(start.creditCode);
    if (!enterprise)
      return { state: null, replies: [note(texts.t("inspection.code_unknown", { code: start.creditCode }))] };
    const found = await lookupEnterprise(s, actor, scope, "id", enterprise.id);
    if (found.kind !== "found")
      return {
        state: null,
        replies: [note(texts.t("inspection.out_of_scope", { enterprise: enterprise.name }))],
      };
    const step = beginInspection(ctx, now, { preset: found, candidates: [] });
    return { state: step.state, replies: step.replies };
  }
  const mine = await s.enterprises.list(scope);
  if (mine.length === 0) return { state: null, replies: [note(texts.t("inspection.no_enterprises"))] };
  const first = mine.slice(0, LIST_LIMIT).map((e) => ({ id: e.id, name: e.name }));
  if (!start.query) {
    const step = beginInspection(ctx, now, { preset: null, candidates: first });
    return { state: step.state, replies: step.replies };
  }
  const found = await lookupEnterprise(s, actor, scope, "name", start.query);
  if (found.kind === "outside")
    return { state: null, replies: [note(texts.t("inspection.out_of_scope", { enterprise: found.name }))] };
  const step = beginInspection(ctx, now, {
    preset: found.kind === "found" ? found : null,
    candidates: found.kind === "several" ? found.candidates : first,
  });
  return { state: step.state, replies: step.replies };
}
