import { z } from "zod";
import { sentence } from "../domain/sentence-schema.ts";
import { TicketSources, TicketStatuses } from "../domain/ticket/ticket-status.ts";
import { readPromptsFile } from "./read-structured.ts";

/** The ledger's columns, in sheet order. Their headers live in prompts/report.yaml. */
export const LedgerColumns = [
  "number",
  "enterprise",
  "creditCode",
  "area",
  "grid",
  "location",
  "description",
  "category",
  "grade",
  "basis",
  "source",
  "inspectionNumber",
  "inspectionKind",
  "inspectionTeam",
  "foundAt",
  "foundBy",
  "measures",
  "responsible",
  "deadline",
  "funds",
  "contingencyPlan",
  "status",
  "overdue",
  "supervised",
  "rectifiedAt",
  "closedAt",
  "beforePhotos",
  "afterPhotos",
] as const;
export type LedgerColumn = (typeof LedgerColumns)[number];

/** Columns of the Markdown tables. */
export const MarkdownColumns = [
  "industry",
  "area",
  "enterprisesChecked",
  "selfChecksSubmitted",
  "hazardsFound",
  "major",
  "rectified",
  "rectificationRate",
  "overdue",
  "returned",
  "averageDaysToRectify",
  "number",
  "enterprise",
  "title",
  "deadline",
] as const;

const text = z.string().min(1);
const labels = <T extends readonly [string, ...string[]]>(keys: T) =>
  z.object(Object.fromEntries(keys.map((k) => [k, text])) as Record<T[number], typeof text>).strict();

const FIGURES = [
  "enterprisesChecked",
  "selfCheckEnterpriseDays",
  "inspectionEnterpriseDays",
  "selfChecksSubmitted",
  "selfCheckEnterprises",
  "hazardsFound",
  "major",
  "general",
  "rectified",
  "rate",
  "overdue",
  "returned",
  "averageDays",
  "majorRectified",
  "majorRate",
  "unrectified",
  "selfCheckFound",
  "selfCheckRectified",
  "selfCheckRate",
  "gridReportFound",
  "gridReportRectified",
  "gridReportRate",
  "inspectionFound",
  "inspectionRectified",
  "inspectionRate",
];

/** What a campaign's paragraph may say beside the figures. */
const CAMPAIGN = [
  ...FIGURES,
  "name",
  "from",
  "to",
  "enterprisesTargeted",
  "enterprisesSubmitted",
  "completionRate",
  "cardsSent",
  "cardSends",
  "cardsAcknowledged",
  "cardLeaders",
  "cardLeadersAcknowledged",
];

/** Figures an inspection sentence may name (the report's `inspections` keys, `rate` and `fine` in 万元). */
const INSPECTION_FIGURES = [
  "inspections",
  "personTimes",
  "leaderPersonTimes",
  "expertPersonTimes",
  "enterprisesInspected",
  "hazardsFound",
  "major",
  "rectified",
  "rectifiedOnSpot",
  "rate",
  "overdue",
  "documentsIssued",
  "casesFiled",
  "fine",
  "suspended",
  "sealed",
  "referred",
  "interviews",
];

/**
 * Enforcement clauses of the inspection sentences (e.g. 立案{casesFiled}起); a clause whose figure is
 * zero is left out. Two wordings of the fine: 罚款 in the totals, 实施经济处罚 in an industry's line.
 */
export const InspectionClauses = [
  "casesFiled",
  "fine",
  "industryFine",
  "suspended",
  "sealed",
  "referred",
  "interviews",
] as const;
export type InspectionClause = (typeof InspectionClauses)[number];

const clauseList = z.array(z.enum(InspectionClauses));

/** The inspection paragraphs of the Markdown report, in the seeds' wording. */
const InspectionMarkdownSchema = z
  .object({
    heading: text,
    none: text,
    overall: sentence([...INSPECTION_FIGURES, "ofWhom", "ofWhichMajor", "ofWhichOnSpot", "enforcement"]),
    of_whom: sentence(["list"]),
    leaders: sentence(INSPECTION_FIGURES),
    experts: sentence(INSPECTION_FIGURES),
    of_which_major: sentence(INSPECTION_FIGURES),
    of_which_on_spot: sentence(INSPECTION_FIGURES),
    overall_clauses: clauseList,
    documents: sentence(["list"]),
    document: sentence(["label", "count"]),
    outcome_clauses: clauseList,
    industry: sentence([...INSPECTION_FIGURES, "industry", "rectifiedPart", "enforcement"]),
    industry_clauses: clauseList,
    kind: sentence([...INSPECTION_FIGURES, "kind", "rectifiedPart", "enforcement"]),
    kind_clauses: clauseList,
    rectified: sentence(INSPECTION_FIGURES),
    all_rectified: text,
    clauses: z
      .object(
        Object.fromEntries(InspectionClauses.map((k) => [k, sentence(INSPECTION_FIGURES)])) as Record<
          InspectionClause,
          ReturnType<typeof sentence>
        >,
      )
      .strict(),
    separators: z.object({ clause: text, list: text, part: text, end: text }).strict(),
  })
  .strict();

/** Columns of the ledger's second sheet (检查记录), in sheet order. */
export const InspectionLedgerColumns = [
  "date",
  "number",
  "kind",
  "enterprise",
  "industry",
  "area",
  "team",
  "personTimes",
  "findings",
  "onSpot",
  "documents",
  "measures",
  "fineYuan",
  "note",
] as const;
export type InspectionLedgerColumn = (typeof InspectionLedgerColumns)[number];

export const ReportTextsSchema = z
  .object({
    status: labels(TicketStatuses),
    source: labels(TicketSources),
    flags: z.object({ yes: text, no: text }).strict(),
    ledger: z
      .object({
        sheet: text.max(31),
        columns: labels(LedgerColumns),
        /** How a ticket's inspection team reads in its row, e.g. 钱主任、吴网格；外聘专家 2 人. */
        team: z
          .object({
            members: sentence(["names"]),
            outside_experts: sentence(["count"]),
            outside_staff: sentence(["count"]),
            separator: text,
            name_separator: text,
          })
          .strict(),
        inspections: z
          .object({
            sheet: text.max(31),
            columns: labels(InspectionLedgerColumns),
            /** A document in the 文书 cell, e.g. 责令限期整改指令书 ZL-2026-000031. */
            document: sentence(["label", "number"]),
            /** The fine among the measures, e.g. 罚款 25000 元. */
            fine: sentence(["label", "yuan"]),
            separator: text,
          })
          .strict(),
      })
      .strict(),
    markdown: z
      .object({
        title: sentence(["from", "to"]),
        scope: sentence(["area", "industry"]),
        all_areas: text,
        all_industries: text,
        totals: sentence(FIGURES),
        details: sentence(FIGURES),
        checks: sentence(FIGURES),
        sources: sentence(FIGURES),
        none: text,
        days: sentence(["days"]),
        by_industry: text,
        by_area: text,
        by_area_rollup: text,
        major_open: text,
        major_open_none: text,
        campaigns: text,
        campaign: sentence(CAMPAIGN),
        campaign_no_self_check: sentence(CAMPAIGN),
        footer: sentence(["asOf", "generatedAt"]),
        columns: labels(MarkdownColumns),
        inspections: InspectionMarkdownSchema,
      })
      .strict(),
  })
  .strict();

/** The wording of reports and the ledger, from prompts/report.yaml. */
export type ReportTexts = z.infer<typeof ReportTextsSchema>;

/** Fills `{name}` placeholders; unknown ones stay as written. */
export function fill(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

/** Reads and validates `report.yaml` in the prompts directory; a problem names the file and the path. */
export function loadReportTexts(promptsDir: string): ReportTexts {
  return readPromptsFile(promptsDir, "report.yaml", ReportTextsSchema);
}
