import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../support/run-cli.ts";
import { HUANING, ONE_SUPERVISION, PHOTO } from "./inspection-fixtures.ts";

type JsonLine = { text: string; choices: { id: string; label: string }[]; expects: string };
const lines = (out: string): JsonLine[] =>
  out
    .trim()
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as JsonLine);

describe("inspections from the command line", () => {
  // The demo park without its months of history: the report's figures are this file's inspection only.
  const env = {
    DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), "xunjian-insp-cli-")),
    DEMO_HISTORY: "false",
  };
  beforeAll(async () => {
    const seeded = await runCli(["start", "--exit-after-seed"], env);
    expect(seeded.code, seeded.err).toBe(0);
  }, 60_000);

  it("`qr` prints an enterprise's code word and Telegram link, and writes a PNG that scans to the link", async () => {
    const file = path.join(env.DATA_DIR, "huaning.png");
    const run = await runCli(["qr", "华宁", "--telegram-bot", "@xunjian_bot", "--out", file, "--json"], env);
    expect(run.code, run.err).toBe(0);
    const printed = JSON.parse(run.out);
    expect(printed).toEqual({
      enterprise: { name: "华宁精细化工有限公司", creditCode: HUANING },
      code: `insp-${HUANING}`,
      codeWord: `检查 insp-${HUANING}`,
      telegram: `https://t.me/xunjian_bot?start=insp-${HUANING}`,
      encoded: `https://t.me/xunjian_bot?start=insp-${HUANING}`,
      file,
    });
    // Decode the written image the way a phone's scanner would.
    const { PNG } = (await import("pngjs" as string)) as {
      PNG: { sync: { read(b: Buffer): { width: number; height: number; data: Buffer } } };
    };
    const jsQR = (
      (await import("jsqr" as string)) as {
        default: (d: Uint8ClampedArray, w: number, h: number) => { data: string } | null;
      }
    ).default;
    const png = PNG.sync.read(fs.readFileSync(file));
    expect(jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data).toBe(printed.telegram);

    const text = await runCli(["qr", HUANING], env);
    expect(text.out).toContain(`Code word (any channel, send to the bot): 检查 insp-${HUANING}`);
    const unknown = await runCli(["qr", "有限公司"], env);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain("[enterprise_ambiguous]");
  }, 60_000);

  it("`chat --as <leader> --json` runs a 督导检查 with two findings, an order and a fine; the head gets the notice and rectifies", async () => {
    const leaderLines = [
      "检查",
      "4",
      "华宁",
      "1",
      "完成",
      "2",
      "0",
      PHOTO.before,
      "罐区动火作业未审批",
      "立即整改",
      PHOTO.after,
      PHOTO.other,
      "配电室电线私拉乱接",
      "限期整改",
      "跳过",
      "完成",
      "1",
      "完成",
      "1 2",
      "完成",
      "25000",
      "跳过",
      "提交",
    ];
    const leader = await runCli(
      ["chat", "--as", "13700000001", "--json"],
      env,
      `${leaderLines.join("\n")}\n`,
    );
    expect(leader.code, leader.err).toBe(0);
    const submitted = lines(leader.out).at(-1)?.text ?? "";
    expect(submitted).toMatch(/^检查 JC-\d{4}-\d{6} 已提交（督导检查，华宁精细化工有限公司）。隐患 2 条：/);
    expect(submitted).toMatch(/YH-\d{4}-\d{6} 动火作业未审批或无人监护（一般隐患）已现场整改/);
    expect(submitted).toMatch(/文书：责令限期整改指令书 ZL-\d{4}-\d{6}/);
    const open = /(YH-\d{4}-\d{6}) 电气线路私拉乱接或违规充电（一般隐患）整改期限/.exec(submitted)?.[1];
    expect(open).toBeDefined();

    const head = await runCli(["chat", "--as", "13900000001", "--json"], env, `整改 ${open}\n`);
    expect(head.code, head.err).toBe(0);
    const received = lines(head.out).map((l) => l.text);
    const notice = received.find((t) => t.startsWith("【整改通知】华宁精细化工有限公司"));
    expect(notice).toContain(`${open} 电气线路私拉乱接或违规充电（一般隐患）`);
    expect(notice).toContain("执法措施：立案、罚款 25000 元");
    expect(received.at(-1)).toContain(open);

    // The period around today (Shanghai), so the day the chat ran is in it whatever the time zone.
    const day = (offset: number) =>
      new Date(Date.now() + 8 * 3_600_000 + offset * 86_400_000).toISOString().slice(0, 10);
    const report = await runCli(["report", "--from", day(-1), "--to", day(1), "--format", "json"], env);
    expect(report.code, report.err).toBe(0);
    const { inspections } = JSON.parse(report.out) as {
      inspections: { totals: Record<string, unknown>; byIndustry: Record<string, Record<string, unknown>> };
    };
    const expected = ONE_SUPERVISION;
    expect(inspections.totals).toMatchObject(expected);
    expect(inspections.byIndustry.hazardous_chemicals).toMatchObject(expected);
    expect(Object.keys(inspections.byIndustry)).toEqual(["hazardous_chemicals"]);

    const md = await runCli(["report", "--from", day(-1), "--to", day(1), "--format", "md"], env);
    expect(md.code, md.err).toBe(0);
    expect(md.out).toContain(
      "共派出检查组1个，出动执法检查人员4人次（其中领导干部1人次、专家2人次），检查企业单位1家次，排查隐患2项，已整改隐患1项（其中现场整改1项），整改率50%，立案1起，罚款2.5万元。",
    );
    expect(md.out).toContain("下发责令限期整改指令书1份。");
    expect(md.out).toContain(
      "危险化学品领域：共检查企业1家次，查处隐患问题2项，已整改1项，立案1起，实施经济处罚2.5万元。",
    );
  }, 120_000);
});
