import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../support/run-cli.ts";

describe("calendar, campaign, tick and schedule commands", () => {
  it("`calendar --year 2026` prints the holidays with make-up days and the periods", async () => {
    const { code, out, err } = await runCli(["calendar", "--year", "2026"]);
    expect(code, err).toBe(0);
    expect(out).toContain(
      "【法定节假日】春节　2026-02-15 至 2026-02-23　放假 9 天　调休上班：2026-02-14（周六）、2026-02-28（周六）",
    );
    expect(out).toContain("【重点时段】节后复工复产　2026-02-24 至 2026-03-10");
  });

  it("`campaign plan --year 2026` prints every campaign with its dates", async () => {
    const { code, out, err } = await runCli(["campaign", "plan", "--year", "2026"]);
    expect(code, err).toBe(0);
    expect(out).toContain("2026-spring_festival\n  name       2026年春节节前安全自查");
    expect(out).toContain(
      "  opens      2026-02-05   self-check deadline 2026-02-14   closes after 2026-02-26",
    );
    expect(out).toContain("  card       2026-02-15 09:17  holiday (假期首日)");
    expect(out).not.toContain("2026-mid_autumn");
  });

  it("`tick --at` in two processes at once sends each reminder once; `schedule preview` shows done and ahead", async () => {
    // Without the demo history: the reminders counted are those of this tick alone.
    const env = {
      DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), "xunjian-tick-")),
      TZ: "America/New_York",
      DEMO_HISTORY: "false",
    };
    const seeded = await runCli(["start", "--exit-after-seed"], env);
    expect(seeded.code, seeded.err).toBe(0);
    const ticks = await Promise.all([
      runCli(["tick", "--at", "2026-09-18T09:08"], env),
      runCli(["tick", "--at", "2026-09-18T09:08"], env),
    ]);
    for (const t of ticks) expect(t.code, t.err).toBe(0);
    const sent = ticks.flatMap((t) => t.out.split("\n").filter((l) => l.includes("  sent ")));
    expect(sent.sort()).toEqual([
      "  sent    2026-09-18 09:07  campaign:2026-national_day:reminder:A:2026-09-18T09:07  (8 messages)",
      "  sent    2026-09-18 09:07  campaign:2026-national_day:reminder:B:2026-09-18T09:07  (10 messages)",
      "  sent    2026-09-18 09:07  campaign:2026-national_day:reminder:default:2026-09-18T09:07  (12 messages)",
    ]);

    const preview = await runCli(
      [
        "schedule",
        "preview",
        "--from",
        "2026-09-18",
        "--to",
        "2026-09-18",
        "--campaign",
        "2026-national_day",
      ],
      env,
    );
    expect(preview.code, preview.err).toBe(0);
    expect(preview.out).toContain(
      "2026-09-18 09:07 Fri  2026-national_day  reminder opened, class A  [done, 8 message(s)]",
    );
    expect(preview.out).toContain(
      "2026-09-18 09:17 Fri  2026-national_day  leader card opening (启动部署)  [2 message(s)]",
    );
    expect(preview.out).toContain("    → 钱主任 (console:13700000001)");
    expect(preview.out).toContain("自查完成：0/30 家（0%）");
    expect(preview.out).toContain("5 slot(s), 40 message(s).");

    const list = await runCli(["campaign", "list"], env);
    expect(list.out).toMatch(/2026-national_day\s+open\s+opens 2026-09-18/);
  });
});
