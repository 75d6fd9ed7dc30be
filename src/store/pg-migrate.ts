import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import { fileURLToPath } from "node:url";
import pg from "pg";

/** The PostgreSQL migrations, committed beside the SQLite ones (`prisma/postgres/migrations`). */
export const PG_MIGRATIONS_DIR = fileURLToPath(new URL("../../prisma/postgres/migrations", import.meta.url));

/** Prisma's own bookkeeping table, as `prisma migrate deploy` creates it on PostgreSQL. */
const MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

/**
 * The advisory lock every instance takes to migrate: instances starting together migrate once, the
 * others wait for it and then find nothing left to do. A constant key (the text "xunjian:migrate").
 */
const MIGRATE_LOCK = "SELECT pg_advisory_lock(hashtext('xunjian:migrate'))";
const MIGRATE_UNLOCK = "SELECT pg_advisory_unlock(hashtext('xunjian:migrate'))";

/**
 * Applies the committed PostgreSQL migrations the database has not seen, each in its own
 * transaction with its row in `_prisma_migrations` (same checksum as Prisma's: the sha256 of the
 * file), so `prisma migrate status` agrees. Done by the product because `prisma migrate deploy`
 * cannot run offline against PostgreSQL through the driver adapter (prisma/orm#27403).
 */
export async function migratePostgres(
  databaseUrl: string,
  migrationsDir = PG_MIGRATIONS_DIR,
): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    // Quiet the NOTICEs of IF NOT EXISTS on every start.
    await client.query("SET client_min_messages = warning");
    await client.query(MIGRATE_LOCK);
    try {
      await client.query(MIGRATIONS_TABLE);
      const { rows } = await client.query<{ migration_name: string }>(
        `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
      );
      const done = new Set(rows.map((r) => r.migration_name));
      const applied: string[] = [];
      for (const name of migrationNames(migrationsDir)) {
        if (done.has(name)) continue;
        const sql = fs.readFileSync(`${migrationsDir}/${name}/migration.sql`, "utf8");
        const checksum = createHash("sha256").update(sql).digest("hex");
        await client.query("BEGIN");
        try {
          await client.query(sql);
          await client.query(
            `INSERT INTO "_prisma_migrations" (id, checksum, started_at, finished_at, migration_name, applied_steps_count)
             VALUES ($1, $2, now(), now(), $3, 1)`,
            [randomUUID(), checksum, name],
          );
          await client.query("COMMIT");
        } catch (e) {
          await client.query("ROLLBACK");
          throw new Error(`migration ${name} failed: ${(e as Error).message}`, { cause: e });
        }
        applied.push(name);
      }
      return applied;
    } finally {
      await client.query(MIGRATE_UNLOCK);
    }
  } finally {
    await client.end();
  }
}

/** The migration folders, in the order they apply (their names start with the date). */
export function migrationNames(migrationsDir: string): string[] {
  return fs
    .readdirSync(migrationsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}
