import { beforeAll, describe, expect, it } from "vitest";
import type { OutboxListItem } from "../../src/app/outbox/list-outbox.ts";
import { runCli } from "../support/run-cli.ts";
import { createTestApp } from "../support/test-app.ts";
import { leaveUndelivered } from "../support/undelivered.ts";

describe("`xunjian outbox` lists what did not go out", () => {
  let env: Record<string, string>;
  let name = "";
  beforeAll(async () => {
    const app = await createTestApp({ at: "2026-09-24T09:00:00+08:00" });
    env = { DATA_DIR: app.dataDir };
    name = await leaveUndelivered(app);
    await app.close();
  });

  it("--json: the unconfirmed and the dead, with the person, the text's start and the error", async () => {
    const run = await runCli(["outbox", "--json"], env);
    expect(run.code, run.err).toBe(0);
    const rows = JSON.parse(run.out) as OutboxListItem[];
    expect(rows.map((r) => [r.key, r.status, r.person, r.attempts])).toEqual(
      expect.arrayContaining([
        ["t:left", "unconfirmed", name, 1],
        ["t:refused", "dead", name, 1],
      ]),
    );
    expect(rows).toHaveLength(2);
    const left = rows.find((r) => r.key === "t:left");
    expect(left).toMatchObject({
      channel: "fake",
      recipient: "r1",
      excerpt: "国庆节前安全检查提醒：请于 9 月 30 日前完成自查",
      lastError: "in doubt: the process stopped during the send",
    });
    expect(rows.find((r) => r.key === "t:refused")?.lastError).toBe("400 Bad Request: chat not found");
  });

  it("--status picks statuses; the table ends with its row count", async () => {
    const sent = await runCli(["outbox", "--status", "sent", "--json"], env);
    expect(sent.code, sent.err).toBe(0);
    expect((JSON.parse(sent.out) as OutboxListItem[]).map((r) => r.key)).toContain("t:fine");
    const table = await runCli(["outbox", "--status", "unconfirmed"], env);
    expect(table.code, table.err).toBe(0);
    expect(table.out).toMatch(/^at +status +channel +recipient +person +attempts +text +error/);
    expect(table.out).toContain("unconfirmed  fake");
    expect(table.out).toContain("1 row(s).");
  });

  it("refuses an unknown status or a bad limit in Chinese, naming the allowed values", async () => {
    const status = await runCli(["outbox", "--status", "lost"], env);
    expect(status.code).toBe(1);
    expect(status.err).toBe(
      "--status 应为以下之一：pending、sending、sent、dead、unconfirmed，而不是「lost」 [invalid_status]\n",
    );
    const limit = await runCli(["outbox", "--limit", "0"], env);
    expect(limit.code).toBe(1);
    expect(limit.err).toContain("[invalid_number]");
  });
});
