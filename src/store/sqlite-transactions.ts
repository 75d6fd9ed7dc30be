import type { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import type BetterSqlite3 from "better-sqlite3";

/** The driver adapter the ORM talks to, and the transaction it starts. */
type SqlDriverAdapter = Awaited<ReturnType<PrismaBetterSQLite3["connect"]>>;
type Transaction = Awaited<ReturnType<SqlDriverAdapter["startTransaction"]>>;

/** How long a unit of work waits for another process's write lock before it gives up. */
const WRITE_LOCK_WAIT_MS = 30_000;

/**
 * How long one statement may block the event loop waiting for another process's lock. Units of
 * work wait longer, asynchronously; a single write outside one (rare) gives up after this.
 */
export const BUSY_TIMEOUT_MS = 100;

/**
 * Units of work as SQLite transactions the store runs itself on the one connection: `BEGIN IMMEDIATE`
 * takes the write lock at once (waiting for another process without blocking the event loop), and
 * the ORM joins it. Whatever the ORM would wrap in a transaction of its own (a nested write) becomes
 * a savepoint inside it. Cheaper than the ORM's interactive transactions, and raw statements and ORM
 * calls commit or roll back together.
 */
export class SqliteTransactions {
  private active = false;
  private savepoints = 0;

  constructor(private readonly connection: BetterSqlite3.Database) {}

  /** The adapter handed to the ORM: transactions it starts inside a unit of work are savepoints. */
  adapter(inner: SqlDriverAdapter): SqlDriverAdapter {
    return new Proxy(inner, {
      get: (target, key) => {
        if (key === "startTransaction")
          return (isolation?: Parameters<SqlDriverAdapter["startTransaction"]>[0]) =>
            this.active ? this.savepoint(target) : target.startTransaction(isolation);
        const value = Reflect.get(target, key, target);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
  }

  /** Runs `work` in one transaction; rolls back when it throws. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    await this.begin();
    this.active = true;
    try {
      const result = await work();
      this.connection.exec("COMMIT");
      return result;
    } catch (e) {
      if (this.connection.inTransaction) this.connection.exec("ROLLBACK");
      throw e;
    } finally {
      this.active = false;
    }
  }

  /**
   * Takes the write lock, retrying while another process holds it. The connection's busy timeout is
   * kept short (see `BUSY_TIMEOUT_MS`): a long one would wait too, but synchronously, freezing every
   * chat of this process for that long.
   */
  private async begin(): Promise<void> {
    const until = Date.now() + WRITE_LOCK_WAIT_MS;
    for (let pause = 2; ; pause = Math.min(pause * 2, 100)) {
      try {
        this.connection.exec("BEGIN IMMEDIATE");
        return;
      } catch (e) {
        if ((e as { code?: string }).code !== "SQLITE_BUSY" || Date.now() > until) throw e;
        await new Promise((resolve) => setTimeout(resolve, pause));
      }
    }
  }

  private async savepoint(target: SqlDriverAdapter): Promise<Transaction> {
    const name = `orm_${++this.savepoints}`;
    this.connection.exec(`SAVEPOINT ${name}`);
    return {
      provider: target.provider,
      adapterName: target.adapterName,
      // The ORM sends no BEGIN/COMMIT of its own for a "phantom" transaction: commit() and rollback() end it.
      options: { usePhantomQuery: true },
      queryRaw: (query) => target.queryRaw(query),
      executeRaw: (query) => target.executeRaw(query),
      commit: async () => {
        this.connection.exec(`RELEASE ${name}`);
      },
      rollback: async () => {
        this.connection.exec(`ROLLBACK TO ${name}`);
        this.connection.exec(`RELEASE ${name}`);
      },
    };
  }
}
