import { randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import type { AppDeps } from "../app/app-deps.ts";
import { applyEnterprises, applyPeople } from "./apply-import.ts";
import { EnterpriseColumns, mapHeader, PeopleColumns } from "./columns.ts";
import { loadDirectory } from "./directory.ts";
import { planEnterprises } from "./enterprise-rows.ts";
import { planPeople } from "./people-rows.ts";
import { readTable } from "./read-table.ts";
import { fileProblem, type ImportKind, type ImportProblem } from "./table.ts";

export type ImportOptions = {
  /** Validate and count, write nothing. */
  dryRun?: boolean;
  /** Ids for new areas and grids; tests pass a predictable one. */
  newId?: (prefix: string) => string;
};

/** What an import did, or would do on a dry run, or why it did nothing. */
export type ImportResult = {
  ok: boolean;
  dryRun: boolean;
  created: number;
  updated: number;
  createdAreas: { id: string; name: string; parent: string | null }[];
  createdGrids: { id: string; name: string; area: string }[];
  errors: ImportProblem[];
};

const randomId = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

/**
 * Imports a CSV or XLSX file of enterprises or people, all or nothing: every row is validated
 * first, and only when none has a problem are all of them written in one transaction.
 */
export async function importFile(
  deps: AppDeps,
  kind: ImportKind,
  file: string,
  options: ImportOptions = {},
): Promise<ImportResult> {
  const dryRun = options.dryRun ?? false;
  const failed = (errors: ImportProblem[]): ImportResult => ({
    ok: false,
    dryRun,
    created: 0,
    updated: 0,
    createdAreas: [],
    createdGrids: [],
    errors,
  });
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return failed([
      fileProblem(code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a directory" : String(e)),
    ]);
  }
  const read = await readTable(bytes);
  if (!read.ok) return failed([fileProblem(read.message)]);
  const { header, rows } = read.table;
  const done = (
    created: number,
    updated: number,
    places: Pick<ImportResult, "createdAreas" | "createdGrids">,
  ) => ({ ok: true, dryRun, created, updated, ...places, errors: [] }) satisfies ImportResult;
  const noRows = [fileProblem("has a header row but no data rows")];

  if (kind === "enterprises") {
    const mapped = mapHeader(EnterpriseColumns, header);
    if (!mapped.ok) return failed(mapped.problems);
    if (!rows.length) return failed(noRows);
    const dir = await deps.uow.read(loadDirectory);
    const { plan, problems } = planEnterprises(
      rows.map(mapped.view),
      dir,
      deps.content.texts,
      options.newId ?? randomId,
    );
    if (problems.length) return failed(problems);
    if (!dryRun) await applyEnterprises(deps.uow, plan);
    const areaName = (id: string) =>
      plan.newAreas.find((a) => a.id === id)?.name ?? dir.areas.find((a) => a.id === id)?.name ?? id;
    return done(
      plan.records.filter((r) => !r.existingId).length,
      plan.records.filter((r) => r.existingId).length,
      {
        createdAreas: plan.newAreas.map((a) => ({
          id: a.id,
          name: a.name,
          parent: a.parentId && areaName(a.parentId),
        })),
        createdGrids: plan.newGrids.map((g) => ({ id: g.id, name: g.name, area: areaName(g.areaId) })),
      },
    );
  }
  const mapped = mapHeader(PeopleColumns, header);
  if (!mapped.ok) return failed(mapped.problems);
  if (!rows.length) return failed(noRows);
  const dir = await deps.uow.read(loadDirectory);
  const { records, problems } = planPeople(rows.map(mapped.view), dir, deps.content.texts);
  if (problems.length) return failed(problems);
  if (!dryRun) await applyPeople(deps.uow, records);
  const created = records.filter((r) => !r.existingId).length;
  return done(created, records.length - created, { createdAreas: [], createdGrids: [] });
}
