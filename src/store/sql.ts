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
