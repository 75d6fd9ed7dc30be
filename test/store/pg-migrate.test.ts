import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { migratePostgres, migrationNames, PG_MIGRATIONS_DIR } from "../../src/store/pg-migrate.ts";
import { createPgDatabase, TEST_PG_URL } from "../support/pg.ts";
import { ROOT } from "../support/test-app.ts";

const run = promisify(execFile);
const PG_CONFIG = path.join("prisma", "postgres", "prisma.config.ts");

/** The CLI of Prisma against one PostgreSQL database, through the PostgreSQL config. */
function prisma(databaseUrl: string, ...args: string[]) {
  return run(path.join(ROOT, "node_modules", ".bin", "prisma"), [...args, "--config", PG_CONFIG], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    maxBuffer: 16 * 1024 * 1024,
  });
}

/** Tables, columns, indexes and constraints of a database, as comparable text. */
async function describeSchema(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const columns = await client.query(`
      SELECT table_name || '.' || column_name || ' ' || data_type || coalesce('(' || datetime_precision || ')', '')
             || ' ' || is_nullable || ' ' || coalesce(column_default, '') AS d
      FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`);
    const indexes = await client.query(`
      SELECT indexdef AS d FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`);
    const constraints = await client.query(`
      SELECT conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid) AS d
      FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text <> '_prisma_migrations'`);
    return [...columns.rows, ...indexes.rows, ...constraints.rows].map((r) => r.d as string).sort();
  } finally {
    await client.end();
  }
}

describe.skipIf(!TEST_PG_URL)("PostgreSQL migrations", () => {
  const dropped: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const drop of dropped.splice(0)) await drop();
  });

  it("are applied once when three instances start together, and prisma migrate status agrees", async () => {
    const db = await createPgDatabase({ migrated: false });
    dropped.push(db.drop);
    const applied = await Promise.all([1, 2, 3].map(() => migratePostgres(db.url)));
    expect(applied.flat()).toEqual(migrationNames(PG_MIGRATIONS_DIR));
    expect(await migratePostgres(db.url)).toEqual([]);
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    const rows = await client.query(
      `SELECT migration_name FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    await client.end();
    expect(rows.rows.map((r) => r.migration_name)).toEqual(migrationNames(PG_MIGRATIONS_DIR));
    const status = await prisma(db.url, "migrate", "status");
    expect(status.stdout).toContain("Database schema is up to date");
  });

  it("give exactly the schema of prisma/postgres/schema.prisma plus the hand-written SQL (no drift)", async () => {
    const migrated = await createPgDatabase({ migrated: false });
    dropped.push(migrated.drop);
    await migratePostgres(migrated.url);
    const fromModel = await createPgDatabase({ migrated: false });
    dropped.push(fromModel.drop);
    // Prisma dials the configured database even for a diff from the model: give it the empty one.
    const { stdout: script } = await prisma(
      fromModel.url,
      "migrate",
      "diff",
      "--from-empty",
      "--to-schema-datamodel",
      path.join("prisma", "postgres", "schema.prisma"),
      "--script",
    );
    const handWritten = fs.readFileSync(path.join(ROOT, "prisma", "postgres", "hand-written.sql"), "utf8");
    const client = new pg.Client({ connectionString: fromModel.url });
    await client.connect();
    await client.query(`${script}\n${handWritten}`);
    await client.end();
    expect(await describeSchema(migrated.url)).toEqual(await describeSchema(fromModel.url));
  });
});

describe("the PostgreSQL schema", () => {
  it("is generated from prisma/schema.prisma and current", async () => {
    await run(process.execPath, [path.join(ROOT, "scripts", "pg-schema.js"), "--check"], { cwd: ROOT });
  });
});
