import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import type BetterSqlite3 from "better-sqlite3";
import { AppError } from "../domain/app-error.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { isUniqueViolation } from "./client.ts";
import { isPostgresUrl } from "./database-url.ts";
import { Sql } from "./sql.ts";
import { BUSY_TIMEOUT_MS, SqliteTransactions } from "./sqlite-transactions.ts";
import { bindStores } from "./stores.ts";
import { SerialLock, type UnitOfWork } from "./unit-of-work.ts";

/** An open database: the unit of work every use case goes through. */
export type Database = {
  uow: UnitOfWork;
  close(): Promise<void>;
  /** The ORM client, for tests that arrange or inspect rows; product code goes through `uow`. */
  readonly prisma: PrismaClient;
  /**
   * The SQLite connection, for benchmarks that count statements; product code goes through `uow`.
   * On PostgreSQL reading it throws.
   */
  readonly connection: BetterSqlite3.Database;
  /** Whether the database answers (for `GET /healthz`). */
  ping(): Promise<boolean>;
};

/**
 * Opens the SQLite database through the better-sqlite3 driver adapter, with foreign keys enforced,
 * WAL (readers never wait for a writer) and a short busy timeout: units of work wait for another
 * process's write lock (a console chat, a `tick`, an import) asynchronously.
 */
export async function openDatabase(databaseUrl: string): Promise<Database> {
  if (isPostgresUrl(databaseUrl)) {
    // Loaded only when asked for: SQLite parks do not pay for the pg driver.
    const { openPostgres } = await import("./postgres/pg-database.ts");
    return openPostgres(databaseUrl);
  }
  const { prisma, connection, transactions } = await connect(databaseUrl);
  connection.pragma("foreign_keys = ON");
  connection.pragma("journal_mode = WAL");
  connection.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  // Statistics for the planner (found-at index vs a scan of a leader's enterprises), gathered at
  // open where they are missing or stale; cheap when they are current.
  connection.pragma("optimize = 0x10002");
  const lock = new SerialLock();
  const sql = new Sql(connection);
  const stores = bindStores(prisma.client, sql);
  const uow: UnitOfWork = {
    run: (work) => lock.hold(() => asConflict(() => transactions.run(() => work(stores)))),
    read: (work) => lock.hold(() => asConflict(() => work(stores))),
  };
  const ping = async () => {
    try {
      return Number(connection.prepare("SELECT 1").pluck().get()) === 1;
    } catch {
      return false;
    }
  };
  return { uow, prisma: prisma.client, connection, ping, close: () => prisma.disconnect() };
}

/**
 * One SQLite connection shared by the ORM and the statements the store prepares itself: the
 * adapter's better-sqlite3 handle is taken from the connected adapter, so a prepared statement
 * run inside a unit of work is part of the same transaction as the ORM calls around it.
 */
async function connect(
  databaseUrl: string,
): Promise<{ prisma: LazyClient; connection: BetterSqlite3.Database; transactions: SqliteTransactions }> {
  const factory = new PrismaBetterSQLite3({ url: databaseUrl, timeout: 5000 });
  const adapter = await factory.connect();
  const connection = (adapter as unknown as { client: BetterSqlite3.Database }).client;
  const transactions = new SqliteTransactions(connection);
  const joined = transactions.adapter(adapter);
  const prisma = lazyClient(async () => {
    const { PrismaClient } = await import("../generated/prisma/client.ts");
    return new PrismaClient({
      adapter: {
        provider: factory.provider,
        adapterName: factory.adapterName,
        connect: async () => joined,
      },
    });
  });
  return { prisma, connection, transactions };
}

/** The ORM client, made on first use, and how to let it go. */
type LazyClient = { client: PrismaClient; disconnect(): Promise<void> };

/**
 * The ORM client, loaded and made on the first call of one of its methods: the client's runtime
 * and its query compiler (WebAssembly, tens of MiB) stay out of a process whose paths all run
 * through prepared statements, such as an idle `xunjian start`. Every ORM call a store makes is
 * `client.model.method(args)` (or a `$` method), awaited, so each returns a promise that loads the
 * client first; a call still runs in the unit of work it was made in, as the client uses the same
 * connection.
 */
function lazyClient(make: () => Promise<PrismaClient>): LazyClient {
  let made: Promise<PrismaClient> | null = null;
  const load = () => {
    made ??= make();
    return made;
  };
  const call =
    (path: readonly string[]) =>
    async (...args: unknown[]): Promise<unknown> => {
      const client = (await load()) as unknown as Record<
        string,
        Record<string, (...a: unknown[]) => unknown>
      >;
      const [first = "", second] = path;
      if (second === undefined) return (client[first] as unknown as (...a: unknown[]) => unknown)(...args);
      const delegate = client[first] as Record<string, (...a: unknown[]) => unknown>;
      return delegate[second]?.(...args);
    };
  const delegates = new Map<string, unknown>();
  const client = new Proxy(
    {},
    {
      get(_, name) {
        if (typeof name !== "string" || name === "then") return undefined;
        if (name.startsWith("$")) return call([name]);
        let d = delegates.get(name);
        if (!d) {
          const methods = new Map<string, unknown>();
          d = new Proxy(
            {},
            {
              get(__, method) {
                if (typeof method !== "string" || method === "then") return undefined;
                let m = methods.get(method);
                if (!m) {
                  m = call([name, method]);
                  methods.set(method, m);
                }
                return m;
              },
            },
          );
          delegates.set(name, d);
        }
        return d;
      },
    },
  ) as PrismaClient;
  return {
    client,
    disconnect: async () => {
      if (made) await (await made).$disconnect();
    },
  };
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
