import { spawn, spawnSync } from "node:child_process";
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
  const modules = moduleLog();
  const run = spawnSync(
    process.execPath,
    ["--import", modules.register, path.join(ROOT, "bin", "xunjian.js"), ...args],
    {
      cwd: ROOT,
      env: { ...process.env, ...env },
      encoding: "utf8",
    },
  );
  expect(run.status, run.stderr).toBe(0);
  return modules.packages();
}

/** A resolve hook to register with `--import`, and the packages it saw resolved so far. */
function moduleLog(): { register: string; packages(): Set<string> } {
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
  return {
    register,
    packages: () => {
      const urls = fs.existsSync(log) ? fs.readFileSync(log, "utf8").split("\n") : [];
      return new Set(
        urls
          .map((u) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(u)?.[1])
          .filter((p): p is string => p !== undefined),
      );
    },
  };
}

/**
 * The packages an idle `xunjian start` (console only, demo park seeded) has loaded once it is
 * running and the dispatcher has looked at the outbox for a while.
 */
async function packagesOfIdleStart(idleMs: number): Promise<Set<string>> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "xunjian-idle-"));
  const env = {
    ...process.env,
    DATA_DIR: dataDir,
    LOG_LEVEL: "warn",
    HTTP_PORT: "0",
    SCHEDULER_ENABLED: "false",
  };
  const bin = path.join(ROOT, "bin", "xunjian.js");
  const seeded = spawnSync(process.execPath, [bin, "start", "--exit-after-seed"], {
    cwd: ROOT,
    env,
    encoding: "utf8",
  });
  expect(seeded.status, seeded.stderr).toBe(0);
  const modules = moduleLog();
  const child = spawn(process.execPath, ["--import", modules.register, bin, "start"], {
    cwd: ROOT,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stderr.on("data", (d) => {
    err += d;
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout.on("data", (d) => {
      out += d;
      if (out.includes("xunjian is running")) resolve();
    });
    child.once("exit", (code) => reject(new Error(`start exited with ${code}: ${err}`)));
  });
  await new Promise((r) => setTimeout(r, idleMs));
  const loaded = modules.packages();
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM");
  await exited;
  return loaded;
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

describe("what an idle `xunjian start` loads", () => {
  it("neither the ORM's client and query compiler nor exceljs: the idle paths run on prepared statements", async () => {
    const loaded = await packagesOfIdleStart(3_000);
    expect(loaded.has("better-sqlite3")).toBe(true);
    expect(loaded.has("hono")).toBe(true);
    expect(["@prisma/client", "exceljs"].filter((p) => loaded.has(p))).toEqual([]);
  }, 60_000);
});

describe("what a one-off command loads and validates", () => {
  /** A data directory with the demo park, and a content tree copy whose small-venues checklist is broken. */
  function brokenChecklistSetup() {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "xunjian-startup-"));
    const tree = fs.mkdtempSync(path.join(os.tmpdir(), "xunjian-startup-content-"));
    fs.cpSync(path.join(ROOT, "prompts"), path.join(tree, "prompts"), { recursive: true });
    fs.cpSync(path.join(ROOT, "rules"), path.join(tree, "rules"), { recursive: true });
    const seeded = spawnSync(
      process.execPath,
      [path.join(ROOT, "bin", "xunjian.js"), "start", "--exit-after-seed"],
      {
        cwd: ROOT,
        env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: "warn", HTTP_PORT: "0" },
        encoding: "utf8",
      },
    );
    expect(seeded.status, seeded.stderr).toBe(0);
    const file = path.join(tree, "prompts", "checklists", "small-venues.yaml");
    fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace(/^version: .*$/m, "version: many"));
    return {
      env: {
        DATA_DIR: dataDir,
        PROMPTS_DIR: path.join(tree, "prompts"),
        RULES_DIR: path.join(tree, "rules"),
        LOG_LEVEL: "warn",
      },
      tree,
    };
  }

  const run = (args: string[], env: Record<string, string>, input = "") =>
    spawnSync(process.execPath, [path.join(ROOT, "bin", "xunjian.js"), ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      input,
      encoding: "utf8",
    });

  it("`xunjian report` loads neither the web console, the scheduler, a channel SDK, exceljs, the rule engine nor the ORM", () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "xunjian-startup-"));
    const loaded = packagesLoadedBy(["report", "--from", "2026-07-01", "--to", "2026-09-30"], {
      DATA_DIR: dataDir,
      LOG_LEVEL: "warn",
    });
    expect(loaded.has("better-sqlite3")).toBe(true);
    expect(
      [
        "hono",
        "node-cron",
        "exceljs",
        "grammy",
        "wechaty",
        "json-rules-engine",
        "qrcode",
        "fast-xml-parser",
        // Its reads are prepared statements: the ORM's client and query compiler stay out.
        "@prisma/client",
      ].filter((p) => loaded.has(p)),
    ).toEqual([]);
  });

  it("`report` reads only the content it uses; `chat` and `check` still refuse a malformed checklist", () => {
    const { env } = brokenChecklistSetup();
    const report = run(["report", "--from", "2026-07-01", "--to", "2026-09-30", "--format", "md"], env);
    expect(report.status, report.stderr).toBe(0);
    expect(report.stdout.length).toBeGreaterThan(0);

    // chat prints its banner, then validates every file before reading any input.
    const chat = run(["chat", "--as", "13900000001", "--json"], env, "帮助\n");
    expect(chat.status).toBe(1);
    expect(`${chat.stdout}${chat.stderr}`).toMatch(/checklists\/small-venues\.yaml: version: /);
    expect(chat.stdout).not.toContain('"text"');

    const check = run(["check"], env);
    expect(check.status).not.toBe(0);
    expect(`${check.stdout}${check.stderr}`).toContain("small-venues.yaml");
  });

  it("`ledger` reads only the content it uses: a malformed checklist does not stop it", () => {
    const { env } = brokenChecklistSetup();
    const out = path.join(env.DATA_DIR, "ledger.xlsx");
    const ledger = run(["ledger", "--out", out, "--from", "2026-01-01", "--to", "2026-12-31"], env);
    expect(ledger.status, ledger.stderr).toBe(0);
    expect(ledger.stdout).toContain(out);
    expect(fs.statSync(out).size).toBeGreaterThan(0);
  });

  it("`ledger` refuses a malformed report.yaml with the file, before writing anything", () => {
    const { env, tree } = brokenChecklistSetup();
    fs.writeFileSync(path.join(tree, "prompts", "report.yaml"), "markdown: [unclosed\n");
    const out = path.join(env.DATA_DIR, "ledger.xlsx");
    const ledger = run(["ledger", "--out", out], env);
    expect(ledger.status).toBe(1);
    expect(`${ledger.stdout}${ledger.stderr}`).toContain("report.yaml: (file):");
    expect(fs.existsSync(out)).toBe(false);
  });

  it("`report --format md` refuses a malformed report.yaml with the file, before any figure", () => {
    const { env, tree } = brokenChecklistSetup();
    fs.writeFileSync(path.join(tree, "prompts", "report.yaml"), "markdown: [unclosed\n");
    const report = run(["report", "--from", "2026-07-01", "--to", "2026-09-30", "--format", "md"], env);
    expect(report.status).toBe(1);
    expect(`${report.stdout}${report.stderr}`).toContain("report.yaml: (file):");
  });
});
