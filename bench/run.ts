/**
 * `npm run bench`: every row of issue 15's table, each with its baseline measured in the same run
 * and the ratio, on SQLite, with the machine's core count and load. `npm run bench -- --quick` runs
 * the same rows on small sizes (a smoke run for CI). Timing stays out of the test suite.
 *
 * Sections (each also runs alone, see its file): campaign sweeps and `tick` memory
 * (sweep-bench.ts), a whole self-check through the console (self-check-bench.ts), inbound
 * messages (inbound-bench.ts), broadcast at the platform's rate (dispatch-bench.ts), rule
 * evaluation (rules-bench.ts), CLI start-up and idle memory (startup-bench.ts), report and ledger
 * over 100,000 tickets (report-bench.ts), the office console's pages (web-bench.ts), seeding the
 * demo park (seed-history-bench.ts), and on PostgreSQL beside SQLite when BENCH_PG_URL or
 * TEST_PG_URL names a server (pg-bench.ts: inbound with 1 and 3 instances, reminders, report over
 * 100,000 tickets). A section that fails prints its error and the others still run;
 * the run then exits non-zero.
 */
import os from "node:os";

const quick = process.argv.includes("--quick");
type Row = readonly string[];

/** Prints a table of rows with padded columns (the first left-aligned). */
function table(title: string, rows: readonly Row[]): string {
  const columns = Math.max(...rows.map((r) => r.length));
  const widths = Array.from({ length: columns }, (_, c) => Math.max(...rows.map((r) => (r[c] ?? "").length)));
  return `\n${title}\n\n${rows
    .map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[0] ?? 0) : c.padStart(widths[i] ?? 0))).join("  "))
    .join("\n")}\n`;
}

const sections: [string, () => Promise<void>][] = [
  [
    "campaign sweeps",
    async () => {
      const { benchSweeps } = await import("./sweep-bench.ts");
      process.stdout.write(await benchSweeps({ quick }));
    },
  ],
  [
    "self-check",
    async () => {
      const { benchSelfCheck } = await import("./self-check-bench.ts");
      const selfCheck = await benchSelfCheck(Number(process.env.BENCH_SELF_CHECKS ?? (quick ? 3 : 20)));
      process.stdout.write(
        `\nSelf-check benchmark (small-venue checklist, ${selfCheck.messagesPerCheck} messages each)\n\n`,
      );
      for (const [name, value] of Object.entries(selfCheck)) {
        if (typeof value !== "object" || value === null) continue;
        const v = value as { n: number; mean: number; p50: number; p95: number; max: number };
        process.stdout.write(
          `${name.padEnd(44)}  n=${String(v.n).padStart(4)}  mean=${v.mean.toFixed(2).padStart(8)}  p50=${v.p50.toFixed(2).padStart(8)}  p95=${v.p95.toFixed(2).padStart(8)}  max=${v.max.toFixed(2).padStart(8)}\n`,
        );
      }
    },
  ],
  [
    "inbound",
    async () => {
      const { benchInbound } = await import("./inbound-bench.ts");
      process.stdout.write(table("Inbound messages through handleInboundMessage", await benchInbound(quick)));
    },
  ],
  [
    "broadcast",
    async () => {
      const { benchDispatch } = await import("./dispatch-bench.ts");
      process.stdout.write(await benchDispatch(process.argv));
    },
  ],
  [
    "rule evaluation",
    async () => {
      const { benchRules } = await import("./rules-bench.ts");
      process.stdout.write(await benchRules({ quick }));
    },
  ],
  [
    "start-up",
    async () => {
      const { printStartupBench } = await import("./startup-bench.ts");
      await printStartupBench({ quick });
    },
  ],
  [
    "report and ledger",
    async () => {
      const { benchReport } = await import("./report-bench.ts");
      await benchReport({ quick });
    },
  ],
  [
    "office console",
    async () => {
      const { benchWeb } = await import("./web-bench.ts");
      process.stdout.write(await benchWeb({ quick }));
    },
  ],
  [
    "seeding",
    async () => {
      const { printSeedHistoryBench } = await import("./seed-history-bench.ts");
      await printSeedHistoryBench();
    },
  ],
  [
    "postgresql",
    async () => {
      // The same work on PostgreSQL beside SQLite (bench/pg-bench.ts), when a server is given;
      // its own process, so that its connections and memory do not colour the rows above.
      if (!(process.env.BENCH_PG_URL ?? process.env.TEST_PG_URL)) {
        process.stdout.write(
          "\nPostgreSQL: not measured (set BENCH_PG_URL, or run `scripts/pg-test-cluster.sh -- npm run bench`)\n",
        );
        return;
      }
      process.stdout.write("\n");
      const { spawnSync } = await import("node:child_process");
      const args = ["--import", "tsx", new URL("./pg-bench.ts", import.meta.url).pathname];
      const run = spawnSync(process.execPath, quick ? [...args, "--quick"] : args, { stdio: "inherit" });
      if (run.status !== 0) throw new Error(`pg-bench exited with ${run.status ?? run.signal}`);
    },
  ],
];

const only = process.env.BENCH_ONLY?.split(",").map((s) => s.trim());
process.stdout.write(
  `xunjian benchmarks${quick ? " (--quick sizes)" : ""}: Node ${process.version}, ${os.cpus().length} cores, load average ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" ")}\n`,
);
const failed: string[] = [];
for (const [name, run] of sections) {
  if (only && !only.includes(name)) continue;
  try {
    await run();
  } catch (e) {
    failed.push(name);
    process.stdout.write(`\n[${name}] failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  }
}
if (failed.length > 0) {
  process.stdout.write(`\nFailed sections: ${failed.join(", ")}\n`);
  process.exitCode = 1;
}
