import { type Answers, factValue } from "../domain/checklist/answer.ts";
import type { Checklist } from "../domain/checklist/checklist.ts";
import { longestHours } from "../domain/ticket/deadline.ts";
import type { NotifyRoleParams, OpenTicketParams, Rule } from "./rule-file.ts";
import { runRules } from "./run-rules.ts";

/** What the self-check rules see; an enterprise or campaign given with more fields is read for these only. */
export type SelfCheckFacts = {
  answers: Answers;
  enterprise: { id: string; industry: string; supervisionClass: string | null; areaId: string };
  checklist: Checklist;
  campaign: { id: string; templateId: string } | null;
};

/**
 * One hazard the rules found: many rule hits on the same hazard make one finding, which keeps
 * the photo and description questions of every hit.
 */
export type HazardFinding = Omit<OpenTicketParams, "evidenceQuestion" | "descriptionQuestion"> & {
  ruleIds: string[];
  evidenceQuestions: string[];
  descriptionQuestions: string[];
};

export type SelfCheckVerdict = { hazards: HazardFinding[]; notifications: NotifyRoleParams[] };

const gradeRank = { general: 0, major: 1 } as const;

/** What `mergeFinding` needs of a finding. */
type Mergeable = {
  grade: "general" | "major";
  deadlineDays: number;
  deadlineHours?: number | undefined;
  immediate?: boolean | undefined;
  ruleIds: string[];
};

/**
 * Merges findings of the same hazard, `seen` being the earlier in file order. The graver grade
 * wins with its own details: a major finding keeps a major rule's deadline, never the shorter
 * one of a general rule that fired beside it. Between findings of the same grade the earlier
 * one's details stay, with the shorter deadline of the two and immediate if either is.
 */
export function mergeFinding<T extends Mergeable>(seen: T | undefined, hit: T): T {
  if (!seen) return hit;
  const ruleIds = [...seen.ruleIds, ...hit.ruleIds];
  if (gradeRank[hit.grade] > gradeRank[seen.grade]) return { ...hit, ruleIds };
  if (gradeRank[hit.grade] < gradeRank[seen.grade]) return { ...seen, ruleIds };
  const sooner = longestHours(hit) < longestHours(seen) ? hit : seen;
  const { deadlineHours: _hours, immediate: _immediate, ...details } = seen;
  return {
    ...details,
    deadlineDays: sooner.deadlineDays,
    ...(sooner.deadlineHours !== undefined ? { deadlineHours: sooner.deadlineHours } : {}),
    ...(seen.immediate || hit.immediate ? { immediate: true } : {}),
    ruleIds,
  } as T;
}

const union = (a: readonly string[], b: readonly string[]) => [...new Set([...a, ...b])];

/** A rule's ticket as a finding of its own. */
function findingOf(ruleId: string, p: OpenTicketParams): HazardFinding {
  const { evidenceQuestion, descriptionQuestion, ...rest } = p;
  return {
    ...rest,
    ruleIds: [ruleId],
    evidenceQuestions: evidenceQuestion ? [evidenceQuestion] : [],
    descriptionQuestions: descriptionQuestion ? [descriptionQuestion] : [],
  };
}

/** The facts as the engine sees them: answers as plain values, and only the named fields of the rest. */
export function engineFacts(facts: SelfCheckFacts): Record<string, unknown> {
  const { id, industry, supervisionClass, areaId } = facts.enterprise;
  return {
    answers: Object.fromEntries(Object.entries(facts.answers).map(([q, a]) => [q, factValue(a)])),
    enterprise: { id, industry, supervisionClass, areaId },
    checklist: {
      id: facts.checklist.id,
      version: facts.checklist.version,
      industries: facts.checklist.industries,
    },
    campaign: facts.campaign ? { id: facts.campaign.id, templateId: facts.campaign.templateId } : {},
  };
}

/** Runs the self-check rules over one submission; hits on one hazard merge in file order. */
export async function evaluateSelfCheck(
  rules: readonly Rule[],
  facts: SelfCheckFacts,
): Promise<SelfCheckVerdict> {
  const applicable = rules.filter((r) => !r.checklist || r.checklist === facts.checklist.id);
  const hits = await runRules(applicable, engineFacts(facts));
  const fileOrder = new Map(applicable.map((r, i) => [r.id, i]));
  hits.sort((a, b) => (fileOrder.get(a.ruleId) ?? 0) - (fileOrder.get(b.ruleId) ?? 0));
  const hazards = new Map<string, HazardFinding>();
  const notifications: NotifyRoleParams[] = [];
  for (const { ruleId, event } of hits) {
    if (event.type === "notify_role") notifications.push(event.params);
    if (event.type !== "open_ticket") continue;
    const seen = hazards.get(event.params.hazard);
    const hit = findingOf(ruleId, event.params);
    const merged = mergeFinding(seen, hit);
    hazards.set(event.params.hazard, {
      ...merged,
      evidenceQuestions: union(seen?.evidenceQuestions ?? [], hit.evidenceQuestions),
      descriptionQuestions: union(seen?.descriptionQuestions ?? [], hit.descriptionQuestions),
    });
  }
  return { hazards: [...hazards.values()], notifications };
}
