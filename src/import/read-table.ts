import type { ImportProblemCode, Params } from "../content/cli-texts.ts";
import { firstInvalidUtf8Line, parseCsv } from "./parse-csv.ts";
import type { Table } from "./table.ts";

export type SpreadsheetFormat = "csv" | "xlsx";

export type ReadResult =
  | { ok: true; format: SpreadsheetFormat; table: Table }
  | { ok: false; code: ImportProblemCode; params?: Params };

const ZIP = [0x50, 0x4b, 0x03, 0x04];

/** Signatures of files operators pick by mistake, named so the message says what they picked. */
const KNOWN_BINARIES: { magic: number[]; code: ImportProblemCode }[] = [
  { magic: [0xd0, 0xcf, 0x11, 0xe0], code: "file_xls" },
  { magic: [0x25, 0x50, 0x44, 0x46], code: "file_pdf" },
  { magic: [0x89, 0x50, 0x4e, 0x47], code: "file_image" },
  { magic: [0xff, 0xd8, 0xff], code: "file_image" },
  { magic: [0x47, 0x49, 0x46, 0x38], code: "file_image" },
  { magic: [0xff, 0xfe], code: "file_utf16" },
  { magic: [0xfe, 0xff], code: "file_utf16" },
];

const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);

/**
 * Reads an import file into a header and rows of strings. The format is decided by content:
 * XLSX is a zip ("PK\x03\x04"), anything else must be UTF-8 CSV. Failures are values whose
 * message says what the file is and what to do.
 */
export async function readTable(bytes: Buffer): Promise<ReadResult> {
  const known = KNOWN_BINARIES.find((k) => startsWith(bytes, k.magic));
  if (known) return { ok: false, code: known.code };
  let format: SpreadsheetFormat;
  let parsed: { ok: true; rows: Table["rows"] } | { ok: false; code: ImportProblemCode; params?: Params };
  if (startsWith(bytes, ZIP)) {
    format = "xlsx";
    // exceljs is loaded only for a workbook: every other command, and a CSV import, go without it.
    const { parseXlsx } = await import("./parse-xlsx.ts");
    parsed = await parseXlsx(bytes);
  } else {
    format = "csv";
    // NUL bytes never occur in text, so they mark a binary file before the UTF-8 check would.
    if (bytes.subarray(0, 8192).includes(0)) return { ok: false, code: "file_binary" };
    const badLine = firstInvalidUtf8Line(bytes);
    if (badLine !== null) return { ok: false, code: "file_not_utf8", params: { line: badLine } };
    parsed = parseCsv(bytes.toString("utf8"));
  }
  if (!parsed.ok) return parsed;
  const [header, ...rows] = parsed.rows;
  if (!header) return { ok: false, code: "file_empty" };
  return { ok: true, format, table: { header: header.cells, rows } };
}
