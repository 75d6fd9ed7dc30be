import { parse } from "csv-parse/sync";
import type { ImportProblemCode, Params } from "../content/cli-texts.ts";
import type { TableRow } from "./table.ts";

export type CsvResult =
  | { ok: true; rows: TableRow[] }
  | { ok: false; code: ImportProblemCode; params?: Params };

/** Where the first byte that is not UTF-8 sits, as a 1-based line number, or null if all is UTF-8. */
export function firstInvalidUtf8Line(bytes: Uint8Array): number | null {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return null;
  } catch {
    // Decode line by line to name the line: operators fix a GBK file by re-saving it, but a
    // single stray byte in an otherwise UTF-8 file is easier to find by its line.
    const decoder = new TextDecoder("utf-8", { fatal: true });
    let line = 1;
    let start = 0;
    for (let i = 0; i <= bytes.length; i++) {
      if (i < bytes.length && bytes[i] !== 0x0a) continue;
      try {
        decoder.decode(bytes.subarray(start, i));
      } catch {
        return line;
      }
      line++;
      start = i + 1;
    }
    return 1;
  }
}

/** The delimiter of the header line: Excel writes ";" or tabs in some locales. */
function delimiterOf(text: string): string {
  const first = text.split(/\r?\n/, 1)[0] ?? "";
  const counts = [",", ";", "\t"].map((d) => [d, first.split(d).length - 1] as const);
  const best = counts.reduce((a, b) => (b[1] > a[1] ? b : a));
  return best[1] > 0 ? best[0] : ",";
}

/**
 * Parses UTF-8 CSV text (a BOM is dropped) into trimmed rows numbered as a spreadsheet would
 * number them: one record per row even when a quoted cell spans several lines. Blank rows are
 * left out but keep their numbers counted.
 */
export function parseCsv(text: string): CsvResult {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let records: string[][];
  try {
    records = parse(body, {
      delimiter: delimiterOf(body),
      relax_column_count: true,
      skip_empty_lines: false,
    }) as string[][];
  } catch (e) {
    return {
      ok: false,
      code: "csv_unreadable",
      params: { reason: e instanceof Error ? e.message : String(e) },
    };
  }
  const rows = records
    .map((cells, i) => ({ row: i + 1, cells: cells.map((c) => c.trim()) }))
    .filter((r) => r.cells.some((c) => c !== ""));
  return { ok: true, rows };
}
