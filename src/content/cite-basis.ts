import { type BasisRef, type Catalogue, checkCitation, renderCitation } from "../domain/basis/instrument.ts";
import type { LocalDate } from "../domain/calendar/local-date.ts";
import type { Checklist, ChecklistSource, HazardHint } from "../domain/checklist/checklist.ts";
import type { TicketPolicy, TicketPolicySource } from "../domain/ticket/ticket-policy.ts";
import type { Rule, RuleSource } from "../rules/rule-file.ts";
import { type ContentProblem, formatPath } from "./content-problem.ts";

/**
 * The catalogue content cites into, and the day citations must hold on (today, or the day of a
 * campaign being prepared; undefined to check references only). Undefined as a whole when the
 * catalogue itself is broken: its problems are reported already, and the content is refused anyway.
 */
export type Citing = { catalogue: Catalogue; at: LocalDate | undefined } | undefined;

type Cited<T> = { value: T; problems: ContentProblem[] };

/** Renders one `basis` and reports each bad reference at `path.basis[i].ref|clause` inside `file`. */
function cite(citing: Citing, refs: BasisRef[], file: string, path: (string | number)[]) {
  if (!citing) return { text: "", problems: [] };
  const problems = checkCitation(citing.catalogue, refs, citing.at).map((p) => ({
    file,
    path: formatPath([...path, "basis", p.index, p.field]),
    message: p.message,
  }));
  return { text: renderCitation(citing.catalogue, refs), problems };
}

/** A rule with the basis of its ticket or report classification rendered. */
export function citeRule(citing: Citing, file: string, index: number, rule: RuleSource): Cited<Rule> {
  const { event } = rule;
  const at = ["rules", index, "event", "params"];
  if (event.type === "open_ticket") {
    const { text, problems } = cite(citing, event.params.basis, file, at);
    const params = { ...event.params, basis: text, basisRefs: event.params.basis };
    return { value: { ...rule, event: { ...event, params } }, problems };
  }
  if (event.type === "classify_report") {
    const { text, problems } = cite(citing, event.params.basis, file, at);
    const params = { ...event.params, basis: text, basisRefs: event.params.basis };
    return { value: { ...rule, event: { ...event, params } }, problems };
  }
  return { value: { ...rule, event }, problems: [] };
}

type HintSource = NonNullable<ChecklistSource["questions"][number]["hazard"]>;

/** A checklist with the basis of every hazard hint rendered, follow-up questions included. */
export function citeChecklist(citing: Citing, file: string, checklist: ChecklistSource): Cited<Checklist> {
  const problems: ContentProblem[] = [];
  const hint = (h: HintSource, path: (string | number)[]): HazardHint => {
    if (!h.basis) return { category: h.category, grade: h.grade };
    const cited = cite(citing, h.basis, file, [...path, "hazard"]);
    problems.push(...cited.problems);
    return { ...h, basis: cited.text, basisRefs: h.basis };
  };
  // Keys absent in the file stay absent, so a loaded checklist looks like the one written.
  const question = <Q extends { hazard?: HintSource }>(q: Q, path: (string | number)[]) =>
    q.hazard ? { ...q, hazard: hint(q.hazard, path) } : (q as Omit<Q, "hazard">);
  const questions = checklist.questions.map((q, i) => {
    const cited = question(q, ["questions", i]);
    if (!q.followUps) return cited as Omit<typeof cited, "followUps">;
    const followUps = q.followUps.map((f, j) => ({
      ...f,
      questions: f.questions.map((fq, k) => question(fq, ["questions", i, "followUps", j, "questions", k])),
    }));
    return { ...cited, followUps };
  });
  return { value: { ...checklist, questions }, problems };
}

/** The ticket policy with the basis of the grid-report fallback rendered. */
export function citePolicy(citing: Citing, file: string, policy: TicketPolicySource): Cited<TicketPolicy> {
  const fallback = policy.gridReportFallback;
  const { text, problems } = cite(citing, fallback.basis, file, ["gridReportFallback"]);
  return {
    value: { ...policy, gridReportFallback: { ...fallback, basis: text, basisRefs: fallback.basis } },
    problems,
  };
}
