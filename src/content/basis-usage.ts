import {
  type BasisRef,
  clauseName,
  type InstrumentKind,
  type InstrumentStatus,
  instrumentName,
  instrumentStatus,
} from "../domain/basis/instrument.ts";
import type { LocalDate } from "../domain/calendar/local-date.ts";
import type { Content } from "./load-content.ts";

/** Content that cites an instrument: a rule, a checklist question's hazard hint, or the ticket policy. */
export type Citer =
  | { kind: "rule"; scope: "self_check" | "grid_report"; id: string; clauses: string[] }
  | { kind: "question"; checklist: string; id: string; clauses: string[] }
  | { kind: "policy"; id: "gridReportFallback"; clauses: string[] };

/** One instrument of the catalogue with its status on a day and everything that cites it. */
export type InstrumentUsage = {
  id: string;
  kind: InstrumentKind;
  citation: string;
  title: string;
  number: string | null;
  issuer: string;
  effective: LocalDate | null;
  supersededBy: { id: string; on: LocalDate | null } | null;
  status: InstrumentStatus;
  note: string | null;
  clauses: { id: string; citation: string; summary: string }[];
  citedBy: Citer[];
};

/**
 * The catalogue as `xunjian basis` shows it: each instrument, whether it may be cited on `at`,
 * and which rules and checklist questions cite it (so an office sees what a new standard affects).
 */
export function basisUsage(content: Content, at: LocalDate): InstrumentUsage[] {
  const { catalogue } = content;
  const citers: { refs: BasisRef[]; citer: (clauses: string[]) => Citer }[] = [];
  for (const [scope, rules] of [
    ["self_check", content.rules],
    ["grid_report", content.reportRules],
  ] as const)
    for (const rule of rules) {
      const { event } = rule;
      if (event.type === "open_ticket" || event.type === "classify_report")
        citers.push({
          refs: event.params.basisRefs,
          citer: (clauses) => ({ kind: "rule", scope, id: rule.id, clauses }),
        });
    }
  for (const checklist of content.checklists)
    for (const q of checklist.questions)
      for (const question of [q, ...(q.followUps ?? []).flatMap((f) => f.questions)])
        if (question.hazard?.basisRefs)
          citers.push({
            refs: question.hazard.basisRefs,
            citer: (clauses) => ({ kind: "question", checklist: checklist.id, id: question.id, clauses }),
          });
  citers.push({
    refs: content.policy.gridReportFallback.basisRefs,
    citer: (clauses) => ({ kind: "policy", id: "gridReportFallback", clauses }),
  });

  return catalogue.instruments.map((instrument) => ({
    id: instrument.id,
    kind: instrument.kind,
    citation: instrumentName(catalogue.citation, instrument),
    title: instrument.title,
    number: instrument.number ?? null,
    issuer: instrument.issuer,
    effective: instrument.effective ?? null,
    supersededBy: instrument.supersededBy
      ? { id: instrument.supersededBy.id, on: instrument.supersededBy.on ?? null }
      : null,
    status: instrumentStatus(catalogue, instrument, at),
    note: instrument.note ?? null,
    clauses: instrument.clauses.map((c) => ({
      id: c.id,
      citation: clauseName(catalogue.citation, instrument, c.id),
      summary: c.summary,
    })),
    citedBy: citers.flatMap(({ refs, citer }) => {
      const mine = refs.filter((r) => r.ref === instrument.id);
      return mine.length === 0
        ? []
        : [citer(mine.flatMap((r) => (r.clause === undefined ? [] : [r.clause])))];
    }),
  }));
}
