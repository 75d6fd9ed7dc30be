import type BetterSqlite3 from "better-sqlite3";

/**
 * Statements the store prepares itself on the connection the ORM also uses (so they run inside the
 * same unit of work), each prepared once. For hot paths, where the ORM's per-call cost dominates.
 */
export class Sql {
  private readonly statements = new Map<string, BetterSqlite3.Statement>();

  constructor(private readonly connection: BetterSqlite3.Database) {}

  /** The statement for `text`, prepared on first use and kept. Integers come back as numbers. */
  statement(text: string): BetterSqlite3.Statement {
    let s = this.statements.get(text);
    if (!s) {
      s = this.connection.prepare(text);
      // The adapter turns safe integers on for the whole connection; our columns fit in a number.
      if (s.reader) s.safeIntegers(false);
      this.statements.set(text, s);
    }
    return s;
  }

  /**
   * Runs `work` all or nothing: inside a unit of work's transaction as a savepoint, alone as its
   * own transaction. For a store method that runs several statements (an insert per row).
   */
  atomically<T>(work: () => T): T {
    return this.connection.transaction(work)();
  }
}

/** An instant as the ORM stores it in SQLite (ISO 8601 text with an explicit +00:00 offset). */
export function dbInstant(d: Date): string {
  return d.toISOString().replace("Z", "+00:00");
}

/** An instant read back from a column the ORM wrote. */
export function fromDbInstant(v: string): Date {
  return new Date(v);
}

/**
 * The raw statements of a store on PostgreSQL: run on the unit of work's connection (inside its
 * transaction, beside the ORM's calls, so they commit or roll back with them), or on the pool
 * outside one. Texts use `$1…` placeholders, quoted identifiers and explicit casts (`$1::timestamp`
 * for an instant given as ISO text, `$2::text[]` for a list).
 */
export class PgSql {
  constructor(
    private readonly send: PgDriver,
    /** True inside a unit of work's transaction. */
    readonly inTransaction: boolean,
  ) {}

  async all<R>(text: string, ...params: unknown[]): Promise<R[]> {
    return (await this.send(text, params)).rows as R[];
  }

  async get<R>(text: string, ...params: unknown[]): Promise<R | undefined> {
    return (await this.all<R>(text, ...params))[0];
  }

  /** Runs a write; how many rows it changed. */
  async run(text: string, ...params: unknown[]): Promise<number> {
    return (await this.send(text, params)).rowCount ?? 0;
  }
}

/** Sends one statement with its parameters (see postgres/pg-driver.ts); its rows and how many rows it changed. */
export type PgDriver = (
  text: string,
  params: readonly unknown[],
) => Promise<{ rows: unknown[]; rowCount: number | null }>;

/** An instant as a PostgreSQL statement takes it (ISO text, cast with `::timestamp`: stored as UTC). */
export function pgInstant(d: Date): string {
  return d.toISOString();
}

/**
 * The SQLite statements of a store that runs on PostgreSQL: a store method not ported to the
 * PostgreSQL dialect fails loudly here instead of running SQLite text on the wrong engine.
 */
export const NO_SQLITE = new Proxy({} as Sql, {
  get: () => {
    throw new Error(
      "a SQLite statement was used on PostgreSQL: port the store method to src/store/postgres/",
    );
  },
});
