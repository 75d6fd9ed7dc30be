import type { ImportIssue, TableRow } from "./table.ts";

/** One column an import understands: its key, the headers that name it, and whether it must be there. */
export type ColumnSpec<K extends string = string> = { key: K; names: readonly string[]; required: boolean };

export const EnterpriseColumns = [
  { key: "name", names: ["企业名称", "name"], required: true },
  { key: "creditCode", names: ["统一社会信用代码", "credit_code"], required: true },
  { key: "industry", names: ["行业", "industry"], required: true },
  { key: "area", names: ["所属区域", "area"], required: true },
  { key: "grid", names: ["网格", "grid"], required: false },
  { key: "class", names: ["监管等级", "class"], required: false },
  { key: "address", names: ["地址", "address"], required: false },
] as const satisfies readonly ColumnSpec[];

export const PeopleColumns = [
  { key: "name", names: ["姓名", "name"], required: true },
  { key: "phone", names: ["手机号", "phone"], required: true },
  { key: "role", names: ["角色", "role"], required: true },
  { key: "enterpriseCreditCode", names: ["所属企业信用代码", "enterprise_credit_code"], required: false },
  { key: "grids", names: ["负责网格", "grids"], required: false },
  { key: "areas", names: ["负责区域", "areas"], required: false },
] as const satisfies readonly ColumnSpec[];

export type EnterpriseColumn = (typeof EnterpriseColumns)[number]["key"];
export type PeopleColumn = (typeof PeopleColumns)[number]["key"];

/**
 * Headers compare case-insensitively and ignore spaces, "_" and "-", and the "*" templates put
 * on required columns, so "Credit Code", "credit_code" and "*统一社会信用代码" all match.
 */
const normalise = (header: string) => header.replace(/[*＊\s_-]/g, "").toLowerCase();

/** The cells of one row by column key, and the header each came from (for messages). */
export type RowView<K extends string> = {
  row: number;
  /** The trimmed cell, "" when empty or when the file has no such column. */
  value(key: K): string;
  /** Whether the file has the column at all: an absent optional column leaves stored values alone. */
  has(key: K): boolean;
  /** The header as written in the file, or the first accepted name. */
  column(key: K): string;
};

export type HeaderResult<K extends string> =
  | { ok: true; view(row: TableRow): RowView<K> }
  | { ok: false; problems: ImportIssue[] };

/** Matches a header row against the columns of an import; unknown headers are ignored. */
export function mapHeader<K extends string>(
  specs: readonly ColumnSpec<K>[],
  header: string[],
): HeaderResult<K> {
  const index = new Map<K, number>();
  const problems: ImportIssue[] = [];
  header.forEach((cell, i) => {
    const spec = specs.find((s) => s.names.some((n) => normalise(n) === normalise(cell)));
    if (!spec || cell === "") return;
    const earlier = index.get(spec.key);
    if (earlier !== undefined)
      problems.push({
        row: 1,
        column: cell,
        code: "duplicate_column",
        params: { other: header[earlier] ?? "", names: spec.names.join("/") },
      });
    else index.set(spec.key, i);
  });
  for (const spec of specs)
    if (spec.required && !index.has(spec.key))
      problems.push({
        row: 1,
        column: spec.names[0] ?? spec.key,
        code: "missing_column",
        params: { names: spec.names.join(" / ") },
      });
  if (problems.length) return { ok: false, problems };
  const nameOf = (key: K) => {
    const i = index.get(key);
    return i === undefined ? (specs.find((s) => s.key === key)?.names[0] ?? key) : (header[i] ?? key);
  };
  return {
    ok: true,
    view: (r) => ({
      row: r.row,
      value: (key) => {
        const i = index.get(key);
        return i === undefined ? "" : (r.cells[i] ?? "");
      },
      has: (key) => index.has(key),
      column: nameOf,
    }),
  };
}
