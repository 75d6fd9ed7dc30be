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
