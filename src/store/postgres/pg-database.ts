import { AsyncLocalStorage } from "node:async_hooks";
import { PrismaPg } from "@prisma/adapter-pg";
import type BetterSqlite3 from "better-sqlite3";
import pg from "pg";
import { AppError } from "../../domain/app-error.ts";
import type { PrismaClient } from "../../generated/prisma/client.ts";
import { PrismaClient as PgPrismaClient, Prisma } from "../../generated/prisma-pg/client.ts";
import { type Client, isUniqueViolation, pgErrorCode } from "../client.ts";
import type { Database } from "../database.ts";
import type { UnitOfWork } from "../unit-of-work.ts";
import { pgDriver } from "./pg-driver.ts";
import { bindPgStores } from "./pg-stores.ts";
import { PgTransactions } from "./pg-transactions.ts";

/**
 * How many times a unit of work is run again after a serialization failure before it gives up.
 * Serializable isolation reports false conflicts too (predicate locks cover a whole page, or a
 * whole small table read by a scan), so under a burst of concurrent units many are run again.
 */
const SERIALIZATION_RETRIES = 40;
/** Connections per instance. Several instances share the server's max_connections (100 by default). */
const DEFAULT_POOL_SIZE = 10;

/**
 * Opens PostgreSQL: a pool per instance, the ORM through the pg driver adapter. Each unit of work
 * is one interactive transaction on one connection of the pool, SERIALIZABLE: the use cases were
 * written for SQLite, where transactions run one at a time, and serializable isolation keeps that
 * meaning across connections and instances (a transaction that would see another's writes
 * half-way fails with a serialization error and is run again from the start, here). Raw
 * statements run on the same transaction client. No process-wide lock: units run in parallel.
 */
export async function openPostgres(databaseUrl: string): Promise<Database & { ping(): Promise<boolean> }> {
  const url = new URL(databaseUrl);
  const max = Number(url.searchParams.get("connection_limit") ?? DEFAULT_POOL_SIZE);
  url.searchParams.delete("connection_limit");
  const pool = new pg.Pool({ connectionString: url.toString(), max });
  // A connection that breaks while idle in the pool (a server restart) is dropped by the pool; the
  // next query reports the problem. Without a listener the error would end the process.
  pool.on("error", () => undefined);
  const factory = new PrismaPg(pool);
  const transactions = new PgTransactions();
  transactions.attach(pool);
  const pgClient = new PgPrismaClient({
    adapter: {
      provider: factory.provider,
      adapterName: factory.adapterName,
      connect: async () => transactions.adapter(await factory.connect()),
    },
  });
  await pgClient.$connect();
  // The PostgreSQL client's model API is the SQLite one's (the generated types differ only by
  // `skipDuplicates`), so stores typed against one run on the other.
  const prisma = pgClient as unknown as PrismaClient;
  const inside = new AsyncLocalStorage<true>();
  const readStores = bindPgStores(prisma, pgDriver(pool), false);
  const guard = <T>(work: () => Promise<T>): Promise<T> => {
    if (inside.getStore())
      throw new AppError("internal", "a unit of work was opened inside another one; pass its stores on");
    return inside.run(true, work);
  };
  const uow: UnitOfWork = {
    run: (work) =>
      guard(() =>
        asConflict(() =>
          withRetries(() =>
            transactions.run(() =>
              pgClient.$transaction(
                async (tx) =>
                  work(bindPgStores(tx as unknown as Client, pgDriver(transactions.connection()), true)),
                {
                  isolationLevel: Prisma.TransactionIsolationLevel.Serializable,
                  maxWait: 60_000,
                  timeout: 600_000,
                },
              ),
            ),
          ),
        ),
      ),
    read: (work) => guard(() => asConflict(() => work(readStores))),
  };
  return {
    uow,
    prisma,
    get connection(): BetterSqlite3.Database {
      throw new Error("no SQLite connection: this database is PostgreSQL");
    },
    close: async () => {
      if (pool.ended) return;
      await pgClient.$disconnect();
      if (!pool.ended) await pool.end();
    },
    ping: async () => {
      try {
        await pgClient.$queryRawUnsafe("SELECT 1");
        return true;
      } catch {
        return false;
      }
    },
  };
}

/**
 * A serialization failure or deadlock (SQLSTATE 40001 / 40P01): the transaction is to be run again.
 * It comes as the ORM's P2034, as the driver adapter's error itself when COMMIT fails, or as
 * node-postgres's error to a store's own statement.
 */
export function isSerializationFailure(e: unknown): boolean {
  const code = pgErrorCode(e);
  if (code === "40001" || code === "40P01") return true;
  if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2034") return true;
  type Cause = { originalCode?: string; kind?: string };
  const causes = [
    (e as { cause?: Cause } | undefined)?.cause,
    (e as { meta?: { driverAdapterError?: { cause?: Cause } } } | undefined)?.meta?.driverAdapterError?.cause,
  ];
  return causes.some(
    (c) =>
      c?.kind === "TransactionWriteConflict" || c?.originalCode === "40001" || c?.originalCode === "40P01",
  );
}

async function withRetries<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await work();
    } catch (e) {
      if (attempt >= SERIALIZATION_RETRIES || !isSerializationFailure(e)) throw e;
      // Back off a little, with jitter, so the transactions that collided do not collide again.
      await new Promise((r) => setTimeout(r, Math.random() * 5 * 2 ** Math.min(attempt, 6)));
    }
  }
}

async function asConflict<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError("conflict", "already recorded", { cause: e });
    throw e;
  }
}
