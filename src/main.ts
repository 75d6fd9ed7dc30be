import { fileURLToPath } from "node:url";
import type { AppDeps } from "./app/app-deps.ts";
import { AttachmentSources } from "./app/attachment-sources.ts";
import type { RunningChannels, StartChannelsOptions } from "./channels/start-channels.ts";
import type { Config } from "./config.ts";
import type { ProductContent } from "./content/validate-all-content.ts";
import { AppError } from "./domain/app-error.ts";
import { type LocalDate, toShanghaiDate } from "./domain/calendar/local-date.ts";
import { type Clock, systemClock } from "./domain/clock.ts";
import { createLogger, type Logger } from "./logger.ts";
import { Dispatcher, type DispatcherOptions } from "./outbox/dispatcher.ts";
import { productDispatcherOptions } from "./outbox/dispatcher-options.ts";
import type { Scheduler } from "./scheduler/scheduler.ts";
import { type Database, openDatabase } from "./store/database.ts";
import { isPostgresUrl } from "./store/database-url.ts";
import { FileStore } from "./store/file-store.ts";
import { acquireInstanceLock } from "./store/instance-lock.ts";
import { channelRole, Leadership } from "./store/leadership.ts";
import { migrateDatabase } from "./store/migrate.ts";

export const MIGRATIONS_DIR = fileURLToPath(new URL("../prisma/migrations", import.meta.url));

/** What a dispatcher is for: the running product's (platform rate limits, admin alerts for dead messages), or a plain one. */
export type DispatcherKind = "product" | "plain";

export type App = {
  deps: AppDeps;
  database: Database;
  /** The one place a dispatcher is built. A console session or a test uses a plain one. */
  dispatcher(kind: DispatcherKind, options?: { log?: Logger } & Partial<DispatcherOptions>): Dispatcher;
  close(): Promise<void>;
};

export type OpenAppOptions = {
  clock?: Clock;
  log?: Logger;
  /**
   * `all` (the default; `start`, `check`, tests): every content file is validated before the
   * database opens. `on-demand`: a section of the content is read and validated when first used
   * (a one-off command such as `chat`), see `content/content-on-demand.ts`. `report`: on demand,
   * and only the sections `report` and `ledger` read (the report wording, the labels, the inspection
   * catalogue): the other sections' loaders are not even loaded (`content/sections-on-demand.ts`).
   */
  content?: "all" | "on-demand" | "report";
};

/** The content as `options.content` asks for it; each way imports only the loaders it runs. */
async function openContent(
  config: Config,
  today: LocalDate,
  mode: NonNullable<OpenAppOptions["content"]>,
): Promise<ProductContent> {
  if (mode === "report") {
    const { sectionsOnDemand } = await import("./content/sections-on-demand.ts");
    return sectionsOnDemand(config.promptsDir, config.rulesDir, today, null);
  }
  if (mode === "on-demand") {
    const { contentOnDemand } = await import("./content/content-on-demand.ts");
    return contentOnDemand(config.promptsDir, config.rulesDir, today);
  }
  const { validateAllContent } = await import("./content/validate-all-content.ts");
  const loaded = validateAllContent(config.promptsDir, config.rulesDir, [], today);
  if (!loaded.ok)
    throw new AppError("invalid_content", `Content files are invalid:\n${loaded.problems.join("\n")}`);
  return loaded.content;
}

/**
 * The composition root: config → logger → content → database → stores → use cases. Content
 * is loaded and validated once, before anything else, so a malformed rule or checklist stops
 * start-up with the file and the path of each problem; it is passed in from here on.
 */
export async function openApp(config: Config, options: OpenAppOptions = {}): Promise<App> {
  const log = options.log ?? createLogger(config.logLevel);
  const clock = options.clock ?? systemClock;
  // Citations must hold on the day the bot runs: a superseded standard stops start-up.
  const today = toShanghaiDate(clock.now());
  const content = await openContent(config, today, options.content ?? "all");
  const applied = await migrateDatabase(config.databaseUrl, MIGRATIONS_DIR);
  if (applied.length) log.info({ applied }, "database migrated");
  const database = await openDatabase(config.databaseUrl);
  const deps: AppDeps = {
    uow: database.uow,
    content,
    clock,
    config,
    files: new FileStore(config.dataDir),
    log,
    attachments: new AttachmentSources(),
  };
  return {
    deps,
    database,
    dispatcher: (kind, { log: dispatcherLog, ...overrides } = {}) =>
      new Dispatcher(deps.uow, clock, dispatcherLog ?? log.child({ part: "dispatcher" }), {
        ...(kind === "product"
          ? productDispatcherOptions(config, content.campaigns.messages.alerts, config.outboxRateLimits)
          : {}),
        ...overrides,
      }),
    close: async () => {
      await database.close();
    },
  };
}

/** The running product: its dispatcher, channels (with the HTTP server) and scheduler. */
export type RunningProduct = {
  dispatcher: Dispatcher;
  channels: RunningChannels;
  scheduler: Scheduler | undefined;
  /** Stops everything in reverse order of start, and releases the data directory. */
  stop(): Promise<void>;
};

/**
 * Starts what `xunjian start` runs on an open app: it claims the data directory (one process per
 * DATA_DIR), then dispatcher → channels → HTTP → scheduler (which first catches up on work that
 * fell due while the process was down).
 */
export async function runProduct(
  app: App,
  options: {
    channels?: StartChannelsOptions;
    /** On PostgreSQL, when the connection holding this instance's roles is lost (default: exit). */
    onRolesLost?: (roles: string[]) => void;
    /** On PostgreSQL, how often a free role is tried (a dead instance's roles are taken within this). */
    rolesRetryMs?: number;
  } = {},
): Promise<RunningProduct> {
  const { deps } = app;
  // What only a running product needs (the web console, the channels, the scheduler) is imported
  // here, so a command that merely opens the app (report, ledger, chat) does not load it.
  const [{ startChannels }, { WebChannel }, { createWebConsole }, { Scheduler, schedulerOptionsFrom }] =
    await Promise.all([
      import("./channels/start-channels.ts"),
      import("./channels/web/web-channel.ts"),
      import("./web/web-console.tsx"),
      import("./scheduler/scheduler.ts"),
    ]);
  // SQLite: one process per data directory. PostgreSQL: several instances share the database, and
  // each channel's sending (and Telegram polling, the WeChat login) belongs to one at a time.
  const shared = isPostgresUrl(deps.config.databaseUrl);
  const lock = shared ? undefined : acquireInstanceLock(deps.config.dataDir);
  const rolesLog = deps.log.child({ part: "roles" });
  const leadership = shared
    ? new Leadership(deps.config.databaseUrl, rolesLog, {
        ...(options.rolesRetryMs ? { retryMs: options.rolesRetryMs } : {}),
        onLost:
          options.onRolesLost ??
          ((roles) => {
            // Another instance may hold these roles by now: stop rather than send or poll twice.
            rolesLog.fatal({ roles }, "roles lost: stopping so that nothing is sent twice");
            process.exit(70);
          }),
      })
    : undefined;
  let running: RunningChannels | undefined;
  const dispatcher = app.dispatcher(
    "product",
    leadership
      ? {
          sendsFor: (channel) => {
            const c = running?.get(channel);
            if (c?.scope === "instance") return true;
            // Taken over from an instance that died: its last sends still count against the
            // channel's overall limits for one window, which this instance's limiter never saw.
            const window = Math.max(0, ...(c?.rateLimits.global ?? []).map((l) => l.perMs));
            return leadership.heldFor(channelRole(channel)) > Math.min(window, 60_000);
          },
        }
      : {},
  );
  dispatcher.start(1000);
  // The office console answers every path the channels do not, on the same server, which now always starts.
  const webConsole = createWebConsole(deps, {
    simulator: () => running?.find(WebChannel),
    settled: async () => running?.settled(),
  });
  const exclusiveStarts = new Map<string, () => Promise<void>>();
  const channels = await startChannels(deps, dispatcher, {
    ...options.channels,
    fallback: webConsole.handle,
    health: app.database.ping,
    ...(leadership ? { startExclusive: (c, start) => void exclusiveStarts.set(c.id, start) } : {}),
  });
  running = channels;
  await webConsole.keepSimulatorLog(channels.find(WebChannel));
  if (leadership) {
    for (const channel of channels.channels)
      if (channel.scope !== "instance")
        leadership.want(channelRole(channel.id), async () => exclusiveStarts.get(channel.id)?.());
    await leadership.start();
    rolesLog.info(
      {
        roles: leadership.roles(),
        waiting: channels.channels.map((c) => c.id).filter((id) => !leadership.holds(channelRole(id))),
      },
      "instance roles on the shared database (others are taken over when their holder stops)",
    );
  } else
    rolesLog.info(
      { roles: channels.channels.map((c) => channelRole(c.id)) },
      "instance roles: all (one process per data directory)",
    );
  const scheduler = deps.config.scheduler.enabled
    ? new Scheduler(deps, deps.content.campaigns, schedulerOptionsFrom(deps.config))
    : undefined;
  await scheduler?.start();
  return {
    dispatcher,
    channels,
    scheduler,
    stop: async () => {
      await scheduler?.stop();
      await channels.stop();
      await dispatcher.stop();
      await leadership?.stop();
      lock?.release();
    },
  };
}
