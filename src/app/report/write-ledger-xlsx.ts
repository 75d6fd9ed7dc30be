import ExcelJS from "exceljs";
import { type LedgerColumn, LedgerColumns, type ReportTexts } from "../../content/report-texts.ts";
import type { LedgerRow } from "./build-ledger-rows.ts";

/** Asia/Shanghai is UTC+8 all year; Excel dates have no zone, so cells hold Shanghai wall time. */
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

type Kind = "text" | "long" | "datetime" | "date" | "flag" | "count";

/** How each column is shown: its kind decides the cell type, width and format. */
const KINDS: Record<LedgerColumn, Kind> = {
  number: "text",
  enterprise: "text",
  creditCode: "text",
  area: "text",
  grid: "text",
  location: "text",
  description: "long",
  category: "text",
  grade: "text",
  basis: "long",
  source: "text",
  foundAt: "datetime",
  foundBy: "text",
  measures: "long",
  responsible: "text",
  deadline: "date",
  funds: "text",
  contingencyPlan: "long",
  status: "text",
  overdue: "flag",
  supervised: "flag",
  rectifiedAt: "datetime",
  closedAt: "datetime",
  beforePhotos: "count",
  afterPhotos: "count",
};

const WIDTHS: Record<Kind, number> = { text: 18, long: 36, datetime: 17, date: 12, flag: 10, count: 10 };
const FORMATS: Partial<Record<Kind, string>> = { datetime: "yyyy-mm-dd hh:mm", date: "yyyy-mm-dd" };

/** An instant as the Excel date a reader in China expects to see. */
export function toExcelDate(instant: Date): Date {
  return new Date(instant.getTime() + SHANGHAI_OFFSET_MS);
}

/** The instant an Excel date cell written by `toExcelDate` stands for. */
export function fromExcelDate(cell: Date): Date {
  return new Date(cell.getTime() - SHANGHAI_OFFSET_MS);
}

/**
 * Writes the hazard ledger (隐患台账) as an XLSX workbook: one row per ticket, Chinese headers
 * from prompts/report.yaml, header row bold and frozen, dates as real Excel dates in Shanghai time.
 */
export async function writeLedgerXlsx(
  rows: readonly LedgerRow[],
  file: string,
  texts: ReportTexts,
): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "xunjian";
  const sheet = workbook.addWorksheet(texts.ledger.sheet, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = LedgerColumns.map((key) => {
    const kind = KINDS[key];
    const format = FORMATS[kind];
    return {
      key,
      header: texts.ledger.columns[key],
      width: WIDTHS[kind],
      style: {
        ...(format ? { numFmt: format } : {}),
        alignment: { vertical: "top", wrapText: kind === "long" },
      },
    };
  });
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).alignment = { vertical: "middle", horizontal: "center", wrapText: true };
  const flag = (v: boolean) => (v ? texts.flags.yes : texts.flags.no);
  for (const row of rows) {
    const cells: Record<string, string | number | Date | null> = {};
    for (const key of LedgerColumns) {
      const value = row[key];
      cells[key] =
        value instanceof Date
          ? toExcelDate(value)
          : typeof value === "boolean"
            ? flag(value)
            : (value ?? null);
    }
    sheet.addRow(cells);
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: LedgerColumns.length } };
  await workbook.xlsx.writeFile(file);
}
