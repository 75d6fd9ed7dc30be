/**
 * Rule evaluation of one 40-answer self-check submission through `evaluateSelfCheck` (the product's
 * json-rules-engine path), against hand-written JavaScript evaluating the same rule conditions over
 * the same facts in the same run: median and p99 of single evaluations. Both must find the same
 * rules holding, or the benchmark stops.
 *
 * Run alone: `node --import tsx bench/rules-bench.ts [--quick]`.
 */
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { loadContent } from "../src/content/load-content.ts";
import type { Answers } from "../src/domain/checklist/answer.ts";
import { type Checklist, type LeafQuestion, questionIndex } from "../src/domain/checklist/checklist.ts";
import { engineFacts, evaluateSelfCheck, type SelfCheckFacts } from "../src/rules/evaluate-self-check.ts";
import { mentions } from "../src/rules/mentions.ts";
import type { Rule } from "../src/rules/rule-file.ts";
import { runRules } from "../src/rules/run-rules.ts";

const ROOT = path.resolve(import.meta.dirname, "..");
const ANSWERS = 40;

/** A deterministic answer to a question: every third one the worst option, so some rules hold. */
function answerTo(q: LeafQuestion, i: number): Answers[string] {
  const options = q.options ?? [];
  switch (q.kind) {
    case "yes_no":
      return { kind: "choice", id: i % 3 === 0 ? "no" : "yes" };
    case "single":
      return { kind: "choice", id: options[i % options.length]?.id ?? "" };
    case "multi":
      return { kind: "choices", ids: options.filter((_, k) => (k + i) % 2 === 0).map((o) => o.id) };
    case "number":
      return { kind: "number", value: (q.min ?? 0) + (i % 5) };
    case "text":
      return { kind: "text", value: i % 2 ? "安全出口堵塞，灭火器过期" : "未见异常" };
    case "photo":
      return { kind: "photos", attachmentIds: i % 2 ? ["a1"] : [] };
  }
}

/** The checklist with the most questions, and 40 of its questions answered. */
function submission(checklists: readonly Checklist[]): SelfCheckFacts {
  const checklist = [...checklists].sort((a, b) => questionIndex(b).size - questionIndex(a).size)[0];
  if (!checklist) throw new Error("no checklist");
  const questions = [...questionIndex(checklist).values()].slice(0, ANSWERS);
  const answers: Answers = Object.fromEntries(questions.map((q, i) => [q.id, answerTo(q, i)]));
  return {
    answers,
    enterprise: {
      id: "e1",
      industry: checklist.industries[0] ?? "small_venues",
      supervisionClass: "B",
      areaId: "s1",
    },
    checklist,
    campaign: null,
  };
}

type Condition = {
  all?: Condition[];
  any?: Condition[];
  not?: Condition;
  fact?: string;
  path?: string;
  operator?: string;
  value?: unknown;
};

/** The baseline: the rule conditions evaluated by a plain recursive function, no engine. */
function holds(c: Condition, facts: Record<string, unknown>): boolean {
  if (c.all) return c.all.every((x) => holds(x, facts));
  if (c.any) return c.any.some((x) => holds(x, facts));
  if (c.not) return !holds(c.not, facts);
  let v = facts[c.fact ?? ""];
  for (const key of (c.path ?? "")
    .replace(/^\$\.?/, "")
    .split(".")
    .filter(Boolean))
    v = v === null || v === undefined ? undefined : (v as Record<string, unknown>)[key];
  const want = c.value;
  switch (c.operator) {
    case "equal":
      return v === want;
    case "notEqual":
      return v !== want;
    case "in":
      return Array.isArray(want) && want.includes(v);
    case "notIn":
      return Array.isArray(want) && !want.includes(v);
    case "contains":
      return Array.isArray(v) && v.includes(want);
    case "doesNotContain":
      return Array.isArray(v) && !v.includes(want);
    case "lessThan":
      return typeof v === "number" && v < (want as number);
    case "lessThanInclusive":
      return typeof v === "number" && v <= (want as number);
    case "greaterThan":
      return typeof v === "number" && v > (want as number);
    case "greaterThanInclusive":
      return typeof v === "number" && v >= (want as number);
    case "mentionsAny":
      return (
        typeof v === "string" &&
        Array.isArray(want) &&
        want.some((k) => typeof k === "string" && mentions(v, k))
      );
    default:
      throw new Error(`operator ${c.operator} not in the baseline`);
  }
}

function handWritten(rules: readonly Rule[], facts: SelfCheckFacts): string[] {
  const plain = engineFacts(facts);
  return rules
    .filter((r) => !r.checklist || r.checklist === facts.checklist.id)
    .filter((r) => holds(r.conditions as Condition, plain))
    .map((r) => r.id);
}

/** How `runRules` evaluated before issue 15's change: the engine's default JSONPath path lookup. */
async function engineAsBefore(rules: readonly Rule[], facts: SelfCheckFacts): Promise<number> {
  const { Engine } = await import("json-rules-engine");
  const engine = new Engine([], { allowUndefinedFacts: true });
  engine.addOperator(
    "mentionsAny",
    (fact: unknown, keywords: unknown) =>
      typeof fact === "string" && Array.isArray(keywords) && keywords.some((k) => mentions(fact, String(k))),
  );
  for (const rule of rules.filter((r) => !r.checklist || r.checklist === facts.checklist.id))
    engine.addRule({
      name: rule.id,
      priority: rule.priority ?? 1,
      conditions: rule.conditions as never,
      event: rule.event,
    });
  return (await engine.run(engineFacts(facts))).results.length;
}

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? Number.NaN;
};

/** Runs the rule benchmark and returns its rows as text. */
export async function benchRules(options: { quick?: boolean } = {}): Promise<string> {
  const runs = options.quick ? 300 : 3_000;
  const loaded = loadContent(path.join(ROOT, "prompts"), path.join(ROOT, "rules"));
  if (!loaded.ok) throw new Error("content invalid");
  const { rules, checklists } = loaded.content;
  const facts = submission(checklists);

  // The same rules must hold both ways.
  const applicableRules = rules.filter((r) => !r.checklist || r.checklist === facts.checklist.id);
  const engineIds = (await runRules(applicableRules, engineFacts(facts))).map((h) => h.ruleId).sort();
  const baseIds = handWritten(rules, facts).sort();
  if (engineIds.join() !== baseIds.join())
    throw new Error(`engine (${engineIds.join()}) and baseline (${baseIds.join()}) disagree`);

  const before = await engineAsBefore(rules, facts);
  if (before !== baseIds.length) throw new Error(`the engine as before found ${before} rules holding`);
  const engine: number[] = [];
  const asBefore: number[] = [];
  const base: number[] = [];
  // Interleaved, so both see the same machine load; the first 10% warm up and are dropped.
  const warm = Math.floor(runs / 10);
  for (let i = 0; i < runs + warm; i++) {
    let t = performance.now();
    await evaluateSelfCheck(rules, facts);
    const e = performance.now() - t;
    t = performance.now();
    await engineAsBefore(rules, facts);
    const old = performance.now() - t;
    t = performance.now();
    handWritten(rules, facts);
    const b = performance.now() - t;
    if (i >= warm) {
      engine.push(e);
      asBefore.push(old);
      base.push(b);
    }
  }
  const us = (ms: number) => `${(ms * 1000).toFixed(0)} µs`;
  const applicable = applicableRules.length;
  const lines = [
    `\nRule evaluation: one ${Object.keys(facts.answers).length}-answer submission (${facts.checklist.id}, ${applicable} rules, ${baseIds.length} hold), ${runs} runs, ${os.cpus().length} cores\n`,
    `evaluateSelfCheck (json-rules-engine)   median ${us(quantile(engine, 0.5)).padStart(8)}  p99 ${us(quantile(engine, 0.99)).padStart(8)}  ${(quantile(engine, 0.5) / quantile(base, 0.5)).toFixed(1)}× baseline (median)`,
    `before: engine with JSONPath paths      median ${us(quantile(asBefore, 0.5)).padStart(8)}  p99 ${us(quantile(asBefore, 0.99)).padStart(8)}  ${(quantile(asBefore, 0.5) / quantile(base, 0.5)).toFixed(1)}× baseline (median)`,
    `baseline: hand-written JS, same rules   median ${us(quantile(base, 0.5)).padStart(8)}  p99 ${us(quantile(base, 0.99)).padStart(8)}`,
  ];
  return `${lines.join("\n")}\n`;
}

if (import.meta.url === `file://${process.argv[1]}`)
  process.stdout.write(await benchRules({ quick: process.argv.includes("--quick") }));
