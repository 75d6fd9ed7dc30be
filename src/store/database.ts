import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { Prisma, PrismaClient } from "../generated/prisma/client.ts";

export type Db = PrismaClient;
/** A Prisma client or an interactive transaction client: stores accept either. */
export type Tx = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

/**
 * Opens the SQLite database through the better-sqlite3 driver adapter with a busy timeout
 * (other processes, such as a console chat, share the file) and foreign keys enforced.
 */
export async function openDatabase(databaseUrl: string): Promise<Db> {
  const adapter = new PrismaBetterSQLite3({ url: databaseUrl, timeout: 5000 });
  const db = new PrismaClient({ adapter });
  await db.$executeRawUnsafe("PRAGMA foreign_keys = ON");
  await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  return db;
}

/** A write refused by a unique key: someone (another delivery, sweep or process) got there first. */
export function isUniqueViolation(e: unknown): boolean {
  return e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002";
}
