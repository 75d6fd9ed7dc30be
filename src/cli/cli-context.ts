import { type Config, loadConfig } from "../config.ts";
import { type App, openApp } from "../main.ts";

/** Runs a command body with the app open, closing it afterwards whatever happens. */
export async function withApp<T>(body: (app: App, config: Config) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const app = await openApp(config);
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
