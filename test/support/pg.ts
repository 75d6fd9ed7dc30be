import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { migratePostgres, migrationNames, PG_MIGRATIONS_DIR } from "../../src/store/pg-migrate.ts";

/**
 * PostgreSQL for tests. `TEST_DATABASE=postgres` runs the suite on PostgreSQL at `TEST_PG_URL` (a
 * server where the user may create databases, e.g. from scripts/pg-test-cluster.sh); each test app
 * gets a database of its own, copied from a migrated template and dropped when it closes.
 * Tests that are about PostgreSQL itself run whenever `TEST_PG_URL` is set.
 */
export const TEST_PG_URL = process.env.TEST_PG_URL || null;

/** True when the suite runs on PostgreSQL. */
export const onPostgres = process.env.TEST_DATABASE === "postgres";

if (onPostgres && !TEST_PG_URL)
  throw new Error("TEST_DATABASE=postgres needs TEST_PG_URL (see scripts/pg-test-cluster.sh)");

/** The URL of database `name` on the test server. */
export function pgUrlOf(name: string): string {
  const url = new URL(requirePgUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

function requirePgUrl(): string {
  if (!TEST_PG_URL) throw new Error("TEST_PG_URL is not set");
  return TEST_PG_URL;
}

/** Runs `work` on a connection to the server's maintenance database. */
export async function withAdmin<T>(work: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: requirePgUrl() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** The template's name changes with the migrations, so a stale template is never copied. */
function templateName(): string {
  const hash = createHash("sha256");
  for (const name of migrationNames(PG_MIGRATIONS_DIR))
    hash.update(name).update(fs.readFileSync(path.join(PG_MIGRATIONS_DIR, name, "migration.sql")));
  return `xunjian_tpl_${hash.digest("hex").slice(0, 12)}`;
}

let template: Promise<string> | undefined;

/** The migrated template database, made once per server (test workers wait on an advisory lock). */
function migratedTemplate(): Promise<string> {
  template ??= withAdmin(async (admin) => {
    const name = templateName();
    await admin.query("SELECT pg_advisory_lock(hashtext('xunjian:test-template'))");
    try {
      const exists = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
      if (exists.rowCount === 0) {
        const building = `${name}_build_${randomBytes(3).toString("hex")}`;
        await admin.query(`CREATE DATABASE "${building}"`);
        await migratePostgres(pgUrlOf(building));
        await admin.query(`ALTER DATABASE "${building}" RENAME TO "${name}"`);
      }
      return name;
    } finally {
      await admin.query("SELECT pg_advisory_unlock(hashtext('xunjian:test-template'))");
    }
  });
  return template;
}

/** A fresh database: empty, or (`migrated`) a copy of the migrated template. Returns its URL and how to drop it. */
export async function createPgDatabase(
  options: { migrated?: boolean } = {},
): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  const source = options.migrated === false ? "template0" : await migratedTemplate();
  const name = `xunjian_t_${process.pid}_${randomBytes(4).toString("hex")}`;
  await withAdmin(async (admin) => {
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${source}"`);
        return;
      } catch (e) {
        // Another worker copying the same template at this instant: try again shortly.
        if (attempt > 50 || !/being accessed by other users/.test((e as Error).message)) throw e;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  });
  return {
    url: pgUrlOf(name),
    name,
    drop: () =>
      withAdmin(async (admin) => void (await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`))),
  };
}

/** The file in a test app's data directory naming its PostgreSQL database, for CLI runs on the same data. */
const URL_FILE = ".test-database-url";

/** Notes which database a data directory's app uses, so a CLI run on that DATA_DIR opens it too. */
export function rememberDatabase(dataDir: string, url: string): void {
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(path.join(dataDir, URL_FILE), url);
}

/**
 * The DATABASE_URL of a CLI run on `dataDir` on PostgreSQL: the database of the test app that used
 * that data directory, or a fresh migrated database for a data directory no app has used.
 */
export async function databaseUrlFor(dataDir: string): Promise<string> {
  const file = path.join(dataDir, URL_FILE);
  if (fs.existsSync(file)) return fs.readFileSync(file, "utf8").trim();
  const db = await createPgDatabase();
  dropAfterFile(db.drop);
  rememberDatabase(dataDir, db.url);
  return db.url;
}

const toDrop: (() => Promise<void>)[] = [];

/**
 * Drops a database after the test file (see pg-setup-file.ts), not when its app closes: a test may
 * close the app and then run the CLI on the same data, as a person would.
 */
export function dropAfterFile(drop: () => Promise<void>): void {
  toDrop.push(drop);
}

/** Drops the databases of the test file that just ran. */
export async function dropFileDatabases(): Promise<void> {
  for (const drop of toDrop.splice(0)) await drop();
}
