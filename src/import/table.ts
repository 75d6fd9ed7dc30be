import type { ImportProblemCode, Params } from "../content/cli-texts.ts";

/** A spreadsheet read into strings: the header cells and the data rows below it. */
export type Table = { header: string[]; rows: TableRow[] };

/** One data row; `row` is the spreadsheet row number (the header is row 1). */
export type TableRow = { row: number; cells: string[] };

/**
 * One thing wrong with an import file, as the checks find it: a stable code (printed by `--json`
 * for scripts) and the values its sentence in prompts/cli.yaml needs. `row` 0 means the file as a
 * whole.
 */
export type ImportIssue = { row: number; column: string; code: ImportProblemCode; params?: Params };

/** An issue as reported: with its sentence in Chinese, for the office staff who fix the file. */
export type ImportProblem = { row: number; column: string; code: ImportProblemCode; message: string };

/** A check's verdict on one cell or file: the value, or the issue's code and values. */
export type Checked<T> = { ok: true; value: T } | { ok: false; code: ImportProblemCode; params?: Params };

/** What an import brings in: one spreadsheet kind per command. */
export const ImportKinds = ["enterprises", "people"] as const;
export type ImportKind = (typeof ImportKinds)[number];

/** A problem with the file as a whole (empty, unreadable, wrong format). */
export function fileProblem(code: ImportProblemCode, params?: Params): ImportIssue {
  return { row: 0, column: "(file)", code, ...(params ? { params } : {}) };
}
