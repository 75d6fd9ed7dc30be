import fs from "node:fs";
import path from "node:path";
import type { Catalogue } from "../domain/basis/instrument.ts";
import { type LocalDate, toShanghaiDate } from "../domain/calendar/local-date.ts";
import {
  type Checklist,
  type ChecklistOccasion,
  ChecklistSchema,
  questionIndex,
} from "../domain/checklist/checklist.ts";
import { systemClock } from "../domain/clock.ts";
import { Texts, TextsFileSchema } from "../domain/texts.ts";
import { type TicketPolicy, TicketPolicySchema } from "../domain/ticket/ticket-policy.ts";
import {
  EventsByScope,
  FactsByScope,
  leafConditions,
  type Rule,
  RuleFileSchema,
  RuleSchema,
  type RuleScope,
} from "../rules/rule-file.ts";
import { type Citing, citeChecklist, citePolicy, citeRule } from "./cite-basis.ts";
import { type ContentProblem, formatPath, zodProblems } from "./content-problem.ts";
import {
  checkHazardConsistency,
  fallbackSource,
  type HazardSource,
  hazardSources,
} from "./hazard-consistency.ts";
import { loadBasisCatalogue } from "./load-basis-catalogue.ts";
import { readStructured } from "./read-structured.ts";

/** Everything the bot reads from `prompts/` and `rules/`, validated. */
export type Content = {
  texts: Texts;
  checklists: Checklist[];
  /** Rules by scope: what each judges. */
  rules: Rule[];
  reportRules: Rule[];
  sweepRules: Rule[];
  policy: TicketPolicy;
  /** The legal instruments rules and checklists cite, from prompts/basis/instruments.yaml. */
  catalogue: Catalogue;
};

export { loadTexts } from "./load-texts.ts";

export type LoadResult = { ok: true; content: Content } | { ok: false; problems: ContentProblem[] };

function listFiles(dir: string, exts: string[]): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => exts.some((e) => f.endsWith(e)))
    .sort()
    .map((f) => path.join(dir, f));
}

/** Rules must name facts of their scope and questions that exist. */
function crossCheckRules(
  file: string,
  scope: keyof typeof FactsByScope,
  rules: [number, Rule][],
  checklists: Checklist[],
): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const byId = new Map(checklists.map((c) => [c.id, questionIndex(c)]));
  const allQuestions = new Set(checklists.flatMap((c) => [...questionIndex(c).keys()]));
  for (const [i, rule] of rules) {
    if (!EventsByScope[scope].includes(rule.event.type))
      problems.push({
        file,
        path: formatPath(["rules", i, "event", "type"]),
        message: `event ${rule.event.type} is not allowed in scope ${scope} (allowed: ${EventsByScope[scope].join(", ")})`,
      });
    const at = (p: (string | number)[]) => formatPath(["rules", i, ...p]);
    const questions = rule.checklist ? byId.get(rule.checklist) : undefined;
    if (rule.checklist && !questions)
      problems.push({ file, path: at(["checklist"]), message: `unknown checklist "${rule.checklist}"` });
    const known = (q: string) => (questions ? questions.has(q) : allQuestions.has(q));
    for (const { leaf, path: p } of leafConditions(rule.conditions, ["conditions"])) {
      if (!FactsByScope[scope].includes(leaf.fact))
        problems.push({
          file,
          path: at([...p, "fact"]),
          message: `unknown fact "${leaf.fact}" for scope ${scope}`,
        });
      const q = leaf.fact === "answers" ? leaf.path?.slice(2).split(".")[0] : undefined;
      if (q !== undefined && !known(q))
        problems.push({
          file,
          path: at([...p, "path"]),
          message: `no question "${q}" in ${rule.checklist ?? "any checklist"}`,
        });
    }
    if (rule.event.type === "open_ticket") {
      for (const key of ["evidenceQuestion", "descriptionQuestion"] as const) {
        const q = rule.event.params[key];
        if (q !== undefined && !known(q))
          problems.push({ file, path: at(["event", "params", key]), message: `no question "${q}"` });
      }
    }
  }
  return problems;
}

/**
 * Loads and validates all content; any problem anywhere means the product must not start.
 * Every `basis` is rendered from the catalogue here, and must cite instruments in force on
 * `options.at` (an Asia/Shanghai day, today by default); `checkDates: false` checks only that the
 * references exist, for listing what cites an instrument that is no longer in force.
 */
export function loadContent(
  promptsDir: string,
  rulesDir: string,
  options: { at?: LocalDate; checkDates?: boolean } = {},
): LoadResult {
  const root = path.dirname(promptsDir);
  const problems: ContentProblem[] = [];

  const catalogue = loadBasisCatalogue(promptsDir);
  if (!catalogue.ok) problems.push(...catalogue.problems);
  const at = options.checkDates === false ? undefined : (options.at ?? toShanghaiDate(systemClock.now()));
  const citing: Citing = catalogue.ok ? { catalogue: catalogue.catalogue, at } : undefined;

  const texts = readStructured(path.join(promptsDir, "messages.yaml"), TextsFileSchema, root);
  if ("problems" in texts) problems.push(...texts.problems);
  const policySource = readStructured(path.join(promptsDir, "ticket-policy.yaml"), TicketPolicySchema, root);
  if ("problems" in policySource) problems.push(...policySource.problems);
  const policy =
    "problems" in policySource ? undefined : citePolicy(citing, policySource.file, policySource.data);
  if (policy) problems.push(...policy.problems);

  const checklists: Checklist[] = [];
  const files = listFiles(path.join(promptsDir, "checklists"), [".yaml", ".yml", ".json"]);
  if (files.length === 0)
    problems.push({
      file: path.relative(root, path.join(promptsDir, "checklists")),
      path: "(dir)",
      message: "no checklist files",
    });
  for (const file of files) {
    const source = readStructured(file, ChecklistSchema, root);
    if ("problems" in source) {
      problems.push(...source.problems);
      continue;
    }
    const cited = citeChecklist(citing, source.file, source.data);
    problems.push(...cited.problems);
    const c = { file: source.file, data: cited.value };
    const dup = checklists.find((x) => x.id === c.data.id);
    if (dup)
      problems.push({ file: c.file, path: "id", message: `checklist id "${c.data.id}" is used twice` });
    for (const industry of c.data.industries) {
      if (checklists.some((x) => x.occasion === c.data.occasion && x.industries.includes(industry)))
        problems.push({
          file: c.file,
          path: "industries",
          message: `industry ${industry} already has a checklist for ${c.data.occasion}`,
        });
    }
    checklists.push(c.data);
  }

  const byScope: Record<RuleScope, Rule[]> = { self_check: [], grid_report: [], ticket_sweep: [] };
  const hazards: HazardSource[] = [];
  for (const file of listFiles(rulesDir, [".json"])) {
    const r = readStructured(file, RuleFileSchema, root);
    if ("problems" in r) {
      problems.push(...r.problems);
      continue;
    }
    const valid: [number, Rule][] = [];
    for (const [i, raw] of r.data.rules.entries()) {
      const source = RuleSchema.safeParse(raw);
      if (!source.success) {
        problems.push(...zodProblems(r.file, source.error, ["rules", i]));
        continue;
      }
      const cited = citeRule(citing, r.file, i, source.data);
      problems.push(...cited.problems);
      const parsed = { data: cited.value };
      if (Object.values(byScope).some((list) => list.some((x) => x.id === parsed.data.id)))
        problems.push({
          file: r.file,
          path: formatPath(["rules", i, "id"]),
          message: `rule id "${parsed.data.id}" is used twice`,
        });
      valid.push([i, parsed.data]);
      byScope[r.data.scope].push(parsed.data);
    }
    problems.push(...crossCheckRules(r.file, r.data.scope, valid, checklists));
    hazards.push(...hazardSources(r.file, r.data.scope, valid));
  }
  if (!("problems" in policySource)) hazards.push(fallbackSource(policySource.file, policySource.data));
  problems.push(
    ...checkHazardConsistency(
      hazards,
      "problems" in policySource
        ? undefined
        : { file: policySource.file, hazards: policySource.data.immediate.hazards },
    ),
  );

  if (problems.length > 0 || "problems" in texts || !policy || !catalogue.ok) return { ok: false, problems };
  return {
    ok: true,
    content: {
      texts: new Texts(texts.data),
      checklists,
      rules: byScope.self_check,
      reportRules: byScope.grid_report,
      sweepRules: byScope.ticket_sweep,
      policy: policy.value,
      catalogue: catalogue.catalogue,
    },
  };
}

/** The checklist an enterprise of this industry answers on an occasion (the holiday one by default). */
export function checklistFor(
  content: Content,
  industry: string,
  occasion: ChecklistOccasion = "holiday",
): Checklist | undefined {
  return content.checklists.find(
    (c) => c.occasion === occasion && (c.industries as readonly string[]).includes(industry),
  );
}
