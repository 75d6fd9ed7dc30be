import ExcelJS from "exceljs";
import type { ImportProblemCode, Params } from "../content/cli-texts.ts";
import type { TableRow } from "./table.ts";

export type XlsxResult =
  | { ok: true; rows: TableRow[] }
  | { ok: false; code: ImportProblemCode; params?: Params };

/**
 * Reads the first worksheet of an XLSX workbook as displayed text (numbers as shown, rich text
 * joined, formulas as their results), keeping Excel's own row numbers.
 */
export async function parseXlsx(bytes: Buffer): Promise<XlsxResult> {
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs declares its own Buffer type; a Node Buffer is what it reads at run time.
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  } catch (e) {
    return {
      ok: false,
      code: "xlsx_unreadable",
      params: { reason: e instanceof Error ? e.message : String(e) },
    };
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return { ok: false, code: "xlsx_no_sheet" };
  const rows: TableRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let c = 1; c <= row.cellCount; c++) cells.push(row.getCell(c).text.trim());
    if (cells.some((c) => c !== "")) rows.push({ row: rowNumber, cells });
  });
  return { ok: true, rows };
}
