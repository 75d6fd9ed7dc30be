import { spawn } from "node:child_process";
import path from "node:path";
import { databaseUrlFor, onPostgres } from "./pg.ts";
import { ROOT } from "./test-app.ts";

export type CliRun = { code: number; out: string; err: string };

/** Runs the real `xunjian` command (bin/xunjian.js) as a child process, feeding it `stdin`. */
export async function runCli(args: string[], env: Record<string, string> = {}, stdin = ""): Promise<CliRun> {
  // On PostgreSQL (TEST_DATABASE=postgres) the command opens the database of the data directory's app.
  if (onPostgres && env.DATA_DIR && !env.DATABASE_URL)
    env = { ...env, DATABASE_URL: await databaseUrlFor(env.DATA_DIR) };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, "bin", "xunjian.js"), ...args], {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: "warn", ...env },
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => {
      out += d;
    });
    child.stderr.on("data", (d) => {
      err += d;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? -1, out, err }));
    child.stdin.end(stdin);
  });
}
