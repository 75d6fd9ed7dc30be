/**
 * The demo history `npm start` seeds into an empty database (src/seed/seed-history.ts), against the
 * demo park alone measured in the same run: how many seconds a fresh machine waits before the
 * console opens. Each is timed on a new temporary database, the median of three.
 *
 * Run alone: `node --import tsx bench/seed-history-bench.ts`; `npm run bench` runs it too.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { pino } from "pino";
import { loadConfig } from "../src/config.ts";
import { FixedClock } from "../src/domain/clock.ts";
import { openApp } from "../src/main.ts";
import { seedDemoIfEmpty } from "../src/seed/seed-demo.ts";
import { seedHistory } from "../src/seed/seed-history.ts";
import { seedDemoInspections } from "../src/seed/seed-inspections.ts";

const ROOT = path.resolve(import.meta.dirname, "..");
const RUNS = 3;

type Times = { park: number; inspections: number; history: number; tickets: number };

async function once(): Promise<Times> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "xunjian-seed-bench-"));
  const config = loadConfig({
    DATA_DIR: dataDir,
    PROMPTS_DIR: path.join(ROOT, "prompts"),
    RULES_DIR: path.join(ROOT, "rules"),
    LOG_LEVEL: "silent",
  });
  const clock = new FixedClock(new Date("2026-11-29T20:00:00+08:00"));
  const app = await openApp(config, { clock, log: pino({ level: "silent" }) });
  try {
    let t = performance.now();
    await seedDemoIfEmpty(app.deps);
    const park = performance.now() - t;
    t = performance.now();
    await seedDemoInspections(app.deps);
    const inspections = performance.now() - t;
    t = performance.now();
    const summary = await seedHistory(app.deps);
    return { park, inspections, history: performance.now() - t, tickets: summary.tickets };
  } finally {
    await app.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Prints the seeding times: the demo park (baseline), its inspections, its three months of history. */
export async function printSeedHistoryBench(): Promise<void> {
  const runs: Times[] = [];
  for (let i = 0; i < RUNS; i++) runs.push(await once());
  const median = (pick: (t: Times) => number) => [...runs.map(pick)].sort((a, b) => a - b)[1] ?? Number.NaN;
  const rows = [
    ["demo park (baseline)", median((t) => t.park)],
    ["demo inspections", median((t) => t.inspections)],
    [`demo history (${runs[0]?.tickets ?? 0} tickets)`, median((t) => t.history)],
  ] as const;
  process.stdout.write("\nSeeding an empty database (npm start), median of 3\n");
  for (const [what, ms] of rows)
    process.stdout.write(
      `  ${what.padEnd(32)} ${ms.toFixed(0).padStart(6)} ms  ${(ms / (rows[0]?.[1] ?? 1)).toFixed(1)}× baseline\n`,
    );
}

if (import.meta.url === `file://${process.argv[1]}`) await printSeedHistoryBench();
