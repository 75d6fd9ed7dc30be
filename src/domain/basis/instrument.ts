import { z } from "zod";
import { isLocalDate, type LocalDate } from "../calendar/local-date.ts";

/**
 * What kind of legal instrument a basis is: a law of the NPC, an administrative regulation of the
 * State Council, a ministry order (部门规章), a normative document with a 文号 (规范性文件), or a
 * national or industry standard. The kind decides how a citation is written.
 */
export const InstrumentKinds = [
  "law",
  "administrative_regulation",
  "ministry_order",
  "normative_document",
  "national_standard",
  "industry_standard",
] as const;
export type InstrumentKind = (typeof InstrumentKinds)[number];

const Day = z.string().refine(isLocalDate, "must be a date written YYYY-MM-DD");
const InstrumentId = z.string().regex(/^[a-z][a-z0-9-]*$/, "must be kebab-case, e.g. gb35181-2025");

/** One article or clause of an instrument that content may cite, with a short summary in Chinese. */
const ClauseSchema = z
  .object({
    id: z.string().min(1),
    label: z.string().min(1).optional(),
    summary: z.string().min(1),
  })
  .strict();
export type Clause = z.infer<typeof ClauseSchema>;

/** A law, regulation, order or standard, with the dates that say when it may be cited. */
export const InstrumentSchema = z
  .object({
    id: InstrumentId,
    kind: z.enum(InstrumentKinds),
    title: z.string().min(1),
    number: z.string().min(1).optional(),
    version: z.string().min(1).optional(),
    issuer: z.string().min(1),
    /** Absent when the date is not known for sure; the instrument then counts as in force. */
    effective: Day.optional(),
    /** The instrument that replaced this one; `on` absent means it is not to be cited at any date. */
    supersededBy: z.object({ id: InstrumentId, on: Day.optional() }).strict().optional(),
    note: z.string().min(1).optional(),
    clauses: z.array(ClauseSchema).default([]),
  })
  .strict();
export type Instrument = z.infer<typeof InstrumentSchema>;

/** One template per kind; zod makes a record keyed by an enum exhaustive. */
const Templates = z.record(z.enum(InstrumentKinds), z.string().min(1));

/** How citations are written: the name of an instrument and of a clause by kind, and the joins. */
const CitationFormatSchema = z
  .object({
    instrument: Templates,
    instrumentWithoutNumber: z.string().includes("{title}"),
    clause: Templates,
    between: z.string(),
    betweenClauses: z.string(),
  })
  .strict();
export type CitationFormat = z.infer<typeof CitationFormatSchema>;

/** The catalogue file `prompts/basis/instruments.yaml`. */
export const CatalogueSchema = z
  .object({ citation: CitationFormatSchema, instruments: z.array(InstrumentSchema).min(1) })
  .strict()
  .superRefine((c, ctx) => {
    const ids = new Set(c.instruments.map((i) => i.id));
    const seen = new Set<string>();
    for (const [i, instrument] of c.instruments.entries()) {
      if (seen.has(instrument.id))
        ctx.addIssue({
          code: "custom",
          path: ["instruments", i, "id"],
          message: `"${instrument.id}" is used twice`,
        });
      seen.add(instrument.id);
      const successor = instrument.supersededBy?.id;
      if (successor !== undefined && (!ids.has(successor) || successor === instrument.id))
        ctx.addIssue({
          code: "custom",
          path: ["instruments", i, "supersededBy", "id"],
          message: `unknown successor "${successor}"`,
        });
      const clauses = new Set<string>();
      for (const [j, clause] of instrument.clauses.entries()) {
        if (clauses.has(clause.id))
          ctx.addIssue({
            code: "custom",
            path: ["instruments", i, "clauses", j, "id"],
            message: `clause "${clause.id}" is listed twice`,
          });
        clauses.add(clause.id);
      }
    }
  });
export type Catalogue = z.infer<typeof CatalogueSchema>;

/** A citation in a rule, checklist or policy: an instrument by id, optionally one of its clauses. */
export const BasisRefSchema = z
  .object({
    ref: z.string().min(1),
    clause: z.string().min(1).optional(),
  })
  .strict();
export type BasisRef = z.infer<typeof BasisRefSchema>;

/** A `basis` as written in content: one or more references into the catalogue, never free text. */
export const BasisRefsSchema = z
  .array(BasisRefSchema, {
    error: (issue) =>
      issue.input === undefined
        ? "missing basis"
        : "must be a list of references such as [{ ref: gb35181-2025, clause: 5 }] (see prompts/basis/instruments.yaml)",
  })
  .min(1);

/** `T` with its `basis` references rendered: `basis` is the citation text, `basisRefs` what it was made from. */
export type Cited<T extends { basis?: unknown }> = Omit<T, "basis"> &
  (undefined extends T["basis"]
    ? { basis?: string; basisRefs?: BasisRef[] }
    : { basis: string; basisRefs: BasisRef[] });

/** One thing wrong with one reference: which field of the reference, and what. */
export type CitationProblem = { index: number; field: "ref" | "clause"; message: string };

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}

/** The instrument as it is named in a citation, e.g. `GB 35181-2025《重大火灾隐患判定规则》`. */
export function instrumentName(format: CitationFormat, instrument: Instrument): string {
  const template =
    instrument.number === undefined ? format.instrumentWithoutNumber : format.instrument[instrument.kind];
  return fill(template, {
    title: instrument.title,
    number: instrument.number ?? "",
  });
}

/** A clause as it is named in a citation: its label, or the kind's template, e.g. `第5.1条`. */
export function clauseName(format: CitationFormat, instrument: Instrument, clauseId: string): string {
  const clause = instrument.clauses.find((c) => c.id === clauseId);
  return clause?.label ?? fill(format.clause[instrument.kind], { clause: clauseId });
}

/** The day from which an instrument may no longer be cited, or "always" when that day is not known. */
export function supersededOn(catalogue: Catalogue, instrument: Instrument): LocalDate | "always" | undefined {
  const by = instrument.supersededBy;
  if (!by) return undefined;
  return by.on ?? catalogue.instruments.find((i) => i.id === by.id)?.effective ?? "always";
}

/**
 * Renders references in the usual Chinese form, consecutive clauses of one instrument joined:
 * 「《中华人民共和国安全生产法》第二十一条、第四十一条；GB 35181-2025《重大火灾隐患判定规则》」.
 * Unknown references are rendered by their id; `checkCitation` reports them.
 */
export function renderCitation(catalogue: Catalogue, refs: readonly BasisRef[]): string {
  const format = catalogue.citation;
  const parts: { ref: string; text: string }[] = [];
  for (const r of refs) {
    const instrument = catalogue.instruments.find((i) => i.id === r.ref);
    if (!instrument) {
      parts.push({ ref: r.ref, text: r.ref });
      continue;
    }
    const clause = r.clause === undefined ? "" : clauseName(format, instrument, r.clause);
    const last = parts.at(-1);
    if (last && last.ref === r.ref && clause && last.text !== instrumentName(format, instrument))
      last.text += `${format.betweenClauses}${clause}`;
    else parts.push({ ref: r.ref, text: `${instrumentName(format, instrument)}${clause}` });
  }
  return parts.map((p) => p.text).join(format.between);
}

/** Whether an instrument may be cited on day `at`. */
export type InstrumentStatus = "in_force" | "superseded" | "not_yet_in_force";

/** The status of an instrument on day `at`: superseded on or before it, not yet in force, or in force. */
export function instrumentStatus(
  catalogue: Catalogue,
  instrument: Instrument,
  at: LocalDate,
): InstrumentStatus {
  const until = supersededOn(catalogue, instrument);
  if (until !== undefined && (until === "always" || until <= at)) return "superseded";
  if (instrument.effective !== undefined && at < instrument.effective) return "not_yet_in_force";
  return "in_force";
}

/**
 * What is wrong with citing `refs` on day `at`: an unknown instrument or clause, an instrument
 * superseded on or before `at` (naming its successor), or one not yet in force on `at`.
 * Without `at`, only the references themselves are checked.
 */
export function checkCitation(
  catalogue: Catalogue,
  refs: readonly BasisRef[],
  at?: LocalDate,
): CitationProblem[] {
  const problems: CitationProblem[] = [];
  for (const [index, r] of refs.entries()) {
    const instrument = catalogue.instruments.find((i) => i.id === r.ref);
    if (!instrument) {
      problems.push({ index, field: "ref", message: `unknown instrument "${r.ref}" (not in the catalogue)` });
      continue;
    }
    if (r.clause !== undefined && !instrument.clauses.some((c) => c.id === r.clause))
      problems.push({
        index,
        field: "clause",
        message: `${instrumentLabel(instrument)} has no clause "${r.clause}" in the catalogue`,
      });
    if (at === undefined) continue;
    const status = instrumentStatus(catalogue, instrument, at);
    if (status === "superseded") {
      const until = supersededOn(catalogue, instrument);
      const successor = catalogue.instruments.find((i) => i.id === instrument.supersededBy?.id);
      const name = successor ? ` (${instrumentName(catalogue.citation, successor)})` : "";
      const when = until === undefined || until === "always" ? "" : ` on ${until}`;
      problems.push({
        index,
        field: "ref",
        message: `${instrumentLabel(instrument)} was superseded by ${instrument.supersededBy?.id}${name}${when}`,
      });
    } else if (status === "not_yet_in_force")
      problems.push({
        index,
        field: "ref",
        message: `${instrumentLabel(instrument)} is not in force until ${instrument.effective} (checked at ${at})`,
      });
  }
  return problems;
}

/** How the operator sees an instrument in messages: its number, or for a law its id and title. */
function instrumentLabel(instrument: Instrument): string {
  return instrument.number && instrument.kind !== "law"
    ? instrument.number
    : `${instrument.id} 《${instrument.title}》`;
}
