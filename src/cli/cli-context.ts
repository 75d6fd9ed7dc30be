import type { Config } from "../config.ts";
import type { Clock } from "../domain/clock.ts";
import type { App } from "../main.ts";

/** How a command opens the app. */
export type WithAppOptions = {
  /** The command's clock (`tick --at`); the system clock otherwise. */
  clock?: Clock;
  /**
   * A person types into this command (a console chat): when the terminal is interactive, the log
   * goes to a file under DATA_DIR and only warnings show in the terminal, as short lines.
   */
  interactive?: boolean;
  /**
   * `on-demand`: the command reads each content section when it first uses it (see
   * `content/content-on-demand.ts`); `report`: on demand, the sections `report` and `ledger` read
   * alone; `start`, `check` and the default validate every file first.
   */
  content?: "all" | "on-demand" | "report";
};

/** Whether both ends of the terminal are a person: typing in, reading out. */
export function isInteractiveTerminal(): boolean {
  return Boolean(process.stdin.isTTY && process.stdout.isTTY);
}

/**
 * Runs a command body with the app open, closing it afterwards whatever happens. The composition
 * root (and with it Prisma, the content and the stores) is imported here, when a command runs,
 * not when the CLI starts: `--help` and the commands that need no database never load it.
 */
export async function withApp<T>(
  body: (app: App, config: Config) => Promise<T>,
  options: WithAppOptions = {},
): Promise<T> {
  const [{ loadConfig }, { openApp }, logger] = await Promise.all([
    import("../config.ts"),
    import("../main.ts"),
    import("../logger.ts"),
  ]);
  const config = loadConfig();
  const log =
    options.interactive && isInteractiveTerminal()
      ? logger.createInteractiveLogger(config.logLevel, logger.logFileOf(config.dataDir))
      : undefined;
  const app = await openApp(config, {
    ...(options.clock ? { clock: options.clock } : {}),
    ...(log ? { log } : {}),
    ...(options.content ? { content: options.content } : {}),
  });
  try {
    return await body(app, config);
  } finally {
    await app.close();
  }
}

/** Prints one JSON document on stdout. */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
