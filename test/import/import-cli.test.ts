import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../support/test-app.ts";
import { csv, ENTERPRISE_HEADER, tempFile, validCode, wrongCheck } from "./import-fixtures.ts";

/** Runs the real `xunjian` binary on a fresh data directory. */
function xunjian(dataDir: string, ...args: string[]) {
  const { DATABASE_URL: _db, PROMPTS_DIR: _p, RULES_DIR: _r, ...env } = process.env;
  return spawnSync(process.execPath, ["bin/xunjian.js", ...args], {
    cwd: ROOT,
    env: { ...env, DATA_DIR: dataDir, LOG_LEVEL: "silent" },
    encoding: "utf8",
  });
}

describe("xunjian import (the real CLI)", () => {
  it("imports a CSV into a fresh database with --json, and exits 1 listing rows on a bad file", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "xunjian-cli-"));
    const good = tempFile(
      "enterprises.csv",
      `\ufeff${csv([ENTERPRISE_HEADER, ["甲厂", validCode(1), "工贸", "北岸街道", "北岸第一网格", "B", ""]])}`,
    );
    const ok = xunjian(dataDir, "import", "enterprises", good, "--json");
    expect(ok.stderr).toBe("");
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({
      ok: true,
      dryRun: false,
      created: 1,
      updated: 0,
      createdAreas: [{ name: "北岸街道", parent: null }],
      createdGrids: [{ name: "北岸第一网格", area: "北岸街道" }],
      errors: [],
    });

    const bad = tempFile(
      "bad.csv",
      csv([ENTERPRISE_HEADER, ["乙厂", wrongCheck(validCode(2)), "矿山", "北岸街道", "", "", ""]]),
    );
    // Office staff read Chinese; scripts read the codes of --json.
    const failed = xunjian(dataDir, "import", "enterprises", bad);
    expect(failed.status).toBe(1);
    expect(failed.stderr).toContain(`${bad}：未导入任何数据，共 2 处问题：`);
    expect(failed.stderr).toContain("第 2 行：统一社会信用代码：第 18 位校验码不符");
    expect(failed.stderr).toContain("第 2 行：行业：未知行业「矿山」");
    const scripted = xunjian(dataDir, "import", "enterprises", bad, "--json");
    expect(scripted.status).toBe(1);
    expect(JSON.parse(scripted.stdout).errors.map((e: { code: string }) => e.code)).toEqual([
      "credit_code_check",
      "unknown_industry",
    ]);
  });
});
