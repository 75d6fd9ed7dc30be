import { isRole, type Role, Roles } from "../domain/people/role.ts";
import type { Texts } from "../domain/texts.ts";
import type { PeopleColumn, RowView } from "./columns.ts";
import { byIdOrName, type Directory, nameWithId } from "./directory.ts";
import { checkCreditCode, checkPhone, splitList } from "./field-checks.ts";
import type { ImportIssue } from "./table.ts";

/** One person as they will be stored; grids and areas replace the stored ones. */
export type PersonRecord = {
  row: number;
  existingId: string | null;
  name: string;
  phone: string;
  role: Role;
  enterpriseId: string | null;
  gridIds: string[];
  areaIds: string[];
};

/** Which of the link columns each role needs ("required"), may have ("optional") or must leave empty. */
const LINKS: Record<
  Role,
  Record<"enterpriseCreditCode" | "grids" | "areas", "required" | "optional" | "none">
> = {
  enterprise_head: { enterpriseCreditCode: "required", grids: "none", areas: "none" },
  grid_worker: { enterpriseCreditCode: "none", grids: "required", areas: "none" },
  leader: { enterpriseCreditCode: "none", grids: "none", areas: "required" },
  admin: { enterpriseCreditCode: "none", grids: "none", areas: "optional" },
  inspector: { enterpriseCreditCode: "none", grids: "none", areas: "required" },
  expert: { enterpriseCreditCode: "none", grids: "none", areas: "required" },
};

/**
 * Validates every row of a people import against the directory, without touching the database.
 * Enterprises, grids and areas must already exist: a person is never the reason one is created.
 */
export function planPeople(
  rows: readonly RowView<PeopleColumn>[],
  dir: Directory,
  texts: Texts,
): { records: PersonRecord[]; problems: ImportIssue[] } {
  const seen = new Map<string, number>();
  const records: PersonRecord[] = [];
  const problems: ImportIssue[] = [];
  for (const r of rows) {
    const before = problems.length;
    const problem = (key: PeopleColumn, { code, params }: Pick<ImportIssue, "code" | "params">) =>
      problems.push({ row: r.row, column: r.column(key), code, ...(params ? { params } : {}) });
    const required = (key: PeopleColumn) => {
      const v = r.value(key);
      if (v === "") problem(key, { code: "required_empty" });
      return v;
    };

    const name = required("name");
    const rawPhone = required("phone");
    let phone = "";
    if (rawPhone !== "") {
      const checked = checkPhone(rawPhone);
      if (!checked.ok) problem("phone", checked);
      else if (seen.has(checked.value))
        problem("phone", {
          code: "duplicate_phone",
          params: { phone: checked.value, row: seen.get(checked.value) ?? 0 },
        });
      else {
        phone = checked.value;
        seen.set(phone, r.row);
      }
    }

    const rawRole = required("role");
    const code = rawRole === "" ? null : texts.codeOf("role", rawRole);
    const role = code !== null && isRole(code) ? code : null;
    if (rawRole !== "" && role === null)
      problem("role", {
        code: "unknown_role",
        params: { value: rawRole, choices: Roles.map((c) => texts.label("role", c)) },
      });
    if (role === null) continue;

    const roleName = texts.label("role", role);
    const links = LINKS[role];
    for (const key of ["enterpriseCreditCode", "grids", "areas"] as const) {
      const need = links[key];
      if (need === "required" && r.value(key) === "")
        problem(key, { code: "required_for_role", params: { role: roleName } });
      if (need === "none" && r.value(key) !== "")
        problem(key, { code: "not_for_role", params: { role: roleName } });
    }

    let enterpriseId: string | null = null;
    const rawCode = links.enterpriseCreditCode === "none" ? "" : r.value("enterpriseCreditCode");
    if (rawCode !== "") {
      const checked = checkCreditCode(rawCode);
      const enterprise = checked.ok ? dir.enterprises.get(checked.value) : undefined;
      if (!checked.ok) problem("enterpriseCreditCode", checked);
      else if (!enterprise)
        problem("enterpriseCreditCode", { code: "enterprise_not_found", params: { code: checked.value } });
      else enterpriseId = enterprise.id;
    }
    const gridIds =
      links.grids === "none" ? [] : refs(r.value("grids"), dir.grids, "grid", (m) => problem("grids", m));
    const areaIds =
      links.areas === "none" ? [] : refs(r.value("areas"), dir.areas, "area", (m) => problem("areas", m));

    if (problems.length > before) continue;
    records.push({
      row: r.row,
      existingId: dir.people.get(phone)?.id ?? null,
      name,
      phone,
      role,
      enterpriseId,
      gridIds,
      areaIds,
    });
  }
  return { records, problems };
}

/** Ids of the stored grids or areas a list cell names by id or name; each unknown one is a problem. */
function refs(
  cell: string,
  rows: readonly { id: string; name: string }[],
  what: "grid" | "area",
  problem: (issue: Pick<ImportIssue, "code" | "params">) => void,
): string[] {
  const ids: string[] = [];
  for (const item of splitList(cell)) {
    const found = byIdOrName(rows, item);
    if (found.kind === "found") ids.push(found.row.id);
    else if (found.kind === "ambiguous")
      problem({
        code: what === "grid" ? "ambiguous_grid_ref" : "ambiguous_area_ref",
        params: { value: item, matches: found.rows.map(nameWithId) },
      });
    else problem({ code: what === "grid" ? "unknown_grid" : "unknown_area", params: { value: item } });
  }
  return [...new Set(ids)];
}
