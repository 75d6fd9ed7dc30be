import type { ReportTexts } from "../../content/report-texts.ts";
import { fill } from "../../content/report-texts.ts";
import { MeasureKinds } from "../../domain/inspection/inspection.ts";
import { formatYuan } from "../../domain/inspection/inspection-input.ts";
import type { Scope } from "../../domain/people/scope.ts";
import type { InspectionLedgerFilter, LedgerInspection } from "../../store/inspection-store.ts";
import type { AppDeps } from "../app-deps.ts";
import type { ReportScope } from "./report-scope.ts";

/** One inspection of the ledger's second sheet (检查记录), ready to show: labels in Chinese. */
export type InspectionLedgerRow = {
  /** When it was submitted; the sheet shows its Shanghai day. */
  date: Date;
  number: string;
  /** Chinese label, e.g. 督导检查. */
  kind: string;
  enterprise: string;
  /** Chinese label, e.g. 危险化学品. */
  industry: string;
  area: string;
  /** e.g. 钱主任、吴网格；外聘专家 2 人. */
  team: string;
  personTimes: number;
  findings: number;
  onSpot: number;
  /** Each document with its number, e.g. 责令限期整改指令书 ZL-2026-000001. */
  documents: string | null;
  /** The measures' labels, the fine with its amount. */
  measures: string | null;
  fineYuan: number | null;
  note: string | null;
};

/** The store's filter for a checked ledger scope, optionally within a viewer's scope. */
export function inspectionFilter(scope: ReportScope, viewer?: Scope): InspectionLedgerFilter {
  return {
    ...(viewer ? { scope: viewer } : {}),
    ...(scope.area !== null ? { areaIds: [scope.area] } : {}),
    ...(scope.industry !== null ? { industry: scope.industry } : {}),
    since: scope.since,
    before: scope.before,
  };
}

/** An inspection's team as the ledger writes it: names with an account, then the outside people. */
export function teamText(inspection: LedgerInspection, texts: ReportTexts): string {
  const t = texts.ledger.team;
  const parts = [
    ...(inspection.team.length > 0
      ? [fill(t.members, { names: inspection.team.map((m) => m.name).join(t.name_separator) })]
      : []),
    ...(inspection.outsideExperts > 0 ? [fill(t.outside_experts, { count: inspection.outsideExperts })] : []),
    ...(inspection.outsideStaff > 0 ? [fill(t.outside_staff, { count: inspection.outsideStaff })] : []),
  ];
  return parts.join(t.separator);
}

/** The kind's label from prompts/inspections.yaml, or its id when the content no longer has it. */
export function kindLabel(deps: AppDeps, kind: string): string {
  return deps.content.inspections.kinds.find((k) => k.id === kind)?.label ?? kind;
}

/** An inspection as a row of 检查记录. */
export function toInspectionLedgerRow(
  deps: AppDeps,
  inspection: LedgerInspection,
  texts: ReportTexts,
): InspectionLedgerRow {
  const catalogue = deps.content.inspections;
  const sheet = texts.ledger.inspections;
  // Documents in the order of prompts/inspections.yaml (as the chat lists them), then by number.
  const order = (type: string) => {
    const i = catalogue.documents.findIndex((c) => c.id === type);
    return i < 0 ? catalogue.documents.length : i;
  };
  const documents = [...inspection.documents]
    .sort((a, b) => order(a.type) - order(b.type) || a.number.localeCompare(b.number))
    .map((d) =>
      fill(sheet.document, {
        label: catalogue.documents.find((c) => c.id === d.type)?.label ?? d.type,
        number: d.number,
      }),
    );
  const measures = [...inspection.measures]
    .sort((a, b) => MeasureKinds.indexOf(a.kind) - MeasureKinds.indexOf(b.kind))
    .map((m) =>
      m.kind === "fine" && m.amountFen !== null
        ? fill(sheet.fine, { label: catalogue.measures.fine, yuan: formatYuan(m.amountFen) })
        : catalogue.measures[m.kind],
    );
  const fineFen = inspection.measures.find((m) => m.kind === "fine")?.amountFen ?? null;
  return {
    date: inspection.submittedAt,
    number: inspection.number,
    kind: kindLabel(deps, inspection.kind),
    enterprise: inspection.enterprise,
    industry: deps.content.texts.label("industry", inspection.industry),
    area: inspection.area,
    team: teamText(inspection, texts),
    personTimes: inspection.team.length + inspection.outsideExperts + inspection.outsideStaff,
    findings: inspection.findings,
    onSpot: inspection.onSpot,
    documents: documents.length > 0 ? documents.join(sheet.separator) : null,
    measures: measures.length > 0 ? measures.join(sheet.separator) : null,
    fineYuan: fineFen === null ? null : fineFen / 100,
    note: inspection.note,
  };
}
