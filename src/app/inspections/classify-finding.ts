import { createHash } from "node:crypto";
import type { Enterprise } from "../../domain/enterprise.ts";
import type { FindingClass } from "../../domain/inspection/inspection.ts";
import type { FindingDraft } from "../../domain/inspection/inspection-state.ts";
import { mergeFinding } from "../../rules/evaluate-self-check.ts";
import type { ClassifyReportParams } from "../../rules/rule-file.ts";
import { runRules } from "../../rules/run-rules.ts";
import type { AppDeps } from "../app-deps.ts";

/**
 * The classification of an inspection finding, by the same rules as a grid worker's report
 * (`rules/grid-report.json`, scope grid_report): a finding naming several hazards is the gravest
 * (first in file order among equals), merging every hit on that hazard. With no rule, the
 * policy's fallback applies under a key of its own per description (or photo), so two different
 * unclassified findings of one inspection stay two hazards instead of merging into one ticket.
 */
export async function classifyFinding(
  deps: AppDeps,
  draft: FindingDraft,
  enterprise: Pick<Enterprise, "industry" | "supervisionClass">,
  location: string | null,
): Promise<FindingClass> {
  const hits = await runRules(deps.content.reportRules, {
    report: {
      description: draft.description ?? "",
      location: location ?? "",
      photoCount: draft.photoIds.length,
    },
    enterprise: { industry: enterprise.industry, supervisionClass: enterprise.supervisionClass },
  });
  const fileOrder = new Map(deps.content.reportRules.map((r, i) => [r.id, i]));
  const classified = hits
    .flatMap(({ ruleId, event }) =>
      event.type === "classify_report" ? [{ ruleId, params: event.params }] : [],
    )
    .sort((a, b) => (fileOrder.get(a.ruleId) ?? 0) - (fileOrder.get(b.ruleId) ?? 0));
  const gravest = classified.find((h) => h.params.grade === "major") ?? classified[0];
  let finding: (ClassifyReportParams & { ruleIds: string[] }) | undefined;
  for (const { ruleId, params } of classified)
    if (params.hazard === gravest?.params.hazard)
      finding = mergeFinding(finding, { ...params, ruleIds: [ruleId] });
  if (finding)
    return {
      hazard: finding.hazard,
      title: finding.title,
      category: finding.category,
      grade: finding.grade,
      basis: finding.basis,
      deadlineDays: finding.deadlineDays,
      deadlineHours: finding.deadlineHours ?? null,
      immediate: finding.immediate === true,
      ruleIds: finding.ruleIds,
    };
  const fallback = deps.content.policy.gridReportFallback;
  const what = draft.description ?? draft.photoIds[0] ?? "";
  return {
    hazard: `${fallback.hazard}.${createHash("sha256").update(what).digest("hex").slice(0, 10)}`,
    title: draft.description
      ? draft.description.slice(0, 60)
      : deps.content.texts.t("inspection.other_hazard"),
    category: fallback.category,
    grade: fallback.grade,
    basis: fallback.basis,
    deadlineDays: fallback.deadlineDays,
    deadlineHours: null,
    immediate: false,
    ruleIds: [],
  };
}
