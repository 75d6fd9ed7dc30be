import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../support/test-app.ts";

/**
 * The packages a command loads, as the module resolver sees them: a hook registered before the CLI
 * writes down every module it resolves. Start-up time is measured in `npm run bench`; this only
 * checks what is loaded, which is what made `xunjian --help` take seconds.
 */
function packagesLoadedBy(args: string[], env: Record<string, string> = {}): Set<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "xunjian-modules-"));
  const log = path.join(dir, "modules.txt");
  const hooks = path.join(dir, "hooks.mjs");
  fs.writeFileSync(
    hooks,
    `import fs from "node:fs";
export async function resolve(specifier, context, next) {
  const r = await next(specifier, context);
  fs.appendFileSync(${JSON.stringify(log)}, r.url + "\\n");
  return r;
}`,
  );
  const register = path.join(dir, "register.mjs");
  fs.writeFileSync(
    register,
    `import { register } from "node:module"; register(${JSON.stringify(`file://${hooks}`)});`,
  );
  const run = spawnSync(
    process.execPath,
    ["--import", register, path.join(ROOT, "bin", "xunjian.js"), ...args],
    {
      cwd: ROOT,
      env: { ...process.env, ...env },
      encoding: "utf8",
    },
  );
  expect(run.status, run.stderr).toBe(0);
  const urls = fs.existsSync(log) ? fs.readFileSync(log, "utf8").split("\n") : [];
  return new Set(
    urls
      .map((u) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(u)?.[1])
      .filter((p): p is string => p !== undefined),
  );
}

const HEAVY = [
  "@prisma/client",
  "better-sqlite3",
  "exceljs",
  "grammy",
  "wechaty",
  "pino",
  "json-rules-engine",
];

describe("what the CLI loads at start", () => {
  it("`xunjian --help` and `xunjian report --help` load no database, channel SDK, exceljs or logger", () => {
    for (const args of [["--help"], ["report", "--help"], ["import", "people", "--help"]]) {
      const loaded = packagesLoadedBy(args);
      expect(loaded.has("commander")).toBe(true);
      expect(HEAVY.filter((p) => loaded.has(p))).toEqual([]);
    }
  });

  it("`xunjian check` reads the content without the database or exceljs", () => {
    const loaded = packagesLoadedBy(["check"]);
    expect(loaded.has("yaml")).toBe(true);
    expect(
      ["@prisma/client", "better-sqlite3", "exceljs", "grammy", "wechaty"].filter((p) => loaded.has(p)),
    ).toEqual([]);
  });
});
