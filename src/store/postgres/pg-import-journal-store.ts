import { AppError } from "../../domain/app-error.ts";
import { isRole } from "../../domain/people/role.ts";
import type { EnterpriseFields, PersonFields, PersonPlaces } from "../directory-store.ts";
import { ImportJournalStore, type ImportRunInfo, type ImportUndoEntry } from "../import-journal-store.ts";
import { NO_SQLITE, type PgSql, pgInstant } from "../sql.ts";

const BEGIN = `INSERT INTO "ImportRun" (id, kind, pid, host, "startedAt") VALUES ($1, $2, $3::int, $4, $5::timestamp)`;
/** All entries of a batch in one statement, in their order (the serial id follows it). */
const RECORD = `INSERT INTO "ImportUndo" ("runId", entry)
  SELECT $1, e FROM unnest($2::text[]) WITH ORDINALITY AS x(e, n) ORDER BY n`;
const RUNS = `SELECT id, kind, pid, host, "startedAt" FROM "ImportRun" ORDER BY "startedAt"`;
const LATEST = `SELECT id, entry FROM "ImportUndo" WHERE "runId" = $1 ORDER BY id DESC LIMIT $2::int`;
const FORGET = `DELETE FROM "ImportUndo" WHERE id = ANY($1::int[])`;
const FINISH = `DELETE FROM "ImportRun" WHERE id = $1`;
const ENTERPRISE_WAS = `
SELECT name, industry, "areaId", "gridId", "supervisionClass", address FROM "Enterprise" WHERE id = $1`;
const PERSON_WAS = `SELECT name, role, "enterpriseId" FROM "Person" WHERE id = $1`;
const PERSON_GRIDS = `SELECT "gridId" FROM "PersonGrid" WHERE "personId" = $1 ORDER BY "gridId"`;
const PERSON_AREAS = `SELECT "areaId" FROM "PersonArea" WHERE "personId" = $1 ORDER BY "areaId"`;
const DELETE = {
  area: `DELETE FROM "Area" WHERE id = $1`,
  grid: `DELETE FROM "Grid" WHERE id = $1`,
  enterprise: `DELETE FROM "Enterprise" WHERE id = $1`,
  person: `DELETE FROM "Person" WHERE id = $1`,
} as const;

/** The journal of imports written in batches (see import-journal-store.ts), on PostgreSQL. */
export class PgImportJournalStore extends ImportJournalStore {
  constructor(private readonly pg: PgSql) {
    super(NO_SQLITE);
  }

  override async begin(run: ImportRunInfo): Promise<void> {
    await this.pg.run(BEGIN, run.id, run.kind, run.pid, run.host, pgInstant(run.startedAt));
  }

  override async record(runId: string, entries: readonly ImportUndoEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await this.pg.run(
      RECORD,
      runId,
      entries.map((e) => JSON.stringify(e)),
    );
  }

  override async runs(): Promise<ImportRunInfo[]> {
    return this.pg.all<ImportRunInfo>(RUNS);
  }

  override async latest(runId: string, limit: number): Promise<{ id: number; entry: ImportUndoEntry }[]> {
    const rows = await this.pg.all<{ id: number; entry: string }>(LATEST, runId, limit);
    return rows.map((r) => ({ id: r.id, entry: JSON.parse(r.entry) as ImportUndoEntry }));
  }

  override async forget(ids: readonly number[]): Promise<void> {
    await this.pg.run(FORGET, [...ids]);
  }

  override async finish(runId: string): Promise<void> {
    await this.pg.run(FINISH, runId);
  }

  override async enterpriseWas(id: string): Promise<Required<EnterpriseFields>> {
    const row = await this.pg.get<Required<EnterpriseFields>>(ENTERPRISE_WAS, id);
    if (!row) throw new AppError("conflict", `enterprise ${id} is not there`);
    return row;
  }

  override async personWas(id: string): Promise<{ fields: PersonFields; places: PersonPlaces }> {
    const row = await this.pg.get<{ name: string; role: string; enterpriseId: string | null }>(
      PERSON_WAS,
      id,
    );
    if (!row) throw new AppError("conflict", `person ${id} is not there`);
    if (!isRole(row.role)) throw new AppError("internal", `person ${id} has an unknown role ${row.role}`);
    const grids = await this.pg.all<{ gridId: string }>(PERSON_GRIDS, id);
    const areas = await this.pg.all<{ areaId: string }>(PERSON_AREAS, id);
    return {
      fields: { name: row.name, role: row.role, enterpriseId: row.enterpriseId },
      places: { gridIds: grids.map((g) => g.gridId), areaIds: areas.map((a) => a.areaId) },
    };
  }

  override async deleteCreated(kind: keyof typeof DELETE, id: string): Promise<void> {
    await this.pg.run(DELETE[kind], id);
  }
}
