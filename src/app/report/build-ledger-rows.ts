import type { ReportTexts } from "../../content/report-texts.ts";
import type { Scope } from "../../domain/people/scope.ts";
import { isOverdue } from "../../domain/ticket/ticket-lifecycle.ts";
import { readPlan } from "../../domain/ticket/treatment-plan.ts";
import type { AppDeps } from "../app-deps.ts";
import {
  type InspectionLedgerRow,
  inspectionFilter,
  kindLabel,
  teamText,
  toInspectionLedgerRow,
} from "./inspection-ledger-rows.ts";
import { resolveScope, type ScopeInput } from "./report-scope.ts";

/** One hazard of the ledger (隐患台账), ready to show: labels in Chinese, dates as instants. */
export type LedgerRow = {
  number: string;
  enterprise: string;
  creditCode: string;
  area: string;
  grid: string | null;
  location: string | null;
  description: string | null;
  category: string;
  /** Chinese label, e.g. 重大隐患. */
  grade: string;
  basis: string | null;
  /** Chinese label, e.g. 网格员上报. */
  source: string;
  /** The inspection that opened the ticket, if one did: its number, kind label and team. */
  inspectionNumber: string | null;
  inspectionKind: string | null;
  inspectionTeam: string | null;
  foundAt: Date;
  foundBy: string | null;
  measures: string | null;
  responsible: string | null;
  deadline: Date;
  funds: string | null;
  contingencyPlan: string | null;
  /** Chinese label, e.g. 已销号. */
  status: string;
  overdue: boolean;
  supervised: boolean;
  rectifiedAt: Date | null;
  closedAt: Date | null;
  beforePhotos: number;
  afterPhotos: number;
};

/**
 * Hands the hazard ledger to `each`, one row per ticket by number, optionally narrowed to tickets
 * found between two days and to an area (with its sub-areas) or an industry. Rows are read one at
 * a time in one statement and handed on before the next is read, so a ledger of any size is
 * written in the same memory. Returns how many rows there were.
 */
export async function forEachLedgerRow(
  deps: AppDeps,
  filters: ScopeInput,
  texts: ReportTexts,
  each: (row: LedgerRow) => void | Promise<void>,
  onProgress?: (done: number) => void,
): Promise<number> {
  const now = deps.clock.now();
  const label = deps.content.texts;
  return deps.uow.read(async (s) => {
    const scope = await resolveScope(s, filters);
    // Read before the ledger's statement, which holds the connection while it streams.
    const inspections = await s.inspections.ticketInspections(inspectionFilter(scope));
    let count = 0;
    for await (const t of s.reports.ledger(scope)) {
      const plan = readPlanSafely(t.treatmentPlan);
      const inspection = inspections.get(t.number);
      await each({
        number: t.number,
        enterprise: t.enterprise,
        creditCode: t.creditCode,
        area: t.areaName,
        grid: t.gridName,
        location: t.location,
        description: t.description ?? t.title,
        category: t.category,
        grade: label.label("grade", t.grade),
        basis: t.basis,
        source: texts.source[t.source],
        inspectionNumber: inspection?.number ?? null,
        inspectionKind: inspection ? kindLabel(deps, inspection.kind) : null,
        inspectionTeam: inspection ? teamText(inspection, texts) : null,
        foundAt: t.foundAt,
        foundBy: t.foundBy,
        measures: t.measures ?? plan?.methods ?? null,
        responsible: t.responsible,
        deadline: t.deadline,
        funds: t.funds ?? plan?.funds ?? null,
        contingencyPlan: t.contingencyPlan ?? plan?.safety ?? null,
        status: texts.status[t.status],
        overdue: isOverdue(t, now),
        supervised: t.supervised,
        rectifiedAt: t.rectifiedAt,
        closedAt: t.closedAt,
        beforePhotos: t.beforePhotos,
        afterPhotos: t.afterPhotos,
      });
      count++;
      onProgress?.(count);
    }
    return count;
  });
}

/**
 * Hands the ledger's second sheet (检查记录) to `each`: the inspections submitted between the two
 * days, of enterprises in the area (with its sub-areas) and industry, and within `viewer`'s scope
 * when given, oldest first, a page at a time. Returns how many there were.
 */
export async function forEachInspectionLedgerRow(
  deps: AppDeps,
  filters: ScopeInput,
  texts: ReportTexts,
  each: (row: InspectionLedgerRow) => void | Promise<void>,
  viewer?: Scope,
): Promise<number> {
  return deps.uow.read(async (s) => {
    const scope = await resolveScope(s, filters);
    let count = 0;
    for await (const inspection of s.inspections.ledgerInspections(inspectionFilter(scope, viewer))) {
      await each(toInspectionLedgerRow(deps, inspection, texts));
      count++;
    }
    return count;
  });
}

/** The hazard ledger as an array (see `forEachLedgerRow`), for small ledgers and tests. */
export async function buildLedgerRows(
  deps: AppDeps,
  filters: ScopeInput = {},
  texts: ReportTexts = deps.content.report,
): Promise<LedgerRow[]> {
  const rows: LedgerRow[] = [];
  await forEachLedgerRow(deps, filters, texts, (row) => {
    rows.push(row);
  });
  return rows;
}

/** A malformed plan column must not stop the whole ledger; the row shows the ticket's own fields. */
function readPlanSafely(json: string | null): ReturnType<typeof readPlan> {
  try {
    return readPlan(json);
  } catch {
    return null;
  }
}
