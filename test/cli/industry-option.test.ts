import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../support/run-cli.ts";
import { createTestApp } from "../support/test-app.ts";

const PERIOD = ["--from", "2026-09-01", "--to", "2026-09-30"];
const CHOICES = "危险化学品、工贸、建筑施工、人员密集场所、城镇燃气、九小场所";

describe("`report --industry` and `ledger --industry` take the industry's Chinese name, as import does", () => {
  let env: Record<string, string>;
  beforeAll(async () => {
    const app = await createTestApp({ seed: true, at: "2026-10-10T09:00:00+08:00" });
    env = { DATA_DIR: app.dataDir };
    await app.close();
  });
  afterAll(() => fs.rmSync(env.DATA_DIR as string, { recursive: true, force: true }));

  it("report: the name and the code give the same figures", async () => {
    const byName = await runCli(["report", ...PERIOD, "--industry", "危险化学品"], env);
    expect(byName.code, byName.err).toBe(0);
    const byCode = await runCli(["report", ...PERIOD, "--industry", "hazardous_chemicals"], env);
    expect(byCode.code, byCode.err).toBe(0);
    const figures = (out: string) => ({ ...JSON.parse(out), generatedAt: null });
    expect(figures(byName.out)).toEqual(figures(byCode.out));
    const md = await runCli(["report", ...PERIOD, "--industry", "危险化学品", "--format", "md"], env);
    expect(md.code, md.err).toBe(0);
    expect(md.out).toContain("行业：危险化学品");
  });

  it("report and ledger: an unknown industry is refused in Chinese with the allowed names", async () => {
    const report = await runCli(["report", ...PERIOD, "--industry", "矿山"], env);
    expect(report.code).toBe(1);
    expect(report.err).toBe(`--industry 应为以下行业之一：${CHOICES}，而不是「矿山」 [invalid_industry]\n`);
    const out = path.join(env.DATA_DIR as string, "refused.xlsx");
    const ledger = await runCli(["ledger", "--out", out, "--industry", "矿山"], env);
    expect(ledger.code).toBe(1);
    expect(ledger.err).toBe(`--industry 应为以下行业之一：${CHOICES}，而不是「矿山」 [invalid_industry]\n`);
    expect(fs.existsSync(out)).toBe(false);
  });

  it("ledger: the name and the code write the same rows", async () => {
    const byName = path.join(env.DATA_DIR as string, "by-name.xlsx");
    const name = await runCli(["ledger", "--out", byName, "--industry", "危险化学品"], env);
    expect(name.code, name.err).toBe(0);
    const byCode = path.join(env.DATA_DIR as string, "by-code.xlsx");
    const code = await runCli(["ledger", "--out", byCode, "--industry", "hazardous_chemicals"], env);
    expect(code.code, code.err).toBe(0);
    expect(name.out.replace(byName, "")).toBe(code.out.replace(byCode, ""));
  });
});
