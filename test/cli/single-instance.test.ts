import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { onPostgres } from "../support/pg.ts";
import { runCli } from "../support/run-cli.ts";
import { ROOT } from "../support/test-app.ts";

/** Starts `xunjian start` and resolves once it says it is running. */
function startProduct(env: Record<string, string>): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, "bin", "xunjian.js"), "start"], {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: "warn", ...env },
    });
    let out = "";
    child.stdout.on("data", (d) => {
      out += d;
      if (out.includes("xunjian is running")) resolve(child);
    });
    child.on("error", reject);
    child.on("close", (code) => reject(new Error(`start exited with ${code} before running: ${out}`)));
  });
}

// SQLite only: on PostgreSQL several instances share the database and DATA_DIR by design (see
// test/store/pg-three-instances.test.ts).
describe.skipIf(onPostgres)("one data directory, one running process", () => {
  const running: ChildProcess[] = [];
  afterEach(() => {
    for (const c of running.splice(0)) c.kill("SIGKILL");
  });

  it("refuses a second start on the same DATA_DIR, and lets one start after the first stopped", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "xunjian-lock-"));
    const env = { DATA_DIR: dataDir, SCHEDULER_ENABLED: "false", HTTP_PORT: "0" };
    const first = await startProduct(env);
    running.push(first);

    const second = await runCli(["start"], env);
    expect(second.code).toBe(1);
    expect(second.err).toContain(`Another xunjian (pid ${first.pid}) is already running on ${dataDir}`);

    const stopped = new Promise((resolve) => first.once("close", resolve));
    first.kill("SIGTERM");
    await stopped;
    running.push(await startProduct(env));
  }, 120_000);

  it("takes over the lock of a process that died without releasing it", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "xunjian-lock-"));
    const env = { DATA_DIR: dataDir, SCHEDULER_ENABLED: "false", HTTP_PORT: "0" };
    const dead = spawn(process.execPath, ["-e", "0"]);
    await new Promise((resolve) => dead.once("close", resolve));
    fs.writeFileSync(path.join(dataDir, "xunjian.pid"), `${dead.pid}\n`);
    running.push(await startProduct(env));
  }, 120_000);
});
