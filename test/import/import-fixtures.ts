import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { creditCodeCheckChar } from "../../src/domain/credit-code.ts";

/** A valid GB 32100 credit code numbered `n`, unlike any demo park code. */
export function validCode(n: number): string {
  const first17 = `91320505MB${String(n).padStart(7, "0")}`;
  return `${first17}${creditCodeCheckChar(first17)}`;
}

/** The same code with a wrong check character. */
export function wrongCheck(code: string): string {
  const last = code.charAt(17) === "0" ? "1" : "0";
  return code.slice(0, 17) + last;
}

/** CSV text from rows of cells (no cell in these fixtures needs quoting). */
export const csv = (rows: string[][]) => `${rows.map((r) => r.join(",")).join("\n")}\n`;

/** Writes a file into a fresh temporary directory and returns its path. */
export function tempFile(name: string, content: string | Uint8Array): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "xunjian-import-"));
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

/** An XLSX workbook whose first worksheet holds the rows, written the way Excel users would. */
export async function xlsxBytes(rows: (string | number | null)[][], extraSheet = false): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("企业");
  for (const r of rows) sheet.addRow(r);
  if (extraSheet) workbook.addWorksheet("说明").addRow(["this sheet is not read"]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Predictable ids for new areas and grids: area-1, grid-2, ... */
export function counterIds(): (prefix: string) => string {
  let n = 0;
  return (prefix) => `${prefix}-${++n}`;
}

export const ENTERPRISE_HEADER = [
  "企业名称",
  "统一社会信用代码",
  "行业",
  "所属区域",
  "网格",
  "监管等级",
  "地址",
];
export const PEOPLE_HEADER = ["姓名", "手机号", "角色", "所属企业信用代码", "负责网格", "负责区域"];

/** A demo park enterprise (华宁精细化工, in 化工园区 / 化工园区网格). */
export const DEMO_CHEMICALS = "91320505MA00000018";
