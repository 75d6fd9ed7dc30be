import { AppError } from "../domain/app-error.ts";
import { isRole } from "../domain/people/role.ts";
import type { EnterpriseFields, PersonFields, PersonPlaces } from "./directory-store.ts";
import { dbInstant, type Sql } from "./sql.ts";

/** An import being written in batches, and the process writing it. */
export type ImportRunInfo = { id: string; kind: string; pid: number; host: string; startedAt: Date };

/**
 * How to put back one row an import wrote: a row it created is deleted; a row it updated gets the
 * values it had before.
 */
export type ImportUndoEntry =
  | { kind: "area" | "grid" | "enterprise" | "person"; id: string }
  | { kind: "enterprise_was"; id: string; fields: Required<EnterpriseFields> }
  | { kind: "person_was"; id: string; fields: PersonFields; places: PersonPlaces };

const BEGIN = `INSERT INTO ImportRun (id, kind, pid, host, startedAt) VALUES (?, ?, ?, ?, ?)`;
const RECORD = `INSERT INTO ImportUndo (runId, entry) VALUES (?, ?)`;
const RUNS = `SELECT id, kind, pid, host, startedAt FROM ImportRun ORDER BY startedAt`;
const LATEST = `SELECT id, entry FROM ImportUndo WHERE runId = ? ORDER BY id DESC LIMIT ?`;
const FORGET = `DELETE FROM ImportUndo WHERE id IN (SELECT value FROM json_each(?))`;
const FINISH = `DELETE FROM ImportRun WHERE id = ?`;
const ENTERPRISE_WAS = `
SELECT name, industry, areaId, gridId, supervisionClass, address FROM Enterprise WHERE id = ?`;
const PERSON_WAS = `SELECT name, role, enterpriseId FROM Person WHERE id = ?`;
const PERSON_GRIDS = `SELECT gridId FROM PersonGrid WHERE personId = ? ORDER BY gridId`;
const PERSON_AREAS = `SELECT areaId FROM PersonArea WHERE personId = ? ORDER BY areaId`;
/** Rows an import created, by kind; a person's grids and areas go with them (ON DELETE CASCADE). */
const DELETE = {
  area: `DELETE FROM Area WHERE id = ?`,
  grid: `DELETE FROM Grid WHERE id = ?`,
  enterprise: `DELETE FROM Enterprise WHERE id = ?`,
  person: `DELETE FROM Person WHERE id = ?`,
} as const;

/**
 * The journal of imports written in batches (`ImportRun`, `ImportUndo`): each batch records, in its
 * own transaction, how to undo every row it wrote, so the import can be taken back whole after a
 * later batch fails or its process dies. Prepared statements: a 20,000-row import records 20,000
 * entries.
 */
export class ImportJournalStore {
  constructor(private readonly sql: Sql) {}

  /** Starts the journal of an import. */
  async begin(run: ImportRunInfo): Promise<void> {
    this.sql.statement(BEGIN).run(run.id, run.kind, run.pid, run.host, dbInstant(run.startedAt));
  }

  /** Records how to undo rows just written, in the order they were written. */
  async record(runId: string, entries: readonly ImportUndoEntry[]): Promise<void> {
    const insert = this.sql.statement(RECORD);
    for (const e of entries) insert.run(runId, JSON.stringify(e));
  }

  /** Imports started and not finished (running, or left by a process that died). */
  async runs(): Promise<ImportRunInfo[]> {
    const rows = this.sql.statement(RUNS).all() as (Omit<ImportRunInfo, "startedAt"> & {
      startedAt: string;
    })[];
    return rows.map((r) => ({ ...r, startedAt: new Date(r.startedAt) }));
  }

  /** Up to `limit` of the run's undo entries, the last written first. */
  async latest(runId: string, limit: number): Promise<{ id: number; entry: ImportUndoEntry }[]> {
    const rows = this.sql.statement(LATEST).all(runId, limit) as { id: number; entry: string }[];
    return rows.map((r) => ({ id: r.id, entry: JSON.parse(r.entry) as ImportUndoEntry }));
  }

  /** Drops undo entries that were applied. */
  async forget(ids: readonly number[]): Promise<void> {
    this.sql.statement(FORGET).run(JSON.stringify(ids));
  }

  /** Ends the journal of an import (finished, or wholly undone); its entries go with it. */
  async finish(runId: string): Promise<void> {
    this.sql.statement(FINISH).run(runId);
  }

  /** An enterprise's fields as stored, before an import updates them. */
  async enterpriseWas(id: string): Promise<Required<EnterpriseFields>> {
    const row = this.sql.statement(ENTERPRISE_WAS).get(id) as Required<EnterpriseFields> | undefined;
    if (!row) throw new AppError("conflict", `enterprise ${id} is not there`);
    return row;
  }

  /** A person's fields and places as stored, before an import updates them. */
  async personWas(id: string): Promise<{ fields: PersonFields; places: PersonPlaces }> {
    const row = this.sql.statement(PERSON_WAS).get(id) as
      | { name: string; role: string; enterpriseId: string | null }
      | undefined;
    if (!row) throw new AppError("conflict", `person ${id} is not there`);
    if (!isRole(row.role)) throw new AppError("internal", `person ${id} has an unknown role ${row.role}`);
    const grids = this.sql.statement(PERSON_GRIDS).all(id) as { gridId: string }[];
    const areas = this.sql.statement(PERSON_AREAS).all(id) as { areaId: string }[];
    return {
      fields: { name: row.name, role: row.role, enterpriseId: row.enterpriseId },
      places: { gridIds: grids.map((g) => g.gridId), areaIds: areas.map((a) => a.areaId) },
    };
  }

  /**
   * Deletes a row an import created. A row something else came to refer to meanwhile (a person
   * who bound a chat account in between) cannot go: the foreign key refuses, and the undo stops.
   */
  async deleteCreated(kind: keyof typeof DELETE, id: string): Promise<void> {
    this.sql.statement(DELETE[kind]).run(id);
  }
}
