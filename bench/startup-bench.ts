/**
 * Start-up of the `xunjian` command, measured by spawning the real bin/xunjian.js as a person would:
 * time to the first byte of output, and the memory of an idle `xunjian start`, each against plain
 * `node` in the same run. Both ways of running are measured: the compiled dist/ (what `npm install`
 * builds; rebuilt here first) and the TypeScript sources through tsx (XUNJIAN_FROM_SOURCE=1).
 *
 * Run alone: `node --import tsx bench/startup-bench.ts [--quick]`; `npm run bench` runs it last.
 */
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { distIsFresh } from "../bin/source-fingerprint.js";
import { progressBar } from "../src/cli/progress.ts";

const ROOT = path.resolve(import.meta.dirname, "..");
const BIN = path.join(ROOT, "bin", "xunjian.js");

type Mode = { name: string; env: Record<string, string> };
const MODES: Mode[] = [
  { name: "dist", env: {} },
  { name: "tsx", env: { XUNJIAN_FROM_SOURCE: "1" } },
];

/** Milliseconds from spawning to the first byte on stdout, and to exit. */
function firstOutput(args: string[], env: Record<string, string>): Promise<{ first: number; exit: number }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    let first = Number.NaN;
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "ignore"],
    });
    child.stdout.once("data", () => {
      first = performance.now() - t0;
    });
    child.stdout.resume();
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0
        ? resolve({ first, exit: performance.now() - t0 })
        : reject(new Error(`${args.join(" ")}: exit ${code}`)),
    );
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

/** VmRSS of a process, in MiB (Linux), or NaN where there is no /proc. */
function rssMiB(pid: number): number {
  try {
    const kb = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
    return kb ? Number(kb) / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/** RSS of a process started with `args` once it printed `ready` and then sat idle for `idleMs`. */
function idleRss(
  args: string[],
  env: Record<string, string>,
  ready: string,
  idleMs: number,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "ignore"],
    });
    let out = "";
    let measured = false;
    child.stdout.on("data", (d) => {
      out += d;
      if (measured || !out.includes(ready)) return;
      measured = true;
      setTimeout(() => {
        const rss = rssMiB(child.pid ?? 0);
        child.kill("SIGTERM");
        child.once("close", () => resolve(rss));
      }, idleMs);
    });
    child.on("error", reject);
  });
}

/** Builds dist/ as `npm install` does. */
function buildDist(): void {
  const build = spawnSync(process.execPath, [path.join(ROOT, "scripts", "build.js")], { encoding: "utf8" });
  if (build.status !== 0) throw new Error(`build failed: ${build.stderr}`);
}

/** Measures and prints the start-up rows; `quick` runs each command fewer times. */
export async function printStartupBench(options: { quick?: boolean } = {}): Promise<void> {
  const runs = options.quick ? 3 : 7;
  const idleMs = options.quick ? 2_000 : 4_000;
  buildDist();

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "xunjian-startup-bench-"));
  const env = {
    DATA_DIR: dataDir,
    LOG_LEVEL: "warn",
    SCHEDULER_ENABLED: "false",
    HTTP_PORT: "0",
  };
  spawnSync(process.execPath, [BIN, "start", "--exit-after-seed"], {
    cwd: ROOT,
    env: { ...process.env, ...env },
  });

  const commands: { label: string; args: string[] }[] = [
    { label: "--help", args: ["--help"] },
    { label: "report --help", args: ["report", "--help"] },
    {
      label: "report --from 2026-01-01 --to 2026-12-31 (demo park)",
      args: ["report", "--from", "2026-01-01", "--to", "2026-12-31"],
    },
    { label: "chat --as <head> (banner, input closed)", args: ["chat", "--as", "13900000001"] },
  ];
  const total = runs * (1 + commands.length * MODES.length) + 1 + MODES.length;
  const bar = progressBar("startup bench", {});
  let done = 0;
  const step = () => bar.update(++done, total);

  const baseline: number[] = [];
  for (let i = 0; i < runs; i++) {
    baseline.push((await firstOutput(["-e", "console.log(0)"], {})).first);
    step();
  }
  const node = median(baseline);
  const rows: string[][] = [];
  for (const c of commands)
    for (const mode of MODES) {
      const times: number[] = [];
      for (let i = 0; i < runs; i++) {
        // In a tree being edited dist/ goes stale and the bin would fall back to tsx: rebuild first.
        if (mode.name === "dist" && !distIsFresh()) buildDist();
        times.push((await firstOutput([BIN, ...c.args], { ...env, ...mode.env })).first);
        step();
      }
      const t = median(times);
      rows.push([
        `first output: xunjian ${c.label} [${mode.name}]`,
        `${t.toFixed(0)} ms`,
        `node -e 0: ${node.toFixed(0)} ms`,
        `${(t / node).toFixed(1)}×`,
      ]);
    }

  const idleNode = await idleRss(
    ["-e", "console.log('ready'); setInterval(() => {}, 1000)"],
    {},
    "ready",
    idleMs,
  );
  step();
  for (const mode of MODES) {
    if (mode.name === "dist" && !distIsFresh()) buildDist();
    const rss = await idleRss([BIN, "start"], { ...env, ...mode.env }, "xunjian is running", idleMs);
    step();
    rows.push([
      `RSS of an idle xunjian start, console only [${mode.name}]`,
      `${rss.toFixed(0)} MiB`,
      `node: ${idleNode.toFixed(0)} MiB`,
      `${(rss / idleNode).toFixed(1)}×`,
    ]);
  }
  bar.done();
  fs.rmSync(dataDir, { recursive: true, force: true });

  const widths = [0, 1, 2, 3].map((c) => Math.max(...rows.map((r) => (r[c] ?? "").length)));
  process.stdout.write(
    `\nStart-up benchmark (median of ${runs} spawns of bin/xunjian.js, ${os.cpus().length} cores, load ${os.loadavg()[0]?.toFixed(1)})\n\n`,
  );
  for (const r of rows)
    process.stdout.write(
      `${r.map((c, i) => (i === 0 ? c.padEnd(widths[0] ?? 0) : c.padStart(widths[i] ?? 0))).join("  ")}\n`,
    );
}

if (import.meta.url === `file://${process.argv[1]}`)
  await printStartupBench({ quick: process.argv.includes("--quick") });
