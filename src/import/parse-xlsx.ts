import ExcelJS from "exceljs";
import type { TableRow } from "./table.ts";

export type XlsxResult = { ok: true; rows: TableRow[] } | { ok: false; message: string };

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
      message: `a zip file but not a readable XLSX workbook (${e instanceof Error ? e.message : String(e)})`,
    };
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return { ok: false, message: "a zip file without worksheets; is it really an XLSX workbook?" };
  const rows: TableRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let c = 1; c <= row.cellCount; c++) cells.push(row.getCell(c).text.trim());
    if (cells.some((c) => c !== "")) rows.push({ row: rowNumber, cells });
  });
  return { ok: true, rows };
}
