import { Engine } from "json-rules-engine";
import { mentions } from "./mentions.ts";
import type { Rule, RuleEvent } from "./rule-file.ts";

export type RuleHit = { ruleId: string; event: RuleEvent };

/**
 * `mentionsAny`: the text fact mentions one of the listed keywords as present (for free-text
 * reports); 「未见堵塞」 does not mention 堵塞 (see `mentions`).
 */
function mentionsAny(fact: unknown, keywords: unknown): boolean {
  return (
    typeof fact === "string" &&
    Array.isArray(keywords) &&
    keywords.some((k) => typeof k === "string" && mentions(fact, k))
  );
}

/**
 * Runs rules over one set of facts and returns the events of the rules that hold: highest
 * priority first, and in the order the rules were given (file order) within a priority, never in
 * the order the engine happened to finish them. A fresh engine per run: rules are shared, facts never are.
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
  const held = new Set(results.map((r) => String(r.name)));
  const order = rules.map((rule, index) => ({ rule, index })).filter(({ rule }) => held.has(rule.id));
  order.sort((a, b) => (b.rule.priority ?? 1) - (a.rule.priority ?? 1) || a.index - b.index);
  return order.map(({ rule }) => ({ ruleId: rule.id, event: rule.event }));
}
