import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../support/run-cli.ts";
import { DEMO } from "../support/test-app.ts";

describe("`xunjian login-link <phone>`", () => {
  it("prints a single-use console link valid for ten minutes, at WEB_PUBLIC_URL; refuses an unknown phone", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "xunjian-cli-"));
    const env = { DATA_DIR: dataDir, WEB_PUBLIC_URL: "https://anquan.example.cn" };
    expect((await runCli(["start", "--exit-after-seed"], env)).code).toBe(0);
    const { code, out, err } = await runCli(["login-link", DEMO.admin, "--json"], env);
    expect(code, err).toBe(0);
    const link = JSON.parse(out) as { url: string; name: string; expiresAt: string };
    expect(link.url).toMatch(/^https:\/\/anquan\.example\.cn\/login\/[A-Za-z0-9_-]{43}$/);
    expect(link.name).toBe("冯管理");
    const minutes = (Date.parse(link.expiresAt) - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(9);
    expect(minutes).toBeLessThanOrEqual(10);
    const unknown = await runCli(["login-link", "13000000000"], env);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain("13000000000");
  });
});
