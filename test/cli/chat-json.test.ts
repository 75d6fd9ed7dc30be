import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../support/run-cli.ts";

describe("the xunjian command", () => {
  it("`chat --json` is scriptable: one line in, one JSON line per bot message out", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "xunjian-cli-"));
    // The demo park without its months of history: this head starts a self-check of their own.
    const env = { DATA_DIR: dataDir, DEMO_HISTORY: "false" };
    // Seed the demo park the way `npm start` does, without staying up.
    const seeded = await runCli(["start", "--exit-after-seed"], env);
    expect(seeded.code, seeded.err).toBe(0);
    const { code, out, err } = await runCli(["chat", "--as", "13900000024", "--json"], env, "帮助\n自查\n");
    expect(code, err).toBe(0);
    const lines = out
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines[0]).toMatchObject({ expects: "text", choices: [] });
    expect(lines[0].text).toContain("自查");
    const question = lines.at(-1);
    expect(question.expects).toBe("choice");
    expect(question.text).toContain("第 1/");
    expect(question.choices.length).toBeGreaterThanOrEqual(2);
  });

  it("`chat --json` gives a leader's card whole (title, every line, buttons), and typing 1 or 已阅 answers it", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "xunjian-cli-"));
    const env = { DATA_DIR: dataDir, DEMO_HISTORY: "false" };
    expect((await runCli(["start", "--exit-after-seed"], env)).code).toBe(0);
    // The 国庆 campaign opens: leaders get the opening card with the progress of their area.
    const tick = await runCli(["tick", "--at", "2026-09-18T09:18"], env);
    expect(tick.code, tick.err).toBe(0);
    const leader = "13700000001";
    const json = await runCli(["chat", "--as", leader, "--json"], env, "");
    expect(json.code, json.err).toBe(0);
    const [card, ...rest] = json.out
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(rest).toEqual([]);
    expect(card.card.title).toBe("安全生产提示卡");
    const lines = card.card.lines as { label: string; value: string }[];
    expect(lines.map((l) => l.label)).toEqual(
      expect.arrayContaining([
        "专项工作",
        "自查截止",
        "自查完成",
        "未自查企业",
        "发现隐患",
        "您的待办",
        "工作要求",
      ]),
    );
    expect(lines.find((l) => l.label === "自查完成")?.value).toMatch(/^0\/\d+ 家（0%）$/);
    expect(card.card.choices.map((c: { label: string }) => c.label)).toEqual(["已阅", "查看全部"]);
    expect(card).toMatchObject({ expects: "choice", choices: card.card.choices });
    expect(card.text).toContain("阅后点击“已阅”");

    // In the terminal the card shows 「[1] 已阅」: typing 1 presses it, and so does typing its label.
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), "xunjian-cli-"));
    const tickAgain = { DATA_DIR: copy, DEMO_HISTORY: "false" };
    expect((await runCli(["start", "--exit-after-seed"], tickAgain)).code).toBe(0);
    expect((await runCli(["tick", "--at", "2026-09-18T09:18"], tickAgain)).code).toBe(0);
    const typed = await runCli(["chat", "--as", leader], tickAgain, "1\n");
    expect(typed.code, typed.err).toBe(0);
    expect(typed.out).toContain("[1] 已阅  [2] 查看全部");
    expect(typed.out).toContain("已确认收到【2026年中秋节、国庆节节前安全自查】启动部署提示卡");
    const label = await runCli(["chat", "--as", leader], env, "已阅\n");
    expect(label.code, label.err).toBe(0);
    expect(label.out).toContain("已确认收到【2026年中秋节、国庆节节前安全自查】启动部署提示卡");
  });

  it("`check` passes on the shipped content and fails with file and path on broken content", async () => {
    const ok = await runCli(["check"], {});
    expect(ok.code, ok.err).toBe(0);
    expect(ok.out).toMatch(/OK: \d+ checklists/);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "xunjian-rules-"));
    fs.writeFileSync(
      path.join(dir, "bad.json"),
      JSON.stringify({ scope: "self_check", rules: [{ id: "x" }] }),
    );
    const bad = await runCli(["check"], { RULES_DIR: dir });
    expect(bad.code).toBe(1);
    expect(bad.err).toContain("bad.json: rules[0].conditions:");
  });
});
