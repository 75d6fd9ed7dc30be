import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runCli } from "../support/run-cli.ts";
import { createTestApp, DEMO, type TestApp } from "../support/test-app.ts";

describe("a /photo path the console cannot read", () => {
  let app: TestApp | undefined;
  afterEach(async () => app?.close());

  it("is answered with one Chinese line, and nothing is sent to the bot", async () => {
    app = await createTestApp();
    const before = await app.db.inboundMessage.count();
    const replies = await app.chat(DEMO.chemicalsHead).say("/photo /nonexistent.png");
    expect(replies).toEqual([
      {
        text: "找不到图片文件「/nonexistent.png」，请检查路径后重新发送：/photo <图片路径>",
        expects: "none",
      },
    ]);
    expect(await app.db.inboundMessage.count()).toBe(before);
  });

  it("prints that line in `xunjian chat`, no stack trace, and the chat goes on", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "xunjian-cli-"));
    const env = { DATA_DIR: dataDir };
    const seeded = await runCli(["start", "--exit-after-seed"], env);
    expect(seeded.code, seeded.err).toBe(0);
    const run = await runCli(["chat", "--as", DEMO.chemicalsHead], env, "/photo /nonexistent.png\n帮助\n");
    expect(run.code, run.err).toBe(0);
    expect(run.out).toContain("找不到图片文件「/nonexistent.png」");
    expect(run.out).toContain("自查");
    expect(run.err).not.toMatch(/ENOENT|\n\s+at /);
  });
});
