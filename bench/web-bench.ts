/**
 * The office console over a generated district with 100,000 tickets (10,000 with `--quick`): server
 * time per page (the Hono app called in-process, rendering included) against the report computation
 * alone (`buildReport` for the same period), measured in the same run on the same rows.
 *
 * Rows are made by the report benchmark's generator (bench/report-bench.ts). The viewer is an admin
 * (everything in scope), signed in by a real sign-in link; each figure is the median of 5 runs after
 * one warm-up. Run alone with `node --import tsx bench/web-bench.ts [--quick]`.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import Database from "better-sqlite3";
import { pino } from "pino";
import { buildReport } from "../src/app/report/build-report.ts";
import { loginLinkForPhone } from "../src/app/web/login-links.ts";
import { loadConfig } from "../src/config.ts";
import { FixedClock } from "../src/domain/clock.ts";
import { openApp } from "../src/main.ts";
import { sqlitePath } from "../src/store/migrate.ts";
import { dbInstant } from "../src/store/sql.ts";
import { createWebConsole } from "../src/web/web-console.tsx";
import { generate } from "./report-bench.ts";

const ROOT = path.resolve(import.meta.dirname, "..");
const SEPTEMBER = { from: "2026-09-01", to: "2026-09-30" };
const RUNS = 5;
const ADMIN_PHONE = "13600009999";
/** The generator's district leader (L0, area d1). */
const LEADER_PHONE = "13700000000";

async function median(run: () => Promise<unknown>): Promise<number> {
  await run();
  const took: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await run();
    took.push(performance.now() - t);
  }
  took.sort((a, b) => a - b);
  return took[Math.floor(took.length / 2)] ?? 0;
}

/** Runs the console benchmark; answers its table as text. */
export async function benchWeb(options: { quick?: boolean } = {}): Promise<string> {
  const tickets = options.quick ? 10_000 : 100_000;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "xunjian-web-bench-"));
  const config = loadConfig({
    DATA_DIR: dataDir,
    PROMPTS_DIR: path.join(ROOT, "prompts"),
    RULES_DIR: path.join(ROOT, "rules"),
    LOG_LEVEL: "silent",
  });
  const clock = new FixedClock(new Date("2026-10-15T09:00:00+08:00"));
  const log = pino({ level: "silent" });
  await (await openApp(config, { clock, log })).close();
  const file = sqlitePath(config.databaseUrl);
  generate(file, tickets);
  const raw = new Database(file);
  const now = dbInstant(clock.now());
  raw
    .prepare(
      "INSERT INTO Person (id, name, phone, role, active, createdAt, updatedAt) VALUES ('admin', '管理员', ?, 'admin', 1, ?, ?)",
    )
    .run(ADMIN_PHONE, now, now);
  raw.close();

  const app = await openApp(config, { clock, log });
  const web = createWebConsole(app.deps);
  /** Signs in by a real link and the confirm post; answers a page fetcher with that session. */
  const signIn = async (phone: string) => {
    const link = await loginLinkForPhone(app.deps, phone, "bench");
    const first = await web.app.request(link.path);
    const anon = /xj_csrf=([^;]+)/.exec(first.headers.get("set-cookie") ?? "")?.[1] ?? "";
    const confirmed = await web.app.request(link.path, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: `xj_csrf=${anon}` },
      body: new URLSearchParams({ _csrf: anon }),
    });
    const session = /xj_session=([^;]+)/.exec(confirmed.headers.get("set-cookie") ?? "")?.[1];
    if (!session) throw new Error(`bench sign-in failed: ${confirmed.status}`);
    return async (url: string) => {
      const res = await web.app.request(url, { headers: { cookie: `xj_session=${session}` } });
      if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
      await res.text();
    };
  };
  const page = await signIn(ADMIN_PHONE);
  // The district's leader (area d1, everything below it): the same pages through the area scope.
  const leader = await signIn(LEADER_PHONE);
  const month = `period=custom&from=${SEPTEMBER.from}&to=${SEPTEMBER.to}`;
  const rows: [string, number][] = [
    [
      "report computation alone: buildReport, September (baseline)",
      await median(() => buildReport(app.deps, SEPTEMBER)),
    ],
    ["总览 /dashboard, September, all areas", await median(() => page(`/dashboard?${month}`))],
    [
      "总览 /dashboard/figures.json (the report as JSON)",
      await median(() => page(`/dashboard/figures.json?${month}`)),
    ],
    [
      "总览 /dashboard as the district's leader (area scope)",
      await median(() => leader(`/dashboard?${month}`)),
    ],
    [
      "report computation alone for the same area (buildReport --area d1)",
      await median(() => buildReport(app.deps, { ...SEPTEMBER, area: "d1" })),
    ],
    ["隐患台账 /ledger, first page of all tickets (count + 50)", await median(() => page("/ledger"))],
    [
      "隐患台账 /ledger?status=unclosed&grade=major&area=s3",
      await median(() => page("/ledger?status=unclosed&grade=major&area=s3")),
    ],
    [
      "隐患台账 /ledger?overdue=1&q=企业12 (text search)",
      await median(() => page(`/ledger?overdue=1&q=${encodeURIComponent("企业12")}`)),
    ],
    ["隐患台账 /ledger?page=1000 (deep page)", await median(() => page("/ledger?page=1000"))],
    ["隐患台账 /ledger as the district's leader", await median(() => leader("/ledger"))],
    ["one ticket /tickets/<number>", await median(() => page("/tickets/YH-2026-000001"))],
  ];
  await app.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  const baseline = rows[0]?.[1] ?? 1;
  const width = Math.max(...rows.map(([name]) => name.length));
  const lines = rows.map(
    ([name, ms]) =>
      `${name.padEnd(width)}  ${`${ms.toFixed(0)} ms`.padStart(8)}  ${`${(ms / baseline).toFixed(2)}×`.padStart(7)}`,
  );
  return `\nOffice console benchmark: ${tickets} tickets, server time per page (median of ${RUNS}), × the report computation\n\n${lines.join("\n")}\n`;
}

if (import.meta.url === `file://${process.argv[1]}`)
  process.stdout.write(await benchWeb({ quick: process.argv.includes("--quick") }));
