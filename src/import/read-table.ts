import { firstInvalidUtf8Line, parseCsv } from "./parse-csv.ts";
import { parseXlsx } from "./parse-xlsx.ts";
import type { Table } from "./table.ts";

export type SpreadsheetFormat = "csv" | "xlsx";

export type ReadResult =
  | { ok: true; format: SpreadsheetFormat; table: Table }
  | { ok: false; message: string };

const ZIP = [0x50, 0x4b, 0x03, 0x04];

/** Signatures of files operators pick by mistake, named so the message says what they picked. */
const KNOWN_BINARIES: { magic: number[]; what: string }[] = [
  {
    magic: [0xd0, 0xcf, 0x11, 0xe0],
    what: "an old Excel .xls (or other Office 97) file; save it as .xlsx or CSV UTF-8",
  },
  { magic: [0x25, 0x50, 0x44, 0x46], what: "a PDF file" },
  { magic: [0x89, 0x50, 0x4e, 0x47], what: "a PNG image" },
  { magic: [0xff, 0xd8, 0xff], what: "a JPEG image" },
  { magic: [0x47, 0x49, 0x46, 0x38], what: "a GIF image" },
  { magic: [0xff, 0xfe], what: "UTF-16 text; save it as CSV UTF-8" },
  { magic: [0xfe, 0xff], what: "UTF-16 text; save it as CSV UTF-8" },
];

const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);

/**
 * Reads an import file into a header and rows of strings. The format is decided by content:
 * XLSX is a zip ("PK\x03\x04"), anything else must be UTF-8 CSV. Failures are values whose
 * message says what the file is and what to do.
 */
export async function readTable(bytes: Buffer): Promise<ReadResult> {
  const known = KNOWN_BINARIES.find((k) => startsWith(bytes, k.magic));
  if (known) return { ok: false, message: `not a CSV or XLSX spreadsheet: ${known.what}` };
  let format: SpreadsheetFormat;
  let parsed: Awaited<ReturnType<typeof parseXlsx>>;
  if (startsWith(bytes, ZIP)) {
    format = "xlsx";
    parsed = await parseXlsx(bytes);
  } else {
    format = "csv";
    // NUL bytes never occur in text, so they mark a binary file before the UTF-8 check would.
    if (bytes.subarray(0, 8192).includes(0))
      return { ok: false, message: "not a CSV or XLSX spreadsheet: the file is binary" };
    const badLine = firstInvalidUtf8Line(bytes);
    if (badLine !== null)
      return {
        ok: false,
        message: `not valid UTF-8 (first bad byte on line ${badLine}); only UTF-8 CSV is accepted. If it was saved as GBK/ANSI, save it again as "CSV UTF-8" or as .xlsx`,
      };
    parsed = parseCsv(bytes.toString("utf8"));
  }
  if (!parsed.ok) return parsed;
  const [header, ...rows] = parsed.rows;
  if (!header) return { ok: false, message: "the file is empty" };
  return { ok: true, format, table: { header: header.cells, rows } };
}
