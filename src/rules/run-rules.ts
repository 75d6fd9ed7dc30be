import { Engine } from "json-rules-engine";
import type { Rule, RuleEvent } from "./rule-file.ts";

export type RuleHit = { ruleId: string; event: RuleEvent };

/** `mentionsAny`: the text fact contains one of the listed keywords (for free-text reports). */
function mentionsAny(fact: unknown, keywords: unknown): boolean {
  return (
    typeof fact === "string" &&
    Array.isArray(keywords) &&
    keywords.some((k) => typeof k === "string" && fact.includes(k))
  );
}

/**
 * Runs rules over one set of facts and returns the events of the rules that hold, in priority
 * order. A fresh engine per run: rules are shared, facts never are.
 */
export async function runRules(rules: readonly Rule[], facts: Record<string, unknown>): Promise<RuleHit[]> {
  const engine = new Engine([], { allowUndefinedFacts: true });
  engine.addOperator("mentionsAny", mentionsAny);
  for (const rule of rules) {
    engine.addRule({
      name: rule.id,
      priority: rule.priority ?? 1,
      conditions: rule.conditions as never,
      event: rule.event,
    });
  }
  const { results } = await engine.run(facts);
  const byId = new Map(rules.map((r) => [r.id, r]));
  return results.flatMap((r) => {
    const rule = byId.get(String(r.name));
    return rule ? [{ ruleId: rule.id, event: rule.event }] : [];
  });
}
