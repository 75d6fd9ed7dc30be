import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { isPostgresUrl } from "./database-url.ts";

const MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" TEXT PRIMARY KEY NOT NULL,
  "checksum" TEXT NOT NULL,
  "finished_at" DATETIME,
  "migration_name" TEXT NOT NULL,
  "logs" TEXT,
  "rolled_back_at" DATETIME,
  "started_at" DATETIME NOT NULL DEFAULT current_timestamp,
  "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

/** Path of the SQLite file named by a `file:` URL. */
export function sqlitePath(databaseUrl: string): string {
  return databaseUrl.replace(/^file:/, "");
}

/**
 * Applies the committed migrations in `prisma/migrations` that the database has not seen, in
 * Prisma's own bookkeeping table, so `prisma migrate status` agrees. Done in-process because
 * the Prisma CLI is slow to start and start-up should not depend on it. Also turns on WAL.
 */
export function migrate(databaseUrl: string, migrationsDir: string): string[] {
  const file = sqlitePath(databaseUrl);
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const db = new Database(file);
  try {
    db.pragma("journal_mode = WAL");
    db.pragma("busy_timeout = 5000");
    db.exec(MIGRATIONS_TABLE);
    const done = new Set(
      db
        .prepare(`SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL`)
        .all()
        .map((r) => (r as { migration_name: string }).migration_name),
    );
    const names = fs
      .readdirSync(migrationsDir, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();
    const applied: string[] = [];
    for (const name of names) {
      if (done.has(name)) continue;
      const sql = fs.readFileSync(path.join(migrationsDir, name, "migration.sql"), "utf8");
      const checksum = createHash("sha256").update(sql).digest("hex");
      db.transaction(() => {
        db.exec(sql);
        db.prepare(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count)
           VALUES (?, ?, current_timestamp, ?, 1)`,
        ).run(randomUUID(), checksum, name);
      })();
      applied.push(name);
    }
    return applied;
  } finally {
    db.close();
  }
}

/**
 * Applies the migrations of the database the URL names: SQLite's from `sqliteMigrationsDir`, or
 * PostgreSQL's own (`prisma/postgres/migrations`) for a `postgres://` URL.
 */
export async function migrateDatabase(databaseUrl: string, sqliteMigrationsDir: string): Promise<string[]> {
  if (!isPostgresUrl(databaseUrl)) return migrate(databaseUrl, sqliteMigrationsDir);
  const { migratePostgres } = await import("./pg-migrate.ts");
  return migratePostgres(databaseUrl);
}
