import { AsyncLocalStorage } from "node:async_hooks";
import type { PrismaPg } from "@prisma/adapter-pg";

/** The driver adapter the ORM talks to, and the transaction it starts. */
type SqlDriverAdapter = Awaited<ReturnType<PrismaPg["connect"]>>;
type Transaction = Awaited<ReturnType<SqlDriverAdapter["startTransaction"]>>;
type Started = { tx: Transaction; ended: boolean };

/**
 * Makes sure every interactive transaction gives its connection back to the pool. The ORM sends
 * COMMIT itself and only then tells the adapter, which releases the connection; when COMMIT fails
 * (a serialization failure is reported at commit) the adapter is never told, and the connection
 * stays checked out for good: under contention the pool runs dry. Each unit of work records the
 * transactions started for it, and `settle` ends those the ORM left open.
 */
export class PgTransactions {
  private readonly scope = new AsyncLocalStorage<Started[]>();

  /** The adapter handed to the ORM: transactions it starts are recorded in the current unit of work. */
  adapter(inner: SqlDriverAdapter): SqlDriverAdapter {
    return new Proxy(inner, {
      get: (target, key) => {
        if (key === "startTransaction")
          return async (isolation?: Parameters<SqlDriverAdapter["startTransaction"]>[0]) =>
            this.track(await target.startTransaction(isolation));
        const value = Reflect.get(target, key, target);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
  }

  /** Runs `work` (one ORM transaction, perhaps tried again) and then ends what it left open. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    const started: Started[] = [];
    try {
      return await this.scope.run(started, work);
    } finally {
      for (const s of started) if (!s.ended) await end(s);
    }
  }

  private track(tx: Transaction): Transaction {
    const started = this.scope.getStore();
    const entry: Started = { tx, ended: false };
    started?.push(entry);
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
