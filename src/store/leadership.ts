import type pg from "pg";
import type { Logger } from "../logger.ts";

/**
 * Roles only one instance may hold at a time on a shared database: sending a channel's outbox (so
 * its rate limits stay global: the in-memory limiter counts one process's sends) and receiving
 * where the platform allows one connection (Telegram long polling, the WeChat login).
 *
 * On PostgreSQL a role is a session advisory lock on a connection of its own: it is held while
 * that connection lives and freed by the server the moment the holder's process dies (kill -9
 * closes its socket), so another instance, trying every `retryMs`, takes it over within seconds.
 */
export class Leadership {
  private client: pg.Client | undefined;
  /** The roles held, with the moment (ms) each was taken. */
  private readonly held = new Map<string, number>();
  private readonly wanted = new Map<string, () => Promise<void> | void>();
  private timer: NodeJS.Timeout | undefined;
  private checking: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly databaseUrl: string,
    private readonly log: Logger,
    private readonly options: {
      /** How often a free role is tried and a held one checked. */
      retryMs?: number;
      /** Called once when the connection holding the roles is lost: the roles may be taken by now. */
      onLost: (roles: string[]) => void;
    },
  ) {}

  /** True while this instance holds the role. */
  holds(role: string): boolean {
    return this.held.has(role);
  }

  /** How long (ms) this instance has held the role; 0 when it does not hold it. */
  heldFor(role: string): number {
    const since = this.held.get(role);
    return since === undefined ? 0 : Math.max(1, Date.now() - since);
  }

  /** The roles this instance holds now. */
  roles(): string[] {
    return [...this.held.keys()].sort();
  }

  /** Asks for a role; `onGained` runs once, when this instance takes it. */
  want(role: string, onGained: () => Promise<void> | void = () => undefined): void {
    this.wanted.set(role, onGained);
  }

  /** Tries the wanted roles now, and again every `retryMs` until stopped. */
  async start(): Promise<void> {
    await this.check();
    const every = this.options.retryMs ?? 2000;
    this.timer = setInterval(() => {
      this.checking ??= this.check().finally(() => {
        this.checking = undefined;
      });
    }, every);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.checking;
    const client = this.client;
    this.client = undefined;
    this.held.clear();
    // Closing the session frees its advisory locks at once: another instance takes over.
    await client?.end().catch(() => undefined);
  }

  private async check(): Promise<void> {
    if (this.stopped) return;
    try {
      const client = await this.connection();
      if (this.held.size > 0) await client.query("SELECT 1");
      for (const [role, onGained] of this.wanted) {
        if (this.held.has(role)) continue;
        const { rows } = await client.query<{ taken: boolean }>(
          "SELECT pg_try_advisory_lock(hashtext($1)) AS taken",
          [`xunjian:role:${role}`],
        );
        if (!rows[0]?.taken) continue;
        this.held.set(role, Date.now());
        this.log.info({ role, roles: this.roles() }, "this instance now holds the role");
        try {
          await onGained();
        } catch (err) {
          this.log.error({ err, role }, "starting the work of a role failed");
        }
      }
    } catch (err) {
      this.lost(err);
    }
  }

  private async connection(): Promise<pg.Client> {
    if (this.client) return this.client;
    // Loaded here, on PostgreSQL alone: main.ts imports this file for every command, and the
    // driver (with the fetch machinery it pulls in) costs a SQLite command some 40 ms to load.
    const { Client } = (await import("pg")).default;
    // Named after the process, so `pg_stat_activity` (joined with `pg_locks`) shows who holds what.
    const client = new Client({
      connectionString: this.databaseUrl,
      keepAlive: true,
      application_name: `xunjian roles pid ${process.pid}`,
    });
    client.on("error", (err) => this.lost(err));
    await client.connect();
    this.client = client;
    return client;
  }

  private lost(err: unknown): void {
    const roles = this.roles();
    this.client?.end().catch(() => undefined);
    this.client = undefined;
    this.held.clear();
    if (this.stopped) return;
    if (roles.length === 0) {
      this.log.warn({ err }, "could not try the instance roles; trying again");
      return;
    }
    this.log.error({ err, roles }, "lost the connection that holds this instance's roles");
    this.options.onLost(roles);
  }
}

/** The role of sending (and, for a channel with one connection, receiving) a channel's messages. */
export const channelRole = (channelId: string) => `channel:${channelId}`;
