import { randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import type { AppDeps } from "../app/app-deps.ts";
import { loadCliTexts } from "../content/cli-texts.ts";
import { enterpriseSteps, type ImportStep, peopleSteps } from "./apply-import.ts";
import { EnterpriseColumns, mapHeader, PeopleColumns } from "./columns.ts";
import { loadDirectory } from "./directory.ts";
import { planEnterprises } from "./enterprise-rows.ts";
import { type BatchOptions, undoAbandonedImports, writeImport } from "./import-run.ts";
import { planPeople } from "./people-rows.ts";
import { readTable } from "./read-table.ts";
import { fileProblem, type ImportIssue, type ImportKind, type ImportProblem } from "./table.ts";

export type ImportOptions = {
  /** Validate and count, write nothing. */
  dryRun?: boolean;
  /** Ids for new areas and grids; tests pass a predictable one. */
  newId?: (prefix: string) => string;
  /** Told (rows written, rows in all) as the import is written: the CLI's progress bar. */
  onProgress?: (done: number, total: number) => void;
  /** How the writes are cut into transactions (tests make them small). */
  batches?: BatchOptions;
};

/** What an import did, or would do on a dry run, or why it did nothing. */
export type ImportResult = {
  ok: boolean;
  dryRun: boolean;
  created: number;
  updated: number;
  createdAreas: { id: string; name: string; parent: string | null }[];
  createdGrids: { id: string; name: string; area: string }[];
  /** Each with a stable `code` for scripts and its `message` in Chinese for office staff. */
  errors: ImportProblem[];
};

const randomId = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

/**
 * Imports a CSV or XLSX file of enterprises or people, all or nothing: every row is validated
 * first, and only when none has a problem are they written, in short transactions that are undone
 * together if one fails (see import-run.ts).
 */
export async function importFile(
  deps: AppDeps,
  kind: ImportKind,
  file: string,
  options: ImportOptions = {},
): Promise<ImportResult> {
  const dryRun = options.dryRun ?? false;
  const texts = loadCliTexts(deps.config.promptsDir);
  const failed = (issues: ImportIssue[]): ImportResult => ({
    ok: false,
    dryRun,
    created: 0,
    updated: 0,
    createdAreas: [],
    createdGrids: [],
    errors: issues.map(({ params, ...i }) => ({ ...i, message: texts.problem(i.code, params) })),
  });
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return failed([
      code === "ENOENT"
        ? fileProblem("file_not_found")
        : code === "EISDIR"
          ? fileProblem("file_is_directory")
          : fileProblem("file_unreadable", { reason: code ?? String(e) }),
    ]);
  }
  const read = await readTable(bytes);
  if (!read.ok) return failed([fileProblem(read.code, read.params)]);
  const { header, rows } = read.table;
  const noRows = [fileProblem("no_data_rows")];
  const directory = async () => {
    // An import a dead process left half-done is taken back first: this one validates against what stays.
    if (!dryRun) await undoAbandonedImports(deps);
    return deps.uow.read(loadDirectory);
  };
  const write = async (steps: ImportStep[]) =>
    dryRun
      ? ({ ok: true } as const)
      : writeImport(deps, kind, steps, {
          ...options.batches,
          ...(options.onProgress ? { onProgress: options.onProgress } : {}),
        });

  if (kind === "enterprises") {
    const mapped = mapHeader(EnterpriseColumns, header);
    if (!mapped.ok) return failed(mapped.problems);
    if (!rows.length) return failed(noRows);
    const dir = await directory();
    const { plan, problems } = planEnterprises(
      rows.map(mapped.view),
      dir,
      deps.content.texts,
      options.newId ?? randomId,
    );
    if (problems.length) return failed(problems);
    const written = await write(enterpriseSteps(plan));
    if (!written.ok) return failed([fileProblem(written.code, written.params)]);
    const areaName = (id: string) =>
      plan.newAreas.find((a) => a.id === id)?.name ?? dir.areas.find((a) => a.id === id)?.name ?? id;
    return {
      ok: true,
      dryRun,
      created: plan.records.filter((r) => !r.existingId).length,
      updated: plan.records.filter((r) => r.existingId).length,
      createdAreas: plan.newAreas.map((a) => ({
        id: a.id,
        name: a.name,
        parent: a.parentId && areaName(a.parentId),
      })),
      createdGrids: plan.newGrids.map((g) => ({ id: g.id, name: g.name, area: areaName(g.areaId) })),
      errors: [],
    };
  }
  const mapped = mapHeader(PeopleColumns, header);
  if (!mapped.ok) return failed(mapped.problems);
  if (!rows.length) return failed(noRows);
  const dir = await directory();
  const { records, problems } = planPeople(rows.map(mapped.view), dir, deps.content.texts);
  if (problems.length) return failed(problems);
  const written = await write(peopleSteps(records));
  if (!written.ok) return failed([fileProblem(written.code, written.params)]);
  const created = records.filter((r) => !r.existingId).length;
  return {
    ok: true,
    dryRun,
    created,
    updated: records.length - created,
    createdAreas: [],
    createdGrids: [],
    errors: [],
  };
}
