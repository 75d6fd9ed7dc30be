import fs from "node:fs";
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

/** Rows written between two yields to the event loop, so the zip stream keeps up and memory stays flat. */
const ROWS_PER_YIELD = 10;

/** A ledger workbook being written row by row (exceljs's streaming writer): memory does not grow with the rows. */
export type LedgerWriter = {
  /** Writes one row; now and then waits for the compressed output to catch up. */
  add(row: LedgerRow): Promise<void>;
  /** How many rows were written. */
  readonly count: number;
  /** Finishes the file. */
  close(): Promise<void>;
  /** Gives up: stops writing and removes the unfinished file. */
  abort(): Promise<void>;
};

/**
 * Opens the hazard ledger (隐患台账) as an XLSX workbook streamed to `file`: one row per ticket,
 * Chinese headers from prompts/report.yaml, header row bold and frozen, dates as real Excel dates
 * in Shanghai time.
 */
export function openLedgerXlsx(file: string, texts: ReportTexts): LedgerWriter {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true });
  workbook.creator = "xunjian";
  const sheet = workbook.addWorksheet(texts.ledger.sheet, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: LedgerColumns.length } };
  // One style object per column, given to every cell of it: exceljs remembers the style id of an
  // object it has seen, while a style merged afresh for each cell is rendered to XML each time.
  const styles: Partial<ExcelJS.Style>[] = LedgerColumns.map((key) => {
    const format = FORMATS[KINDS[key]];
    return {
      ...(format ? { numFmt: format } : {}),
      alignment: { vertical: "top", wrapText: KINDS[key] === "long" },
    };
  });
  sheet.columns = LedgerColumns.map((key, i) => ({
    key,
    header: texts.ledger.columns[key],
    width: WIDTHS[KINDS[key]],
    style: styles[i] ?? {},
  }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: "middle", horizontal: "center", wrapText: true };
  header.commit();
  const flag = (v: boolean) => (v ? texts.flags.yes : texts.flags.no);
  let count = 0;
  return {
    get count() {
      return count;
    },
    async add(row) {
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
      const written = sheet.addRow(cells);
      for (const [i, style] of styles.entries()) written.getCell(i + 1).style = style;
      written.commit();
      count++;
      if (count % ROWS_PER_YIELD === 0) await new Promise((resolve) => setImmediate(resolve));
    },
    async close() {
      sheet.commit();
      await workbook.commit();
    },
    async abort() {
      const stream = (workbook as unknown as { stream?: NodeJS.WritableStream & { destroy?: () => void } })
        .stream;
      stream?.destroy?.();
      await fs.promises.rm(file, { force: true });
    },
  };
}

/** Writes the given ledger rows to an XLSX file (see `openLedgerXlsx`). */
export async function writeLedgerXlsx(
  rows: Iterable<LedgerRow> | AsyncIterable<LedgerRow>,
  file: string,
  texts: ReportTexts,
): Promise<void> {
  const writer = openLedgerXlsx(file, texts);
  try {
    for await (const row of rows) await writer.add(row);
  } catch (e) {
    await writer.abort();
    throw e;
  }
  await writer.close();
}
