import fs from "node:fs";
import Database from "better-sqlite3";
import pg from "pg";
import { AppError } from "../domain/app-error.ts";
import { migrate, sqlitePath } from "./migrate.ts";
import { migratePostgres } from "./pg-migrate.ts";

/** Rows per INSERT: one JSON parameter each, so no parameter limit applies. */
const BATCH = 5000;

export type CopiedTable = { table: string; rows: number };

/**
 * Copies a SQLite park into an empty PostgreSQL database (`xunjian import-db`): both are migrated
 * to the latest schema first, then every table is copied in foreign-key order in one PostgreSQL
 * transaction (all or nothing), and serial counters are moved past the copied ids. Values go as
 * JSON rows that PostgreSQL turns into the table's own types (ISO text into timestamps, 0/1 into
 * booleans), so the copy follows the schema without a list of columns to keep up to date.
 */
export async function copySqliteToPostgres(
  sqliteUrl: string,
  postgresUrl: string,
  migrationsDir: string,
): Promise<CopiedTable[]> {
  const file = sqlitePath(sqliteUrl);
  if (!fs.existsSync(file)) throw new AppError("not_found", `No SQLite database at ${file}`);
  migrate(sqliteUrl, migrationsDir);
  await migratePostgres(postgresUrl);
  const source = new Database(file, { readonly: true });
  const target = new pg.Client({ connectionString: postgresUrl });
  await target.connect();
  try {
    const tables = await tablesInForeignKeyOrder(target);
    for (const table of tables) {
      const { rows } = await target.query(`SELECT EXISTS (SELECT 1 FROM "${table}") AS taken`);
      if (rows[0]?.taken)
        throw new AppError("conflict", `The PostgreSQL database is not empty (table ${table} has rows)`);
    }
    await target.query("BEGIN");
    const copied: CopiedTable[] = [];
    try {
      for (const table of tables) {
        const columns = await columnsOf(target, table);
        const list = columns.map((c) => `"${c}"`).join(", ");
        const select = source.prepare(`SELECT ${list} FROM "${table}" ORDER BY rowid`);
        let batch: unknown[] = [];
        let count = 0;
        const flush = async () => {
          if (batch.length === 0) return;
          await target.query(
            `INSERT INTO "${table}" (${list}) SELECT ${list} FROM json_populate_recordset(NULL::"${table}", $1::json)`,
            [JSON.stringify(batch)],
          );
          count += batch.length;
          batch = [];
        };
        for (const row of select.iterate()) {
          batch.push(row);
          if (batch.length >= BATCH) await flush();
        }
        await flush();
        await moveSerialsPast(target, table, columns);
        copied.push({ table, rows: count });
      }
      await target.query("COMMIT");
    } catch (e) {
      await target.query("ROLLBACK");
      throw e;
    }
    return copied;
  } finally {
    source.close();
    await target.end();
  }
}

/** The tables of the schema, each after the tables it refers to (a self-reference does not count). */
async function tablesInForeignKeyOrder(client: pg.Client): Promise<string[]> {
  const { rows: tables } = await client.query<{ name: string }>(
    `SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() AND tablename <> '_prisma_migrations'
     ORDER BY tablename`,
  );
  const { rows: edges } = await client.query<{ child: string; parent: string }>(
    `SELECT c.relname AS child, p.relname AS parent FROM pg_constraint k
     JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class p ON p.oid = k.confrelid
     WHERE k.contype = 'f' AND k.connamespace = current_schema()::regnamespace AND c.oid <> p.oid`,
  );
  const ordered: string[] = [];
  const placed = new Set<string>();
  const visit = (name: string, path: Set<string>) => {
    if (placed.has(name) || path.has(name)) return;
    path.add(name);
    for (const e of edges) if (e.child === name) visit(e.parent, path);
    placed.add(name);
    ordered.push(name);
  };
  for (const t of tables) visit(t.name, new Set());
  return ordered;
}

async function columnsOf(client: pg.Client, table: string): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT column_name AS name FROM information_schema.columns
     WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position`,
    [table],
  );
  return rows.map((r) => r.name);
}

/** Serial columns (autoincrement ids) continue after the largest copied id. */
async function moveSerialsPast(client: pg.Client, table: string, columns: string[]): Promise<void> {
  for (const column of columns) {
    const { rows } = await client.query<{ seq: string | null }>(
      "SELECT pg_get_serial_sequence($1, $2) AS seq",
      [`"${table}"`, column],
    );
    const seq = rows[0]?.seq;
    if (seq)
      await client.query(
        `SELECT setval($1, COALESCE((SELECT max("${column}") FROM "${table}"), 0) + 1, false)`,
        [seq],
      );
  }
}
