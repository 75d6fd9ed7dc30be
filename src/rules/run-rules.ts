import type { Engine as EngineType } from "json-rules-engine";
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

let engineClass: Promise<typeof EngineType> | undefined;

/**
 * The engine is loaded when the first submission is judged, not when the product starts: an idle
 * `xunjian start` does not hold it in memory (issue 15).
 */
function loadEngine(): Promise<typeof EngineType> {
  engineClass ??= import("json-rules-engine").then((m) => m.Engine);
  return engineClass;
}

/**
 * Looks a condition's `path` up in its fact. Rule files may only use plain paths such as
 * `$.question_id` or `$.a.b` (checked at load, rule-file.ts), for which this gives what JSONPath
 * gives; the engine's default JSONPath evaluator took most of an evaluation's time (issue 15).
 */
export function plainPath(value: unknown, path: string): unknown {
  let v = value;
  for (const key of path.slice(2).split(".")) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}

/**
 * Runs rules over one set of facts and returns the events of the rules that hold: highest
 * priority first, and in the order the rules were given (file order) within a priority, never in
 * the order the engine happened to finish them. A fresh engine per run: rules are shared, facts never are.
 */
export async function runRules(rules: readonly Rule[], facts: Record<string, unknown>): Promise<RuleHit[]> {
  const Engine = await loadEngine();
  const engine = new Engine([], { allowUndefinedFacts: true, pathResolver: plainPath });
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
