import { fileURLToPath } from "node:url";
import type { AppDeps } from "./app/app-deps.ts";
import type { Config } from "./config.ts";
import { validateAllContent } from "./content/validate-all-content.ts";
import { AppError } from "./domain/app-error.ts";
import { toShanghaiDate } from "./domain/calendar/local-date.ts";
import { type Clock, systemClock } from "./domain/clock.ts";
import { createLogger, type Logger } from "./logger.ts";
import { openDatabase } from "./store/database.ts";
import { FileStore } from "./store/file-store.ts";
import { migrate } from "./store/migrate.ts";

export const MIGRATIONS_DIR = fileURLToPath(new URL("../prisma/migrations", import.meta.url));

export type App = { deps: AppDeps; close(): Promise<void> };

/**
 * The composition root: config → logger → content → database → stores → use cases. Content
 * is validated before anything else, so a malformed rule or checklist stops start-up with
 * the file and the path of each problem.
 */
export async function openApp(config: Config, options: { clock?: Clock; log?: Logger } = {}): Promise<App> {
  const log = options.log ?? createLogger(config.logLevel);
  const clock = options.clock ?? systemClock;
  // Citations must hold on the day the bot runs: a superseded standard stops start-up.
  const loaded = validateAllContent(config.promptsDir, config.rulesDir, [], toShanghaiDate(clock.now()));
  if (!loaded.ok)
    throw new AppError("invalid_content", `Content files are invalid:\n${loaded.problems.join("\n")}`);
  const applied = migrate(config.databaseUrl, MIGRATIONS_DIR);
  if (applied.length) log.info({ applied }, "database migrated");
  const db = await openDatabase(config.databaseUrl);
  const deps: AppDeps = {
    db,
    content: loaded.content,
    clock,
    config,
    files: new FileStore(config.dataDir),
    log,
  };
  return {
    deps,
    close: async () => {
      await db.$disconnect();
    },
  };
}
