import type { Industry } from "../domain/industry.ts";
import { industryChoices, parseIndustry } from "../domain/parse-industry.ts";
import type { Texts } from "../domain/texts.ts";
import type { EnterpriseColumn, RowView } from "./columns.ts";
import type { AreaRow, Directory, GridRow } from "./directory.ts";
import { checkCreditCode } from "./field-checks.ts";
import { PlacePlanner } from "./place-planner.ts";
import type { ImportIssue } from "./table.ts";

/**
 * One enterprise as it will be stored. Optional fields are `undefined` when the file has no such
 * column (the stored value stays), `null` when the cell is empty (the stored value is cleared).
 */
export type EnterpriseRecord = {
  row: number;
  existingId: string | null;
  creditCode: string;
  name: string;
  industry: Industry;
  areaId: string;
  gridId: string | null | undefined;
  supervisionClass: string | null | undefined;
  address: string | null | undefined;
};

/** Everything an enterprise import would write. */
export type EnterprisePlan = { records: EnterpriseRecord[]; newAreas: AreaRow[]; newGrids: GridRow[] };

const MAX_CLASS_LENGTH = 8;

/**
 * Validates every row of an enterprise import against the directory, without touching the
 * database: the records to write and every problem found, each naming its row and column.
 */
export function planEnterprises(
  rows: readonly RowView<EnterpriseColumn>[],
  dir: Directory,
  texts: Texts,
  newId: (prefix: string) => string,
): { plan: EnterprisePlan; problems: ImportIssue[] } {
  const places = new PlacePlanner(dir, newId);
  const seen = new Map<string, number>();
  const records: EnterpriseRecord[] = [];
  const problems: ImportIssue[] = [];
  for (const r of rows) {
    const before = problems.length;
    const problem = (key: EnterpriseColumn, { code, params }: Pick<ImportIssue, "code" | "params">) =>
      problems.push({ row: r.row, column: r.column(key), code, ...(params ? { params } : {}) });
    const required = (key: EnterpriseColumn) => {
      const v = r.value(key);
      if (v === "") problem(key, { code: "required_empty" });
      return v;
    };

    const name = required("name");
    const rawCode = required("creditCode");
    let creditCode = "";
    if (rawCode !== "") {
      const code = checkCreditCode(rawCode);
      if (!code.ok) problem("creditCode", code);
      else if (seen.has(code.value))
        problem("creditCode", {
          code: "duplicate_credit_code",
          params: { code: code.value, row: seen.get(code.value) ?? 0 },
        });
      else {
        creditCode = code.value;
        seen.set(creditCode, r.row);
      }
    }

    const rawIndustry = required("industry");
    const industry = rawIndustry === "" ? null : parseIndustry(rawIndustry, texts);
    if (rawIndustry !== "" && industry === null)
      problem("industry", {
        code: "unknown_industry",
        params: { value: rawIndustry, choices: industryChoices(texts) },
      });

    const rawArea = required("area");
    let areaId: string | null = null;
    if (rawArea !== "") {
      const area = places.area(rawArea);
      if (area.ok) areaId = area.value;
      else problem("area", area);
    }

    let gridId: string | null | undefined = r.has("grid") ? null : undefined;
    const rawGrid = r.value("grid");
    if (rawGrid !== "" && areaId !== null) {
      const grid = places.grid(rawGrid, areaId);
      if (grid.ok) gridId = grid.value;
      else problem("grid", grid);
    }

    const rawClass = r.value("class");
    if (rawClass.length > MAX_CLASS_LENGTH)
      problem("class", {
        code: "class_too_long",
        params: { max: MAX_CLASS_LENGTH, length: rawClass.length },
      });

    if (problems.length > before || industry === null || areaId === null) continue;
    const existing = dir.enterprises.get(creditCode);
    // A file without a grid column keeps the stored grid, unless the enterprise moves to another
    // area: a grid never holds enterprises of an area it is not part of.
    if (gridId === undefined && existing && existing.areaId !== areaId) gridId = null;
    records.push({
      row: r.row,
      existingId: existing?.id ?? null,
      creditCode,
      name,
      industry,
      areaId,
      gridId,
      // Rules compare the class as a string, so "b" and "B" must be stored as one class.
      supervisionClass: optional(r, "class", (v) => (/^[a-z]$/.test(v) ? v.toUpperCase() : v)),
      address: optional(r, "address"),
    });
  }
  return { plan: { records, newAreas: places.newAreas, newGrids: places.newGrids }, problems };
}

function optional(
  r: RowView<EnterpriseColumn>,
  key: EnterpriseColumn,
  f = (v: string) => v,
): string | null | undefined {
  if (!r.has(key)) return undefined;
  const v = r.value(key);
  return v === "" ? null : f(v);
}
