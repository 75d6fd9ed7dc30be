import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT } from "../support/test-app.ts";

// Inside node_modules/ so the compiled files find the packages as dist/ does.
const OUT = path.join(ROOT, "node_modules", ".cache", `xunjian-build-test-${process.pid}`);
const env = {
  ...process.env,
  PROMPTS_DIR: path.join(ROOT, "prompts"),
  RULES_DIR: path.join(ROOT, "rules"),
  LOG_LEVEL: "silent",
};

describe("the compiled CLI (npm run build)", () => {
  afterAll(() => fs.rmSync(OUT, { recursive: true, force: true }));

  it("compiles src/ to JavaScript that answers as the TypeScript sources do", () => {
    const build = spawnSync(process.execPath, ["scripts/build.js", "--out", OUT], {
      cwd: ROOT,
      encoding: "utf8",
    });
    expect(build.status, build.stderr).toBe(0);
    expect(JSON.parse(fs.readFileSync(path.join(OUT, "build-info.json"), "utf8")).fingerprint).toMatch(
      /^\d+:/,
    );
    for (const args of [["--help"], ["check"], ["calendar", "--year", "2026", "--json"]]) {
      const compiled = spawnSync(process.execPath, [path.join(OUT, "cli", "main.js"), ...args], {
        cwd: ROOT,
        env,
        encoding: "utf8",
      });
      const source = spawnSync(process.execPath, ["bin/xunjian.js", ...args], {
        cwd: ROOT,
        env: { ...env, XUNJIAN_FROM_SOURCE: "1" },
        encoding: "utf8",
      });
      expect(compiled.status, compiled.stderr).toBe(0);
      expect(compiled.stdout).toBe(source.stdout);
    }
  });
});
