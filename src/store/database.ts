import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import type BetterSqlite3 from "better-sqlite3";
import { AppError } from "../domain/app-error.ts";
import { PrismaClient } from "../generated/prisma/client.ts";
import { isUniqueViolation } from "./client.ts";
import { Sql } from "./sql.ts";
import { bindStores } from "./stores.ts";
import { SerialLock, type UnitOfWork } from "./unit-of-work.ts";

/** An open database: the unit of work every use case goes through. */
export type Database = {
  uow: UnitOfWork;
  close(): Promise<void>;
  /** The ORM client, for tests that arrange or inspect rows; product code goes through `uow`. */
  readonly prisma: PrismaClient;
};

/**
 * Opens the SQLite database through the better-sqlite3 driver adapter with a busy timeout
 * (other processes, such as a console chat, share the file) and foreign keys enforced.
 */
export async function openDatabase(databaseUrl: string): Promise<Database> {
  const { prisma, connection } = await connect(databaseUrl);
  connection.pragma("foreign_keys = ON");
  connection.pragma("journal_mode = WAL");
  const lock = new SerialLock();
  const sql = new Sql(connection);
  const uow: UnitOfWork = {
    run: (work, options) =>
      lock.hold(() =>
        asConflict(() =>
          prisma.$transaction((tx) => work(bindStores(tx, sql)), { timeout: options?.timeoutMs ?? 30_000 }),
        ),
      ),
    read: (work) => lock.hold(() => asConflict(() => work(bindStores(prisma, sql)))),
  };
  return { uow, prisma, close: () => prisma.$disconnect() };
}

/**
 * One SQLite connection shared by the ORM and the statements the store prepares itself: the
 * adapter's better-sqlite3 handle is taken from the connected adapter, so a prepared statement
 * run inside a unit of work is part of the same transaction as the ORM calls around it.
 */
async function connect(
  databaseUrl: string,
): Promise<{ prisma: PrismaClient; connection: BetterSqlite3.Database }> {
  const factory = new PrismaBetterSQLite3({ url: databaseUrl, timeout: 5000 });
  const adapter = await factory.connect();
  const connection = (adapter as unknown as { client: BetterSqlite3.Database }).client;
  const prisma = new PrismaClient({
    adapter: {
      provider: factory.provider,
      adapterName: factory.adapterName,
      connect: async () => adapter,
    },
  });
  return { prisma, connection };
}

/** A unique key that refused a write leaves the store as the domain's `conflict` error. */
async function asConflict<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError("conflict", "already recorded", { cause: e });
    throw e;
  }
}
