import type { BasisRef } from "../domain/basis/instrument.ts";
import type { TicketPolicySource } from "../domain/ticket/ticket-policy.ts";
import type { Rule, RuleScope } from "../rules/rule-file.ts";
import { type ContentProblem, formatPath } from "./content-problem.ts";

/** One place that registers a hazard: a self-check rule, a grid-report rule or the policy's fallback. */
export type HazardSource = {
  file: string;
  /** Path of the parameters inside the file, e.g. rules[3].event.params. */
  at: (string | number)[];
  /** The rule id, or "gridReportFallback". */
  name: string;
  source: "self_check" | "grid_report" | "fallback";
  hazard: string;
  grade: string;
  immediate: boolean;
  basis: readonly BasisRef[];
  deadlineDays: number;
  deadlineHours: number | undefined;
};

/** The hazards a rule file registers, in file order. */
export function hazardSources(file: string, scope: RuleScope, rules: [number, Rule][]): HazardSource[] {
  return rules.flatMap(([i, rule]) => {
    const e = rule.event;
    if (e.type !== "open_ticket" && e.type !== "classify_report") return [];
    return [
      {
        file,
        at: ["rules", i, "event", "params"],
        name: rule.id,
        source: scope === "grid_report" ? "grid_report" : "self_check",
        hazard: e.params.hazard,
        grade: e.params.grade,
        immediate: e.params.immediate === true,
        basis: e.params.basisRefs,
        deadlineDays: e.params.deadlineDays,
        deadlineHours: e.params.deadlineHours,
      },
    ];
  });
}

/** The policy's fallback for grid reports no rule classifies, as a hazard source. */
export function fallbackSource(file: string, policy: TicketPolicySource): HazardSource {
  const f = policy.gridReportFallback;
  return {
    file,
    at: ["gridReportFallback"],
    name: "gridReportFallback",
    source: "fallback",
    hazard: f.hazard,
    grade: f.grade,
    immediate: false,
    basis: f.basis,
    deadlineDays: f.deadlineDays,
    deadlineHours: undefined,
  };
}

const where = (s: HazardSource) => `${s.file} ${formatPath(s.at)} (${s.name})`;
const deadlineOf = (s: HazardSource) =>
  s.deadlineHours !== undefined ? `${s.deadlineHours} hours` : `${s.deadlineDays} days`;
const basisOf = (s: HazardSource) =>
  s.basis.map((b) => (b.clause ? `${b.ref} ${b.clause}` : b.ref)).join(" + ");

/**
 * One hazard, one grade, basis and deadline, whichever way it is found:
 * - every source of a hazard key gives it the same grade, and all or none call it immediate;
 * - a grid report or the fallback registering a hazard that self-checks register too gives it the
 *   basis and deadline of one of those self-check rules;
 * - a hazard the policy lists as 立即整改 is immediate in every rule, and only those are.
 */
export function checkHazardConsistency(
  sources: readonly HazardSource[],
  immediate: { file: string; hazards: readonly string[] } | undefined,
): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const byKey = new Map<string, HazardSource[]>();
  for (const s of sources) byKey.set(s.hazard, [...(byKey.get(s.hazard) ?? []), s]);
  for (const [hazard, list] of byKey) {
    const first = list[0];
    if (!first) continue;
    for (const s of list.slice(1)) {
      if (s.grade !== first.grade)
        problems.push({
          file: s.file,
          path: formatPath([...s.at, "grade"]),
          message: `hazard "${hazard}" is graded ${s.grade} here but ${first.grade} by ${where(first)}: one hazard has one grade`,
        });
      if (s.immediate !== first.immediate)
        problems.push({
          file: s.file,
          path: formatPath([...s.at, "immediate"]),
          message: `hazard "${hazard}" is ${s.immediate ? "" : "not "}immediate here but ${first.immediate ? "" : "not "}immediate in ${where(first)}`,
        });
    }
    const selfChecks = list.filter((s) => s.source === "self_check");
    if (selfChecks.length === 0) continue;
    for (const s of list) {
      if (s.source === "self_check") continue;
      const same = selfChecks.some(
        (c) =>
          basisOf(c) === basisOf(s) &&
          c.deadlineDays === s.deadlineDays &&
          c.deadlineHours === s.deadlineHours,
      );
      if (!same)
        problems.push({
          file: s.file,
          path: formatPath(s.at),
          message:
            `hazard "${hazard}" is registered here with basis ${basisOf(s)} and ${deadlineOf(s)}, ` +
            `but self-checks register it with ${selfChecks.map((c) => `${basisOf(c)} and ${deadlineOf(c)} (${where(c)})`).join("; ")}: ` +
            "one hazard has one basis and deadline whichever way it is found",
        });
    }
  }
  if (immediate) {
    const listed = new Set(immediate.hazards);
    for (const s of sources) {
      if (listed.has(s.hazard) && !s.immediate)
        problems.push({
          file: s.file,
          path: formatPath([...s.at, "immediate"]),
          message: `hazard "${s.hazard}" is listed as 立即整改 in ${immediate.file} (immediate.hazards): the rule must say "immediate": true with a deadline of at most 3 days`,
        });
      if (!listed.has(s.hazard) && s.immediate)
        problems.push({
          file: s.file,
          path: formatPath([...s.at, "immediate"]),
          message: `hazard "${s.hazard}" is immediate here but not listed in ${immediate.file} (immediate.hazards): add it there`,
        });
    }
  }
  return problems;
}
