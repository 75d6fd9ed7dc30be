/** A spreadsheet read into strings: the header cells and the data rows below it. */
export type Table = { header: string[]; rows: TableRow[] };

/** One data row; `row` is the spreadsheet row number (the header is row 1). */
export type TableRow = { row: number; cells: string[] };

/** One thing wrong with an import file. `row` 0 means the file as a whole. */
export type ImportProblem = { row: number; column: string; message: string };

/** What an import brings in: one spreadsheet kind per command. */
export const ImportKinds = ["enterprises", "people"] as const;
export type ImportKind = (typeof ImportKinds)[number];

/** A problem with the file as a whole (empty, unreadable, wrong format). */
export function fileProblem(message: string): ImportProblem {
  return { row: 0, column: "(file)", message };
}
