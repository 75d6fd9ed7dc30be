import fs from "node:fs";
import ExcelJS from "exceljs";
import {
  type InspectionLedgerColumn,
  InspectionLedgerColumns,
  type LedgerColumn,
  LedgerColumns,
  type ReportTexts,
} from "../../content/report-texts.ts";
import type { LedgerRow } from "./build-ledger-rows.ts";
import type { InspectionLedgerRow } from "./inspection-ledger-rows.ts";

/** Asia/Shanghai is UTC+8 all year; Excel dates have no zone, so cells hold Shanghai wall time. */
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

type Kind = "text" | "long" | "datetime" | "date" | "flag" | "count" | "money";

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
  inspectionNumber: "text",
  inspectionKind: "text",
  inspectionTeam: "long",
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

/** The columns of 检查记录, the ledger's second sheet. */
const INSPECTION_KINDS: Record<InspectionLedgerColumn, Kind> = {
  date: "date",
  number: "text",
  kind: "text",
  enterprise: "text",
  industry: "text",
  area: "text",
  team: "long",
  personTimes: "count",
  findings: "count",
  onSpot: "count",
  documents: "long",
  measures: "long",
  fineYuan: "money",
  note: "long",
};

const WIDTHS: Record<Kind, number> = {
  text: 18,
  long: 36,
  datetime: 17,
  date: 12,
  flag: 10,
  count: 10,
  money: 14,
};
const FORMATS: Partial<Record<Kind, string>> = {
  datetime: "yyyy-mm-dd hh:mm",
  date: "yyyy-mm-dd",
  money: "#,##0.00",
};

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
  /** Writes one hazard row to 隐患台账; now and then waits for the compressed output to catch up. */
  add(row: LedgerRow): Promise<void>;
  /**
   * Writes one inspection to 检查记录. The first one finishes 隐患台账: the streamed sheets are
   * written one after the other, so every hazard comes before the first inspection.
   */
  addInspection(row: InspectionLedgerRow): Promise<void>;
  /** How many hazard rows were written. */
  readonly count: number;
  /** How many inspection rows were written. */
  readonly inspectionCount: number;
  /** Finishes the file (with an empty 检查记录 when no inspection was written). */
  close(): Promise<void>;
  /** Gives up: stops writing and removes the unfinished file. */
  abort(): Promise<void>;
};

type Cell = string | number | Date | boolean | null;

/** One streamed sheet: bold frozen header with a filter, a style object per column, rows committed as written. */
function openSheet<K extends string>(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  name: string,
  columns: readonly K[],
  kinds: Record<K, Kind>,
  headers: Record<K, string>,
  flag: (v: boolean) => string,
) {
  const sheet = workbook.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  // One style object per column, given to every cell of it: exceljs remembers the style id of an
  // object it has seen, while a style merged afresh for each cell is rendered to XML each time.
  const styles: Partial<ExcelJS.Style>[] = columns.map((key) => {
    const format = FORMATS[kinds[key]];
    return {
      ...(format ? { numFmt: format } : {}),
      alignment: { vertical: "top", wrapText: kinds[key] === "long" },
    };
  });
  sheet.columns = columns.map((key, i) => ({
    key,
    header: headers[key],
    width: WIDTHS[kinds[key]],
    style: styles[i] ?? {},
  }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: "middle", horizontal: "center", wrapText: true };
  header.commit();
  let count = 0;
  return {
    get count() {
      return count;
    },
    async add(row: Record<K, Cell>) {
      const cells: Record<string, string | number | Date | null> = {};
      for (const key of columns) {
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
    commit() {
      sheet.commit();
    },
  };
}

/**
 * Opens the hazard ledger (隐患台账) as an XLSX workbook streamed to `file`: one row per ticket,
 * then a second sheet 检查记录 with one row per inspection; Chinese headers from
 * prompts/report.yaml, header rows bold and frozen, dates as real Excel dates in Shanghai time.
 */
export function openLedgerXlsx(file: string, texts: ReportTexts): LedgerWriter {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true });
  workbook.creator = "xunjian";
  const flag = (v: boolean) => (v ? texts.flags.yes : texts.flags.no);
  const hazards = openSheet(workbook, texts.ledger.sheet, LedgerColumns, KINDS, texts.ledger.columns, flag);
  let inspections: ReturnType<typeof openSheet<InspectionLedgerColumn>> | null = null;
  const inspectionSheet = () => {
    if (inspections === null) {
      hazards.commit();
      const sheet = texts.ledger.inspections;
      inspections = openSheet(
        workbook,
        sheet.sheet,
        InspectionLedgerColumns,
        INSPECTION_KINDS,
        sheet.columns,
        flag,
      );
    }
    return inspections;
  };
  return {
    get count() {
      return hazards.count;
    },
    get inspectionCount() {
      return inspections?.count ?? 0;
    },
    async add(row) {
      if (inspections !== null) throw new Error("ledger: a hazard row after the inspections sheet was begun");
      await hazards.add(row);
    },
    async addInspection(row) {
      await inspectionSheet().add(row);
    },
    async close() {
      inspectionSheet().commit();
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

/** Writes the given ledger rows (and inspections, for 检查记录) to an XLSX file (see `openLedgerXlsx`). */
export async function writeLedgerXlsx(
  rows: Iterable<LedgerRow> | AsyncIterable<LedgerRow>,
  file: string,
  texts: ReportTexts,
  inspections: Iterable<InspectionLedgerRow> | AsyncIterable<InspectionLedgerRow> = [],
): Promise<void> {
  const writer = openLedgerXlsx(file, texts);
  try {
    for await (const row of rows) await writer.add(row);
    for await (const row of inspections) await writer.addInspection(row);
  } catch (e) {
    await writer.abort();
    throw e;
  }
  await writer.close();
}
