import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CliError, describeCliFailure } from "../../src/cli/cli-error.ts";
import { loadCliTexts } from "../../src/content/cli-texts.ts";
import { AppError } from "../../src/domain/app-error.ts";
import { industryChoices, parseIndustry } from "../../src/domain/parse-industry.ts";
import { runCli } from "../support/run-cli.ts";
import { createTestApp, ROOT } from "../support/test-app.ts";

describe("errors office staff read on the command line", () => {
  it("say what is wrong in Chinese, with a stable code in brackets, and exit 1", async () => {
    const badDate = await runCli(["schedule", "preview", "--from", "2026-13-01", "--to", "2026-10-07"]);
    expect(badDate.code).toBe(1);
    expect(badDate.err).toBe("--from 应为 YYYY-MM-DD 格式的日期，而不是「2026-13-01」 [invalid_date]\n");
    const badYear = await runCli(["calendar", "--year", "1800"]);
    expect(badYear.code).toBe(1);
    expect(badYear.err).toContain("--year 应为 1901 到 2099 之间的年份，而不是「1800」 [invalid_year]");
    const badTime = await runCli(["tick", "--at", "tomorrow"]);
    expect(badTime.err).toContain("[invalid_time]");
  });

  it("give scripts the code as JSON on stdout with --json", async () => {
    const run = await runCli(["basis", "--json", "--at", "15.01.2026"]);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.out)).toEqual({
      ok: false,
      error: { code: "invalid_date", message: "--at 应为 YYYY-MM-DD 格式的日期，而不是「15.01.2026」" },
    });
  });

  it("leave other expected failures as they were and show a defect's stack", async () => {
    const refused = await describeCliFailure(new AppError("not_found", 'Unknown area "zz"'), false);
    expect(refused).toEqual({ stderr: 'Unknown area "zz"\n', stdout: "" });
    const defect = await describeCliFailure(new TypeError("x is undefined"), true);
    expect(defect.stderr).toMatch(/^TypeError: x is undefined\n\s+at /);
    expect(defect.stdout).toBe("");
    const cli = await describeCliFailure(new CliError("date_order", { from: "--from", to: "--to" }), false);
    expect(cli.stderr).toBe("--to 早于 --from [date_order]\n");
  });

  it("come from prompts/cli.yaml, which `xunjian check` validates", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "xunjian-prompts-"));
    fs.cpSync(path.join(ROOT, "prompts"), dir, { recursive: true });
    const file = path.join(dir, "cli.yaml");
    fs.writeFileSync(
      file,
      fs.readFileSync(file, "utf8").replace("  file_empty: 文件是空的\n", "  file_empty: 文件{size}是空的\n"),
    );
    expect(() => loadCliTexts(dir)).toThrow(/cli\.yaml: problems\.file_empty: unknown placeholder \{size\}/);
    const check = await runCli(["check"], { PROMPTS_DIR: dir });
    expect(check.code).toBe(1);
    expect(check.err).toContain("problems.file_empty: unknown placeholder {size}");
  });
});

describe("refusals that used to come out in English", () => {
  let env: Record<string, string>;
  beforeAll(async () => {
    const app = await createTestApp({ seed: true });
    env = { DATA_DIR: app.dataDir };
    await app.close();
  });
  afterAll(() => fs.rmSync(env.DATA_DIR as string, { recursive: true, force: true }));

  it.each([
    [
      ["report", "--from", "2026-09-01", "--to", "2026-09-30", "--area", "zz"],
      "没有编号为「zz」的区域；可用的区域编号：d1（示范区）、p1（化工园区）",
    ],
    [
      ["report", "--from", "2026-09-01", "--to", "2026-09-30", "--format", "xml"],
      "--format 应为以下之一：json、md，而不是「xml」 [invalid_choice]",
    ],
    [
      ["report", "--from", "2026-09-31", "--to", "2026-10-07"],
      "--from 应为 YYYY-MM-DD 格式的日期，而不是「2026-09-31」 [invalid_date]",
    ],
    [["ledger", "--out", "ledger.csv"], "--out 应为 .xlsx 文件名，而不是「ledger.csv」 [not_xlsx]"],
    [
      ["ledger", "--out", "x.xlsx", "--area", "zz"],
      "没有编号为「zz」的区域；可用的区域编号：d1（示范区）、p1（化工园区）",
    ],
    [["campaign", "cancel", "2099-nothing"], "没有专项工作 2099-nothing [campaign_not_found]"],
    [
      ["campaign", "create", "--template", "no_such", "--year", "2026"],
      "没有专项工作模板「no_such」，可选：",
    ],
    [
      ["invite", "13000000000"],
      "没有手机号为 13000000000 的人员。请先导入人员：xunjian import people <文件> [person_not_found]",
    ],
    [["login-link", "13000000000"], "[person_not_found]"],
    [["tickets", "--enterprise", "91320000000000000X"], "[enterprise_not_found]"],
  ])("%j", async (args, sentence) => {
    const run = await runCli(args, env);
    expect(run.code).toBe(1);
    expect(run.err).toContain(sentence);
    expect(run.err).not.toMatch(/[A-Z][a-z]+ [a-z]+/); // no English sentence
  });

  it("gives the code as JSON with --json", async () => {
    const run = await runCli(["invite", "13000000000", "--json"], env);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.out)).toEqual({
      ok: false,
      error: {
        code: "person_not_found",
        message: "没有手机号为 13000000000 的人员。请先导入人员：xunjian import people <文件>",
      },
    });
  });
});

describe("parseIndustry", () => {
  it("accepts an industry's code or its Chinese label, as imports do", async () => {
    const app = await createTestApp({ seed: false });
    try {
      const texts = app.deps.content.texts;
      expect(parseIndustry("危险化学品", texts)).toBe("hazardous_chemicals");
      expect(parseIndustry(" hazardous_chemicals ", texts)).toBe("hazardous_chemicals");
      expect(parseIndustry("矿山", texts)).toBeNull();
      expect(industryChoices(texts)).toContain("九小场所");
    } finally {
      await app.close();
    }
  });
});
