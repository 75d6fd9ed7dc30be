import { type AreaNode, subtreeIds, treeOrder } from "../area/area-tree.ts";
import { toShanghaiDate } from "../calendar/local-date.ts";
import { Industries } from "../industry.ts";
import type { EnterpriseRow, ReportFilters } from "./compute-report.ts";
import { closedAsOf, type TicketRow } from "./report-figures.ts";
import {
  inPeriod,
  type PeriodBounds,
  periodBounds,
  type ReportPeriod,
  reportMoment,
} from "./report-period.ts";

/**
 * The inspection figures of one slice of a report (all of it, one industry, one area, one kind).
 * JSON keys are public (`xunjian report`, `inspections` section).
 */
export type InspectionFigures = {
  /** Inspections submitted in the period (检查组次). */
  inspections: number;
  /** Team sizes summed: members with an account and outside people (出动人次). */
  personTimes: number;
  /** Of which leaders (领导干部参与人次). */
  leaderPersonTimes: number;
  /** Of which experts: members with the expert role and outside experts (专家人次). */
  expertPersonTimes: number;
  /** Distinct (enterprise, Asia/Shanghai day) pairs (检查企业家次). */
  enterprisesInspected: number;
  /** Findings of those inspections (查处隐患项), each a ticket. */
  hazardsFound: number;
  major: number;
  /** Findings whose ticket is closed (销号) at the report moment. */
  rectified: number;
  /** Of `rectified`, those fixed on the spot (立即整改) and still closed at the report moment. */
  rectifiedOnSpot: number;
  /** rectified ÷ hazardsFound, 4 decimals; null when nothing was found. */
  rectificationRate: number | null;
  /** Findings not closed at the report moment whose deadline is before it. */
  overdue: number;
  /** Documents issued (下发文书份数), and by document type id. */
  documentsIssued: number;
  documentsByType: Record<string, number>;
  /** 立案起数. */
  casesFiled: number;
  /** 罚款 in yuan (2 decimals at most). */
  fineYuan: number;
  /** Enterprises ordered to stop production or business (责令停产停业家). */
  suspended: number;
  /** Enterprises sealed (临时查封家). */
  sealed: number;
  /** Referrals (移交起数). */
  referred: number;
  /** Enterprises interviewed (约谈面谈家). */
  interviews: number;
};

/** A finding as the figures read it: its ticket, and whether it was fixed on the spot. */
export type InspectionFindingRow = { onSpot: boolean; ticket: TicketRow };

/** A submitted inspection as the figures read it. */
export type InspectionRow = {
  kind: string;
  enterpriseId: string;
  submittedAt: Date;
  /** Team members with an account (the lead included), with their role at submission. */
  members: readonly { role: string }[];
  outsideExperts: number;
  outsideStaff: number;
  findings: readonly InspectionFindingRow[];
  documents: readonly { type: string }[];
  /** Measure kinds (case_filed, fine, suspension, sealing, referral, interview); fines in fen. */
  measures: readonly { kind: string; amountFen: number | null }[];
};

export type InspectionReportInput = {
  period: ReportPeriod;
  filters: ReportFilters;
  areas: readonly AreaNode[];
  enterprises: readonly EnterpriseRow[];
  inspections: readonly InspectionRow[];
  /** Kind ids in the order `byKind` lists them (content order); kinds not in it follow, sorted. */
  kindOrder?: readonly string[];
  now: Date;
};

/** The `inspections` section of a report. */
export type InspectionReport = {
  asOf: string;
  totals: InspectionFigures;
  byIndustry: Record<string, InspectionFigures>;
  byArea: Record<string, { name: string } & InspectionFigures>;
  byAreaRollup: Record<string, { name: string } & InspectionFigures>;
  byKind: Record<string, InspectionFigures>;
};

const rate = (part: number, whole: number): number | null =>
  whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000;

/** The figures over inspections already narrowed to one slice; those outside the period are ignored. */
export function computeInspectionFigures(
  rows: readonly InspectionRow[],
  bounds: PeriodBounds,
  moment: Date,
): InspectionFigures {
  const inspections = rows.filter((r) => inPeriod(r.submittedAt, bounds));
  const findings = inspections.flatMap((r) => r.findings);
  const closed = findings.map((f) => ({ f, closed: closedAsOf(f.ticket, moment) !== null }));
  const measures = inspections.flatMap((r) =>
    r.measures.map((m) => ({ ...m, enterpriseId: r.enterpriseId })),
  );
  const enterprisesWith = (kind: string) =>
    new Set(measures.filter((m) => m.kind === kind).map((m) => m.enterpriseId)).size;
  const documentsByType: Record<string, number> = {};
  for (const d of inspections.flatMap((r) => r.documents))
    documentsByType[d.type] = (documentsByType[d.type] ?? 0) + 1;
  const rectified = closed.filter((c) => c.closed).length;
  const fineFen = measures.reduce((sum, m) => sum + (m.kind === "fine" ? (m.amountFen ?? 0) : 0), 0);
  return {
    inspections: inspections.length,
    personTimes: inspections.reduce((n, r) => n + r.members.length + r.outsideExperts + r.outsideStaff, 0),
    leaderPersonTimes: inspections.reduce(
      (n, r) => n + r.members.filter((m) => m.role === "leader").length,
      0,
    ),
    expertPersonTimes: inspections.reduce(
      (n, r) => n + r.members.filter((m) => m.role === "expert").length + r.outsideExperts,
      0,
    ),
    enterprisesInspected: new Set(
      inspections.map((r) => `${r.enterpriseId}\u0000${toShanghaiDate(r.submittedAt)}`),
    ).size,
    hazardsFound: findings.length,
    major: findings.filter((f) => f.ticket.grade === "major").length,
    rectified,
    rectifiedOnSpot: closed.filter((c) => c.closed && c.f.onSpot).length,
    rectificationRate: rate(rectified, findings.length),
    overdue: closed.filter((c) => !c.closed && c.f.ticket.deadline.getTime() < moment.getTime()).length,
    documentsIssued: Object.values(documentsByType).reduce((a, b) => a + b, 0),
    documentsByType,
    casesFiled: measures.filter((m) => m.kind === "case_filed").length,
    fineYuan: fineFen / 100,
    suspended: enterprisesWith("suspension"),
    sealed: enterprisesWith("sealing"),
    referred: measures.filter((m) => m.kind === "referral").length,
    interviews: enterprisesWith("interview"),
  };
}

/**
 * The inspection figures of a report from plain rows, with the report's filters, period and
 * report-moment rule (state figures read at the period's last instant, or now if earlier): in
 * totals, by industry, by area, by area with everything below it, and by inspection kind. Rows
 * outside the filters or the period may be passed; they are left out here.
 */
export function computeInspectionReport(input: InspectionReportInput): InspectionReport {
  const bounds = periodBounds(input.period);
  const moment = reportMoment(bounds, input.now);
  const { filters } = input;
  const scope = filters.area === null ? null : subtreeIds(input.areas, filters.area);
  const enterprises = new Map(
    input.enterprises
      .filter(
        (e) =>
          (scope === null || scope.has(e.areaId)) &&
          (filters.industry === null || e.industry === filters.industry),
      )
      .map((e) => [e.id, e]),
  );
  const rows = input.inspections.filter(
    (r) => enterprises.has(r.enterpriseId) && inPeriod(r.submittedAt, bounds),
  );
  const figures = (keep: (r: InspectionRow, e: EnterpriseRow) => boolean) =>
    computeInspectionFigures(
      rows.filter((r) => keep(r, enterprises.get(r.enterpriseId) as EnterpriseRow)),
      bounds,
      moment,
    );

  const byIndustry: Record<string, InspectionFigures> = {};
  const present = new Set(rows.map((r) => enterprises.get(r.enterpriseId)?.industry ?? ""));
  const known: readonly string[] = Industries;
  for (const industry of [
    ...known.filter((i) => present.has(i)),
    ...[...present].filter((i) => !known.includes(i)).sort(),
  ])
    byIndustry[industry] = figures((_, e) => e.industry === industry);

  const ordered = treeOrder(input.areas);
  const areaOf = (r: InspectionRow) => enterprises.get(r.enterpriseId)?.areaId ?? "";
  const withRows = new Set(rows.map(areaOf));
  const byArea: Record<string, { name: string } & InspectionFigures> = {};
  const names = new Map(ordered.map((a) => [a.id, a.name]));
  for (const id of [
    ...ordered.map((a) => a.id).filter((id) => withRows.has(id)),
    ...[...withRows].filter((id) => !names.has(id)).sort(),
  ])
    byArea[id] = { name: names.get(id) ?? id, ...figures((r) => areaOf(r) === id) };
  const byAreaRollup: Record<string, { name: string } & InspectionFigures> = {};
  for (const area of ordered) {
    if (scope !== null && !scope.has(area.id)) continue;
    const below = subtreeIds(input.areas, area.id);
    if (below.size === 1 || ![...withRows].some((id) => below.has(id))) continue;
    byAreaRollup[area.id] = { name: area.name, ...figures((r) => below.has(areaOf(r))) };
  }

  const order = input.kindOrder ?? [];
  const kinds = new Set(rows.map((r) => r.kind));
  const byKind: Record<string, InspectionFigures> = {};
  for (const kind of [
    ...order.filter((k) => kinds.has(k)),
    ...[...kinds].filter((k) => !order.includes(k)).sort(),
  ])
    byKind[kind] = figures((r) => r.kind === kind);

  return {
    asOf: moment.toISOString(),
    totals: figures(() => true),
    byIndustry,
    byArea,
    byAreaRollup,
    byKind,
  };
}
