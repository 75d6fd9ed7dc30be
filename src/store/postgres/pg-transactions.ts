import { AsyncLocalStorage } from "node:async_hooks";
import type { PrismaPg } from "@prisma/adapter-pg";
import type pg from "pg";

/** The driver adapter the ORM talks to, and the transaction it starts. */
type SqlDriverAdapter = Awaited<ReturnType<PrismaPg["connect"]>>;
type Transaction = Awaited<ReturnType<SqlDriverAdapter["startTransaction"]>>;
type Started = { tx: Transaction; ended: boolean };
/** The transactions started for one run of a unit of work, and the connection its own runs on. */
type Unit = { started: Started[]; connection?: pg.PoolClient };
type IsolationLevel = Parameters<SqlDriverAdapter["startTransaction"]>[0];

/**
 * How a serializable transaction starts: in one round trip, where the ORM sends two (BEGIN, then
 * SET TRANSACTION), and with sequential scans priced out. Under SERIALIZABLE a sequential scan
 * takes a predicate lock on the whole table, so every concurrent unit that writes any row of it
 * conflicts with the scanning one and one of them is run again; and the planner scans a table of a
 * page or two (a young province's Conversation, an empty ChatPrompt, any table ANALYZE found small)
 * even for a lookup by unique key. Measured (bench/pg-bench.ts): 16 chats answered at once ran
 * about two serialization failures per message this way. With `enable_seqscan = off` the lookups
 * use their indexes, which lock the index pages and rows they read; a statement that has no index
 * to use still scans. Reports and other reads outside units of work keep the planner's choice.
 */
const BEGIN_SERIALIZABLE = "BEGIN ISOLATION LEVEL SERIALIZABLE; SET LOCAL enable_seqscan = off";

/**
 * Makes sure every interactive transaction gives its connection back to the pool. The ORM sends
 * COMMIT itself and only then tells the adapter, which releases the connection; when COMMIT fails
 * (a serialization failure is reported at commit) the adapter is never told, and the connection
 * stays checked out for good: under contention the pool runs dry. Each unit of work records the
 * transactions started for it, and `run` ends those the ORM left open. It also starts the
 * units' serializable transactions its own way (BEGIN_SERIALIZABLE).
 */
export class PgTransactions {
  private readonly scope = new AsyncLocalStorage<Unit>();
  /** Set while the adapter starts a serializable transaction: its BEGIN becomes BEGIN_SERIALIZABLE. */
  private readonly beginning = new AsyncLocalStorage<true>();
  private readonly patched = new WeakSet<pg.PoolClient>();

  /**
   * Rewrites the adapter's BEGIN on the pool's connections while a serializable transaction starts.
   * The adapter sends it as a statement without parameters, so the two statements of
   * BEGIN_SERIALIZABLE go in one message (the simple query protocol).
   */
  attach(pool: pg.Pool): void {
    pool.on("connect", (client) => {
      if (this.patched.has(client)) return;
      this.patched.add(client);
      const query = client.query.bind(client) as (...args: unknown[]) => unknown;
      (client as { query: unknown }).query = (config: unknown, ...rest: unknown[]) => {
        if (!this.beginning.getStore() || (config as { text?: unknown } | null)?.text !== "BEGIN")
          return query(config, ...rest);
        const unit = this.scope.getStore();
        if (unit) unit.connection = client;
        return query({ ...(config as object), text: BEGIN_SERIALIZABLE }, ...rest);
      };
    });
  }

  /**
   * The connection of the current unit of work's transaction, for the stores' raw statements
   * (pg-driver.ts): they run in the transaction the ORM started, beside its calls.
   */
  connection(): pg.PoolClient {
    const connection = this.scope.getStore()?.connection;
    if (!connection) throw new Error("no unit of work's transaction has started here");
    return connection;
  }

  /** The adapter handed to the ORM: transactions it starts are recorded in the current unit of work. */
  adapter(inner: SqlDriverAdapter): SqlDriverAdapter {
    return new Proxy(inner, {
      get: (target, key) => {
        if (key === "startTransaction")
          return async (isolation?: IsolationLevel) =>
            this.track(
              isolation === "SERIALIZABLE"
                ? await this.beginning.run(true, () => target.startTransaction())
                : await target.startTransaction(isolation),
            );
        const value = Reflect.get(target, key, target);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
  }

  /** Runs `work` (one ORM transaction, perhaps tried again) and then ends what it left open. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    const unit: Unit = { started: [] };
    try {
      return await this.scope.run(unit, work);
    } finally {
      for (const s of unit.started) if (!s.ended) await end(s);
    }
  }

  private track(tx: Transaction): Transaction {
    const entry: Started = { tx, ended: false };
    this.scope.getStore()?.started.push(entry);
    return new Proxy(tx, {
      get: (target, key) => {
        if (key === "commit" || key === "rollback")
          return async () => {
            entry.ended = true;
            await Reflect.get(target, key, target).call(target);
          };
        const value = Reflect.get(target, key, target);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
  }
}

/** Ends a transaction the ORM left open: ROLLBACK (a no-op after a failed COMMIT) and release. */
async function end(s: Started): Promise<void> {
  s.ended = true;
  try {
    await s.tx.executeRaw({ sql: "ROLLBACK", args: [], argTypes: [] });
  } catch {
    // The connection may be broken; it is released all the same.
  }
  await s.tx.rollback();
}
