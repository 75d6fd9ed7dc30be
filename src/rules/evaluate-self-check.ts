import { type Answers, factValue } from "../domain/checklist/answer.ts";
import type { Checklist } from "../domain/checklist/checklist.ts";
import type { NotifyRoleParams, OpenTicketParams, Rule } from "./rule-file.ts";
import { runRules } from "./run-rules.ts";

export type SelfCheckFacts = {
  answers: Answers;
  enterprise: { id: string; industry: string; supervisionClass: string | null; areaId: string };
  checklist: Checklist;
  campaign: { id: string; templateId: string } | null;
};

/** One hazard the rules found: many rule hits on the same hazard make one finding. */
export type HazardFinding = OpenTicketParams & { ruleIds: string[] };

export type SelfCheckVerdict = { hazards: HazardFinding[]; notifications: NotifyRoleParams[] };

const gradeRank = { general: 0, major: 1 } as const;

/** Merges findings of the same hazard: the graver grade and the shorter deadline win. */
export function mergeFinding<
  T extends { grade: "general" | "major"; deadlineDays: number; ruleIds: string[] },
>(seen: T | undefined, hit: T): T {
  if (!seen) return hit;
  const graver = gradeRank[hit.grade] > gradeRank[seen.grade] ? hit : seen;
  return {
    ...graver,
    deadlineDays: Math.min(seen.deadlineDays, hit.deadlineDays),
    ruleIds: [...seen.ruleIds, ...hit.ruleIds],
  };
}

/** Runs the self-check rules over one submission. */
export async function evaluateSelfCheck(
  rules: readonly Rule[],
  facts: SelfCheckFacts,
): Promise<SelfCheckVerdict> {
  const applicable = rules.filter((r) => !r.checklist || r.checklist === facts.checklist.id);
  const hits = await runRules(applicable, {
    answers: Object.fromEntries(Object.entries(facts.answers).map(([id, a]) => [id, factValue(a)])),
    enterprise: facts.enterprise,
    checklist: {
      id: facts.checklist.id,
      version: facts.checklist.version,
      industries: facts.checklist.industries,
    },
    campaign: facts.campaign ?? {},
  });
  const hazards = new Map<string, HazardFinding>();
  const notifications: NotifyRoleParams[] = [];
  for (const { ruleId, event } of hits) {
    if (event.type === "notify_role") notifications.push(event.params);
    if (event.type !== "open_ticket") continue;
    const p = event.params;
    hazards.set(p.hazard, mergeFinding(hazards.get(p.hazard), { ...p, ruleIds: [ruleId] }));
  }
  return { hazards: [...hazards.values()], notifications };
}
