import type { ReportTexts } from "../../content/report-texts.ts";
import type { Scope } from "../../domain/people/scope.ts";
import type { AppDeps } from "../app-deps.ts";
import { forEachInspectionLedgerRow, forEachLedgerRow, type LedgerRow } from "./build-ledger-rows.ts";
import type { ScopeInput } from "./report-scope.ts";
import { openLedgerXlsx } from "./write-ledger-xlsx.ts";

export type LedgerExportOptions = {
  texts?: ReportTexts;
  /** Keeps only the hazards it accepts (the console's other filters and the viewer's scope). */
  keepHazard?: (row: LedgerRow) => boolean;
  /** Only the inspections of enterprises within this scope (the console's viewer). */
  viewer?: Scope;
};

/** What a written ledger holds. */
export type LedgerExport = { hazards: number; inspections: number };

/**
 * Writes the ledger workbook for a period, area and industry: 隐患台账 (one row per ticket) and
 * 检查记录 (one row per inspection submitted in the period), each row streamed to the file as it is
 * read, so memory stays the same whatever the ledger's size. `xunjian ledger` and the console's
 * export both write through here. An unfinished file is removed.
 */
export async function exportLedgerWorkbook(
  deps: AppDeps,
  filters: ScopeInput,
  file: string,
  options: LedgerExportOptions = {},
): Promise<LedgerExport> {
  const texts = options.texts ?? deps.content.report;
  const keep = options.keepHazard ?? (() => true);
  const writer = openLedgerXlsx(file, texts);
  try {
    await forEachLedgerRow(deps, filters, texts, (row) => (keep(row) ? writer.add(row) : undefined));
    await forEachInspectionLedgerRow(
      deps,
      filters,
      texts,
      (row) => writer.addInspection(row),
      options.viewer,
    );
  } catch (e) {
    await writer.abort();
    throw e;
  }
  await writer.close();
  return { hazards: writer.count, inspections: writer.inspectionCount };
}
