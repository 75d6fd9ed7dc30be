import { Engine } from "json-rules-engine";
import { type Answers, factValue } from "../domain/checklist/answer.ts";
import type { Checklist } from "../domain/checklist/checklist.ts";
import type { NotifyRoleParams, OpenTicketParams, Rule } from "./rule-file.ts";

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

/**
 * Runs the self-check rules over one submission. A fresh engine per evaluation: rules are
 * shared, facts never are.
 */
export async function evaluateSelfCheck(
  rules: readonly Rule[],
  facts: SelfCheckFacts,
): Promise<SelfCheckVerdict> {
  const engine = new Engine([], { allowUndefinedFacts: true });
  for (const rule of rules) {
    if (rule.checklist && rule.checklist !== facts.checklist.id) continue;
    engine.addRule({
      name: rule.id,
      priority: rule.priority ?? 1,
      conditions: rule.conditions as never,
      event: rule.event,
    });
  }
  const answers = Object.fromEntries(Object.entries(facts.answers).map(([id, a]) => [id, factValue(a)]));
  const { results } = await engine.run({
    answers,
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
  for (const r of results) {
    const event = rules.find((x) => x.id === r.name)?.event;
    if (!event) continue;
    if (event.type === "notify_role") {
      notifications.push(event.params);
      continue;
    }
    const p = event.params;
    const seen = hazards.get(p.hazard);
    if (!seen) {
      hazards.set(p.hazard, { ...p, ruleIds: [String(r.name)] });
      continue;
    }
    // The graver reading wins: a higher grade and the shorter deadline.
    const graver = gradeRank[p.grade] > gradeRank[seen.grade] ? p : seen;
    hazards.set(p.hazard, {
      ...graver,
      deadlineDays: Math.min(seen.deadlineDays, p.deadlineDays),
      ruleIds: [...seen.ruleIds, String(r.name)],
    });
  }
  return { hazards: [...hazards.values()], notifications };
}
