import type { InspectionClause, ReportTexts } from "../../content/report-texts.ts";
import { fill } from "../../content/report-texts.ts";
import type { InspectionCatalogue } from "../../domain/inspection/inspection-catalogue.ts";
import { formatWanYuan } from "../../domain/inspection/inspection-input.ts";
import type { InspectionFigures, InspectionReport } from "../../domain/statistics/inspection-figures.ts";

export type InspectionMarkdownOptions = {
  texts: ReportTexts;
  industryLabel: (code: string) => string;
  /** Kind and document labels; without them the ids are shown. */
  catalogue: InspectionCatalogue | null;
  /** How a rate reads ("50%", or the "none" mark). */
  percent: (rate: number | null) => string;
};

/** The figure a clause shows; a clause whose figure is 0 is left out. */
const CLAUSE_FIGURE: Record<InspectionClause, keyof InspectionFigures> = {
  casesFiled: "casesFiled",
  fine: "fineYuan",
  industryFine: "fineYuan",
  suspended: "suspended",
  sealed: "sealed",
  referred: "referred",
  interviews: "interviews",
};

/**
 * The inspection paragraphs of the Markdown report, worded as the offices' reports are: the
 * totals (检查组, 人次, 家次, 隐患, 整改, 立案, 罚款), the documents and measures, one paragraph per
 * industry (危险化学品领域：…) and one per inspection kind (暗查暗访组N个…). Returns the blocks to
 * join, heading first.
 */
export function renderInspectionMarkdown(
  report: InspectionReport,
  options: InspectionMarkdownOptions,
): string[] {
  const md = options.texts.markdown.inspections;
  const sep = md.separators;
  const totals = report.totals;
  if (totals.inspections === 0) return [md.heading, md.none];

  const params = (f: InspectionFigures): Record<string, string | number> => ({
    inspections: f.inspections,
    personTimes: f.personTimes,
    leaderPersonTimes: f.leaderPersonTimes,
    expertPersonTimes: f.expertPersonTimes,
    enterprisesInspected: f.enterprisesInspected,
    hazardsFound: f.hazardsFound,
    major: f.major,
    rectified: f.rectified,
    rectifiedOnSpot: f.rectifiedOnSpot,
    rate: options.percent(f.rectificationRate),
    overdue: f.overdue,
    documentsIssued: f.documentsIssued,
    casesFiled: f.casesFiled,
    fine: formatWanYuan(Math.round(f.fineYuan * 100)),
    suspended: f.suspended,
    sealed: f.sealed,
    referred: f.referred,
    interviews: f.interviews,
  });
  /** The clauses of a list whose figures are not 0, filled. */
  const clauses = (f: InspectionFigures, list: readonly InspectionClause[]): string[] =>
    list.filter((c) => f[CLAUSE_FIGURE[c]] !== 0).map((c) => fill(md.clauses[c], params(f)));
  /** Clauses appended to a sentence, each after a clause separator. */
  const enforcement = (f: InspectionFigures, list: readonly InspectionClause[]) =>
    clauses(f, list)
      .map((c) => `${sep.clause}${c}`)
      .join("");
  const rectifiedPart = (f: InspectionFigures) =>
    f.hazardsFound === 0
      ? ""
      : `${sep.clause}${f.rectified === f.hazardsFound ? md.all_rectified : fill(md.rectified, params(f))}`;

  const p = params(totals);
  const ofWhom = [
    ...(totals.leaderPersonTimes > 0 ? [fill(md.leaders, p)] : []),
    ...(totals.expertPersonTimes > 0 ? [fill(md.experts, p)] : []),
  ];
  const overall = fill(md.overall, {
    ...p,
    ofWhom: ofWhom.length > 0 ? fill(md.of_whom, { list: ofWhom.join(sep.list) }) : "",
    ofWhichMajor: totals.major > 0 ? fill(md.of_which_major, p) : "",
    ofWhichOnSpot: totals.rectifiedOnSpot > 0 ? fill(md.of_which_on_spot, p) : "",
    enforcement: enforcement(totals, md.overall_clauses),
  });

  const blocks = [md.heading, overall];
  const outcome = outcomeSentence(totals, options, clauses(totals, md.outcome_clauses));
  if (outcome !== null) blocks.push(outcome);
  for (const [code, f] of Object.entries(report.byIndustry))
    blocks.push(
      fill(md.industry, {
        ...params(f),
        industry: options.industryLabel(code),
        rectifiedPart: rectifiedPart(f),
        enforcement: enforcement(f, md.industry_clauses),
      }),
    );
  const kindLabel = (id: string) => options.catalogue?.kinds.find((k) => k.id === id)?.label ?? id;
  for (const [kind, f] of Object.entries(report.byKind))
    blocks.push(
      fill(md.kind, {
        ...params(f),
        kind: kindLabel(kind),
        rectifiedPart: rectifiedPart(f),
        enforcement: enforcement(f, md.kind_clauses),
      }),
    );
  return blocks;
}

/**
 * 下发…份；临时查封…家，…。: the documents by type (content order, then any unknown type), then the
 * measures; null when the period issued none and took none of those measures.
 */
function outcomeSentence(
  totals: InspectionFigures,
  options: InspectionMarkdownOptions,
  measures: string[],
): string | null {
  const md = options.texts.markdown.inspections;
  const sep = md.separators;
  const known = options.catalogue?.documents ?? [];
  const types = [
    ...known.map((d) => d.id).filter((id) => (totals.documentsByType[id] ?? 0) > 0),
    ...Object.keys(totals.documentsByType)
      .filter((id) => !known.some((d) => d.id === id) && (totals.documentsByType[id] ?? 0) > 0)
      .sort(),
  ];
  const documents = types.map((id) =>
    fill(md.document, {
      label: known.find((d) => d.id === id)?.label ?? id,
      count: totals.documentsByType[id] ?? 0,
    }),
  );
  const parts = [
    ...(documents.length > 0 ? [fill(md.documents, { list: documents.join(sep.clause) })] : []),
    ...(measures.length > 0 ? [measures.join(sep.clause)] : []),
  ];
  return parts.length === 0 ? null : `${parts.join(sep.part)}${sep.end}`;
}
