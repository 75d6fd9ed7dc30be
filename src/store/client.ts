import type { PrismaClient } from "../generated/prisma/client.ts";

/** A Prisma client or an interactive transaction client: stores accept either. */
export type Client = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

/** SQLite refuses statements with more than 999 parameters; lists are asked for in chunks of this size. */
export const MAX_IN_LIST = 500;

/** Runs a query per chunk of `items` small enough for one statement, and joins the results. */
export async function inChunks<T, R>(
  items: readonly T[],
  query: (chunk: T[]) => Promise<readonly R[]>,
): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += MAX_IN_LIST)
    out.push(...(await query(items.slice(i, i + MAX_IN_LIST))));
  return out;
}

/** A write refused by a unique key: someone (another delivery, sweep or process) got there first. */
export function isUniqueViolation(e: unknown): boolean {
  if (pgErrorCode(e) === "23505") return true;
  if (!isKnownRequestError(e)) return false;
  if (e.code === "P2002") return true;
  // A raw statement refused by a unique key (PostgreSQL's raw statements, through the driver adapter).
  const meta = (e as { meta?: { driverAdapterError?: { cause?: { kind?: string } } } }).meta;
  return e.code === "P2010" && meta?.driverAdapterError?.cause?.kind === "UniqueConstraintViolation";
}

/**
 * The SQLSTATE of an error PostgreSQL returned to a statement a store sent itself (PgSql, through
 * node-postgres, see postgres/pg-driver.ts); undefined for any other error.
 */
export function pgErrorCode(e: unknown): string | undefined {
  if (!(e instanceof Error)) return undefined;
  const { code, severity } = e as { code?: unknown; severity?: unknown };
  return typeof code === "string" && typeof severity === "string" ? code : undefined;
}

/**
 * An error the ORM raised for a request the database refused (it carries the ORM's error code).
 * Told by name rather than by class, so that checking an error does not load the ORM's runtime.
 */
export function isKnownRequestError(e: unknown): e is Error & { code: string } {
  return (
    e instanceof Error &&
    e.name === "PrismaClientKnownRequestError" &&
    typeof (e as { code?: unknown }).code === "string"
  );
}

/** Runs a write and answers false instead of throwing when a unique key refused it. */
export async function unlessTaken(write: () => Promise<unknown>): Promise<boolean> {
  try {
    await write();
    return true;
  } catch (e) {
    if (isUniqueViolation(e)) return false;
    throw e;
  }
}

/**
 * A text filter that ignores ASCII case, as SQLite's LIKE does (the ORM's `contains` is LIKE there);
 * on PostgreSQL, LIKE minds case, so the same search asks for ILIKE (`mode: "insensitive"`).
 */
export function textContains(db: Client, text: string): { contains: string } {
  const provider = (db as { _activeProvider?: string })._activeProvider;
  return provider === "postgresql"
    ? ({ contains: text, mode: "insensitive" } as { contains: string })
    : { contains: text };
}
