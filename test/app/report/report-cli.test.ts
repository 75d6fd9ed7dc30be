import fs from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildReport } from "../../../src/app/report/build-report.ts";
import type { CampaignFigures } from "../../../src/domain/statistics/campaign-figures.ts";
import type { Report } from "../../../src/domain/statistics/compute-report.ts";
import { runCli } from "../../support/run-cli.ts";
import { createTestApp } from "../../support/test-app.ts";
import { seedCampaigns, seedScenario } from "./report-scenario.ts";

describe("`xunjian report` and `xunjian ledger`", () => {
  let env: Record<string, string>;
  let expected: Report;
  beforeAll(async () => {
    // September 2026 is over by the real clock too, so the CLI reads the same moment.
    const app = await createTestApp({ seed: true, at: "2026-10-10T09:00:00+08:00" });
    await seedScenario(app);
    await seedCampaigns(app);
    expected = await buildReport(app.deps, { from: "2026-09-01", to: "2026-09-30" });
    env = { DATA_DIR: app.dataDir };
    await app.close();
  });
  afterAll(() => {
    fs.rmSync(env.DATA_DIR as string, { recursive: true, force: true });
  });

  it("prints the report as JSON with the figures the database holds", async () => {
    const { code, out, err } = await runCli(
      ["report", "--from", "2026-09-01", "--to", "2026-09-30", "--format", "json"],
      env,
    );
    expect(code, err).toBe(0);
    const json = JSON.parse(out) as Report;
    expect({ ...json, generatedAt: expected.generatedAt }).toEqual(expected);
    expect(json.totals).toMatchObject({ enterprisesChecked: 7, hazardsFound: 8, major: 3, rectified: 3 });
    expect(json.campaigns.map((c) => c.key)).toEqual(["2026-mid_autumn", "2026-flood_end"]);
  });

  it("adds each campaign's figures to `campaign list --json`", async () => {
    const { code, out, err } = await runCli(["campaign", "list", "--json"], env);
    expect(code, err).toBe(0);
    const list = JSON.parse(out) as { key: string; figures: CampaignFigures | null }[];
    const midAutumn = list.find((c) => c.key === "2026-mid_autumn");
    // Over its own days (09-15 … 09-28) 中秋 reads as in September's report.
    expect(midAutumn?.figures).toEqual(expected.campaigns[0]);
    expect(list.find((c) => c.key === "2026-flood_end")?.figures).toMatchObject({
      from: "2026-09-28",
      to: "2026-10-08",
      enterprisesTargeted: 4,
      completionRate: null,
      cards: { sent: 1, sends: 1, acknowledged: 0, leaders: 1, leadersAcknowledged: 0 },
    });
  });

  it("prints Markdown, and refuses an unknown area with exit code 1", async () => {
    const md = await runCli(
      ["report", "--from", "2026-09-01", "--to", "2026-09-30", "--area", "p1", "--format", "md"],
      env,
    );
    expect(md.code, md.err).toBe(0);
    expect(md.out).toContain("统计范围：化工园区；行业：全部行业。");
    expect(md.out).toContain(
      "共排查企业 4 家次，发现隐患 4 项，其中重大隐患 1 项，已整改 2 项，整改率 50%。",
    );
    const bad = await runCli(["report", "--from", "2026-09-01", "--to", "2026-09-30", "--area", "zz"], env);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain("[unknown_area]");
  });

  it("writes the ledger workbook", async () => {
    const out = path.join(env.DATA_DIR as string, "ledger.xlsx");
    const run = await runCli(["ledger", "--out", out, "--industry", "hazardous_chemicals"], env);
    expect(run.code, run.err).toBe(0);
    expect(run.out).toContain("Wrote 4 hazard(s)");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    expect(workbook.worksheets[0]?.rowCount).toBe(5);
    // The scenario has no inspection: 检查记录 is there with its header only.
    expect(workbook.worksheets.map((s) => [s.name, s.rowCount])).toEqual([
      ["隐患台账", 5],
      ["检查记录", 1],
    ]);
  });
});
