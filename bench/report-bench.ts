/**
 * `xunjian report` and `xunjian ledger` over a generated district with 100,000 tickets (10,000 with
 * `--quick`), against baselines measured in the same run on the same rows:
 *
 * - report: `buildReport` in-process (read + compute), and the real command as a child process
 *   (start-up included; median of 7 runs, 3 with `--quick`), against one plain JS pass over the
 *   ticket rows read with raw better-sqlite3. `BENCH_BEFORE=<another checkout>` (built, same schema)
 *   runs that checkout's command interleaved with this one's, for before/after figures;
 * - ledger: the real command as a child process, against a bare exceljs streaming writer fed by raw
 *   better-sqlite3 (same rows, same 25 columns), both as child processes so their peak RSS compares.
 *
 * Peak memory is the child's `process.resourceUsage().maxRSS`, printed by a one-line `--import` probe.
 * Run alone with `node --import tsx bench/report-bench.ts [--quick]`.
 */
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import Database from "better-sqlite3";
import ExcelJS from "exceljs";
import { pino } from "pino";
import { distIsFresh } from "../bin/source-fingerprint.js";
import { buildReport } from "../src/app/report/build-report.ts";
import { loadConfig } from "../src/config.ts";
import { LedgerColumns } from "../src/content/report-texts.ts";
import { FixedClock } from "../src/domain/clock.ts";
import { Industries } from "../src/domain/industry.ts";
import { openApp } from "../src/main.ts";
import { sqlitePath } from "../src/store/migrate.ts";
import { dbInstant } from "../src/store/sql.ts";

const ROOT = path.resolve(import.meta.dirname, "..");
const PERIOD = { from: "2026-07-01", to: "2026-09-30" };
const STREETS = 20;
const DAY = 24 * 60 * 60 * 1000;
/** Prints the child's peak resident set (KiB) and CPU time (µs) on stderr as it exits. */
const PROBE =
  'data:text/javascript,process.on("exit",()=>{const u=process.resourceUsage();process.stderr.write("\\nmaxrss_kb="+u.maxRSS+" cpu_us="+(u.userCPUTime+u.systemCPUTime)+"\\n")})';

type Row = [string, string, string, string];
/** A child process run: wall time, CPU time (user + system, steadier than wall time on a busy machine) and peak RSS. */
type ChildRun = { ms: number; cpuMs: number; maxRssMiB: number; code: number; out: string; err: string };

const mib = (n: number) => `${n.toFixed(0)} MiB`;
const msText = (n: number) => `${n.toFixed(0)} ms`;
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;

/** Runs node with the RSS probe; wall time from spawn to exit. */
function child(args: string[], env: Record<string, string>): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const p = spawn(process.execPath, ["--import", PROBE, ...args], {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: "silent", ...env },
    });
    let out = "";
    let err = "";
    // Decoded as a stream: a character split across two chunks stays whole.
    p.stdout.setEncoding("utf8");
    p.stderr.setEncoding("utf8");
    p.stdout.on("data", (d) => {
      out += d;
    });
    p.stderr.on("data", (d) => {
      err += d;
    });
    p.on("error", reject);
    p.on("close", (code) => {
      const kb = Number(/maxrss_kb=(\d+)/.exec(err)?.[1] ?? Number.NaN);
      const cpu = Number(/cpu_us=(\d+)/.exec(err)?.[1] ?? Number.NaN);
      resolve({
        ms: performance.now() - started,
        cpuMs: cpu / 1000,
        maxRssMiB: kb / 1024,
        code: code ?? -1,
        out,
        err,
      });
    });
  });
}

function mustSucceed(what: string, run: ChildRun): ChildRun {
  if (run.code !== 0) throw new Error(`${what} exited ${run.code}: ${run.err.slice(0, 2000)}`);
  return run;
}

/**
 * Fills the database: a district of 20 streets with two communities each, `tickets / 10` enterprises
 * with heads, a submitted self-check for about a third of the tickets, tickets with their events
 * (opened; submitted, returned, passed, reopened as their state needs), photos on a fifth, and one
 * campaign with leader cards. Written with raw better-sqlite3 in one transaction: generation is not
 * what is measured.
 */
export function generate(file: string, tickets: number): void {
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  const enterprises = Math.max(100, Math.floor(tickets / 10));
  const now = dbInstant(new Date("2026-10-15T00:00:00Z"));
  const start = Date.parse("2026-06-15T00:00:00+08:00");
  const span = Date.parse("2026-10-15T00:00:00+08:00") - start;
  let seed = 42;
  const rand = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  db.transaction(() => {
    const area = db.prepare("INSERT INTO Area (id, name, kind, parentId, createdAt) VALUES (?, ?, ?, ?, ?)");
    area.run("d1", "示范区", "district", null, now);
    const leafAreas: string[] = [];
    for (let s = 0; s < STREETS; s++) {
      area.run(`s${s}`, `街道${s}`, "street", "d1", now);
      leafAreas.push(`s${s}`);
      for (let c = 0; c < 2; c++) {
        area.run(`c${s}_${c}`, `社区${s}-${c}`, "town", `s${s}`, now);
        leafAreas.push(`c${s}_${c}`);
      }
    }
    const grid = db.prepare("INSERT INTO Grid (id, name, areaId, createdAt) VALUES (?, ?, ?, ?)");
    for (const [g, a] of leafAreas.entries()) grid.run(`g${g}`, `网格${g}`, a, now);
    const ent = db.prepare(
      `INSERT INTO Enterprise (id, creditCode, name, industry, supervisionClass, areaId, gridId, createdAt, updatedAt)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const person = db.prepare(
      `INSERT INTO Person (id, name, phone, role, enterpriseId, active, createdAt, updatedAt)
       VALUES (?, ?, ?, ?, ?, 1, ?, ?)`,
    );
    for (let i = 0; i < enterprises; i++) {
      const a = i % leafAreas.length;
      ent.run(
        `e${i}`,
        `BENCH${String(i).padStart(13, "0")}`,
        `测试企业${i}`,
        Industries[i % Industries.length],
        "ABCD"[i % 4],
        leafAreas[a],
        `g${a}`,
        now,
        now,
      );
      person.run(
        `p${i}`,
        `负责人${i}`,
        `139${String(i).padStart(8, "0")}`,
        "enterprise_head",
        `e${i}`,
        now,
        now,
      );
    }
    for (let l = 0; l <= STREETS; l++) {
      const id = `L${l}`;
      person.run(id, `领导${l}`, `137${String(l).padStart(8, "0")}`, "leader", null, now, now);
      db.prepare("INSERT INTO PersonArea (personId, areaId) VALUES (?, ?)").run(
        id,
        l === 0 ? "d1" : `s${l - 1}`,
      );
    }
    db.prepare(
      `INSERT INTO Campaign (id, key, templateId, name, opensOn, deadlineOn, startsOn, endsOn, status, provisional,
         createdAt, anchorName, closesOn, target, selfCheck, origin)
       VALUES ('c1', '2026-national_day', 'national_day', '2026年国庆节', '2026-09-18', '2026-09-29', '2026-10-01',
         '2026-10-08', 'closed', 0, ?, '国庆节', '2026-10-09', '{}', 1, 'scheduler')`,
    ).run(now);
    const card = db.prepare(
      `INSERT INTO LeaderCard (id, cardKey, campaignId, personId, firstSentAt, lastSentAt, sends, acknowledgedAt)
       VALUES (?, ?, 'c1', ?, ?, ?, ?, ?)`,
    );
    for (const [k, cardId] of ["opening", "deadline", "first_day", "summary"].entries())
      for (let l = 0; l <= STREETS; l++) {
        const sent = dbInstant(new Date(Date.parse("2026-09-18T09:17:00+08:00") + k * 5 * DAY));
        card.run(
          `k${k}_${l}`,
          `2026-national_day:${cardId}`,
          `L${l}`,
          sent,
          sent,
          1 + (l % 3),
          l % 2 ? sent : null,
        );
      }
    const run = db.prepare(
      `INSERT INTO SelfCheckRun (id, enterpriseId, personId, campaignId, checklistId, checklistVersion, status, startedAt, submittedAt)
       VALUES (?, ?, ?, ?, 'bench', 1, 'submitted', ?, ?)`,
    );
    for (let r = 0; r < Math.floor(tickets / 3); r++) {
      const e = Math.floor(rand() * enterprises);
      const at = dbInstant(new Date(start + rand() * span));
      run.run(`r${r}`, `e${e}`, `p${e}`, r % 4 === 0 ? "c1" : null, at, at);
    }
    const ticket = db.prepare(
      `INSERT INTO Ticket (id, number, enterpriseId, hazardKey, source, title, description, location, category, grade,
         basis, status, supervised, measures, responsibleId, foundById, foundAt, deadline, rectifiedAt, closedAt,
         createdAt, updatedAt)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, '消防安全', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const event = db.prepare("INSERT INTO TicketEvent (id, ticketId, kind, at) VALUES (?, ?, ?, ?)");
    const photo = db.prepare(
      "INSERT INTO Attachment (id, sha256, mime, size, ticketId, purpose, createdAt) VALUES (?, ?, 'image/png', 10, ?, ?, ?)",
    );
    const sources = ["self_check", "grid_report", "inspection"];
    let ev = 0;
    for (let t = 0; t < tickets; t++) {
      const e = Math.floor(rand() * enterprises);
      const found = start + rand() * span;
      const major = rand() < 0.1;
      const deadline = found + (major ? 15 : 7) * DAY;
      const fate = rand();
      const id = `t${t}`;
      const closed = fate < 0.6 ? found + rand() * 10 * DAY : null;
      const reopened = fate >= 0.6 && fate < 0.63;
      const status = closed !== null ? "closed" : reopened ? "reopened" : fate < 0.8 ? "open" : "rectifying";
      ticket.run(
        id,
        `YH-2026-${String(t + 1).padStart(6, "0")}`,
        `e${e}`,
        `bench.${t}`,
        sources[t % 3],
        `隐患${t}：安全出口堵塞`,
        t % 2 ? `仓库安全出口被货物堵塞，编号${t}` : null,
        t % 3 ? "仓库" : null,
        major ? "major" : "general",
        "《中华人民共和国消防法》第二十八条",
        status,
        major ? 1 : 0,
        t % 4 ? "清理通道" : null,
        `p${e}`,
        `p${(e + 1) % enterprises}`,
        dbInstant(new Date(found)),
        dbInstant(new Date(deadline)),
        closed === null ? null : dbInstant(new Date(closed - DAY / 4)),
        closed === null ? null : dbInstant(new Date(closed)),
        now,
        now,
      );
      event.run(`v${ev++}`, id, "opened", dbInstant(new Date(found)));
      if (closed !== null) {
        if (rand() < 0.1) event.run(`v${ev++}`, id, "returned", dbInstant(new Date(found + 1000)));
        event.run(`v${ev++}`, id, "submitted", dbInstant(new Date(closed - DAY / 4)));
        event.run(`v${ev++}`, id, "passed", dbInstant(new Date(closed)));
      }
      if (reopened) {
        event.run(`v${ev++}`, id, "passed", dbInstant(new Date(found + DAY)));
        event.run(`v${ev++}`, id, "reopened", dbInstant(new Date(found + 2 * DAY)));
      }
      if (t % 5 === 0) {
        photo.run(`a${t}`, `sha${t}`, id, "hazard", now);
        if (closed !== null) photo.run(`b${t}`, `shb${t}`, id, "rectification", now);
      }
    }
  })();
  db.close();
}

/** The baseline of the report: one JS pass over the ticket rows of the period, read raw. */
function reportBaseline(file: string): { ms: number; hazards: number } {
  const db = new Database(file, { readonly: true });
  const t = performance.now();
  const since = dbInstant(new Date(`${PERIOD.from}T00:00:00+08:00`));
  const before = dbInstant(new Date(Date.parse(`${PERIOD.to}T00:00:00+08:00`) + DAY));
  const industryOf = new Map<string, string>();
  for (const e of db.prepare("SELECT id, industry FROM Enterprise").iterate() as Iterable<{
    id: string;
    industry: string;
  }>)
    industryOf.set(e.id, e.industry);
  const counts = new Map<string, { found: number; major: number; closed: number }>();
  let hazards = 0;
  for (const r of db
    .prepare(
      "SELECT enterpriseId, grade, foundAt, deadline, closedAt FROM Ticket WHERE foundAt >= ? AND foundAt < ?",
    )
    .iterate(since, before) as Iterable<{ enterpriseId: string; grade: string; closedAt: string | null }>) {
    const industry = industryOf.get(r.enterpriseId) ?? "";
    const c = counts.get(industry) ?? { found: 0, major: 0, closed: 0 };
    counts.set(industry, c);
    c.found++;
    if (r.grade === "major") c.major++;
    if (r.closedAt !== null) c.closed++;
    hazards++;
  }
  const ms = performance.now() - t;
  db.close();
  return { ms, hazards };
}

/** The baseline of the ledger (run as a child): a bare exceljs streaming writer over raw rows. */
async function ledgerBaseline(file: string, out: string): Promise<void> {
  const db = new Database(file, { readonly: true });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: out, useStyles: true });
  const sheet = workbook.addWorksheet("隐患台账");
  // The product's own column list, so the baseline writes as many columns as the ledger does.
  sheet.columns = LedgerColumns.map((key) => ({ key, header: key, width: 18 }));
  const date = (v: string | null) => (v === null ? null : new Date(v));
  const rows = db
    .prepare(
      `SELECT t.number, e.name AS enterprise, e.creditCode, a.name AS area, g.name AS grid, t.location,
              COALESCE(t.description, t.title) AS description, t.category, t.grade, t.basis, t.source,
              t.foundAt, t.foundById AS foundBy, t.measures, t.responsibleId AS responsible, t.deadline, t.funds,
              t.contingencyPlan, t.status, t.supervised, t.rectifiedAt, t.closedAt
       FROM Ticket t JOIN Enterprise e ON e.id = t.enterpriseId JOIN Area a ON a.id = e.areaId
       LEFT JOIN Grid g ON g.id = e.gridId ORDER BY t.number`,
    )
    .iterate() as Iterable<Record<string, string | number | null>>;
  let n = 0;
  for (const r of rows) {
    sheet
      .addRow({
        ...r,
        foundAt: date(r.foundAt as string),
        deadline: date(r.deadline as string),
        rectifiedAt: date(r.rectifiedAt as string | null),
        closedAt: date(r.closedAt as string | null),
        overdue: "否",
        supervised: r.supervised ? "是" : "否",
        beforePhotos: 0,
        afterPhotos: 0,
      })
      .commit();
    // As the product's writer does: let the zip stream keep up, or the sheet piles up in memory.
    if (++n % 10 === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  sheet.commit();
  await workbook.commit();
  db.close();
}

/** Runs the report and ledger benchmark and prints its table; returns the rows. */
export async function benchReport(options: { quick?: boolean; tickets?: number } = {}): Promise<Row[]> {
  const tickets = options.tickets ?? (options.quick ? 10_000 : 100_000);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "xunjian-report-bench-"));
  const env = {
    DATA_DIR: dataDir,
    PROMPTS_DIR: path.join(ROOT, "prompts"),
    RULES_DIR: path.join(ROOT, "rules"),
    LOG_LEVEL: "silent",
  };
  const config = loadConfig(env);
  const clock = new FixedClock(new Date("2026-10-15T09:00:00+08:00"));
  // Opening the app once runs the migrations; then the rows are generated on the same file.
  const app = await openApp(config, { clock, log: pino({ level: "silent" }) });
  const file = sqlitePath(config.databaseUrl);
  await app.close();
  const genStart = performance.now();
  generate(file, tickets);
  const genMs = performance.now() - genStart;

  const rows: Row[] = [];
  const reopened = await openApp(config, { clock, log: pino({ level: "silent" }) });
  /** buildReport and its JSON, three times: the first (cold) and the best. */
  const inProcess = async (period: { from: string; to: string }) => {
    const took: number[] = [];
    let found = 0;
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      const report = await buildReport(reopened.deps, period);
      JSON.stringify(report);
      took.push(performance.now() - t);
      found = report.totals.hazardsFound;
    }
    return { first: took[0] ?? 0, best: Math.min(...took), found };
  };
  const quarter = await inProcess(PERIOD);
  const july = await inProcess({ from: PERIOD.from, to: "2026-07-31" });
  await reopened.close();
  const baselines = [0, 1, 2].map(() => reportBaseline(file));
  const baseline = Math.min(...baselines.map((b) => b.ms));
  if (baselines[0]?.hazards !== quarter.found)
    throw new Error(`report counted ${quarter.found} hazards, the baseline ${baselines[0]?.hazards}`);

  const bin = path.join(ROOT, "bin", "xunjian.js");
  // The command as `npm install` leaves it: from dist/ (in a tree being edited dist/ goes stale and
  // the bin would fall back to compiling the sources through tsx; rebuild it first).
  if (!distIsFresh()) {
    const build = spawnSync(process.execPath, [path.join(ROOT, "scripts", "build.js")], { encoding: "utf8" });
    if (build.status !== 0) throw new Error(`build failed: ${build.stderr}`);
  }
  const help = mustSucceed("--help", await child([bin, "--help"], env));
  // The command several times (a busy machine makes one run a poor sample), and, with
  // BENCH_BEFORE=<another checkout>, that checkout's command interleaved with this one's on the same
  // district: before/after figures measured under the same load.
  const reportArgs = ["report", "--from", PERIOD.from, "--to", PERIOD.to];
  const before = process.env.BENCH_BEFORE ? path.resolve(process.env.BENCH_BEFORE) : null;
  const cliRuns: ChildRun[] = [];
  const beforeRuns: ChildRun[] = [];
  for (let i = 0; i < (options.quick ? 3 : 7); i++) {
    if (before) {
      const env2 = {
        ...env,
        PROMPTS_DIR: path.join(before, "prompts"),
        RULES_DIR: path.join(before, "rules"),
      };
      beforeRuns.push(
        mustSucceed(
          "report (before)",
          await child([path.join(before, "bin", "xunjian.js"), ...reportArgs], env2),
        ),
      );
    }
    cliRuns.push(mustSucceed("report", await child([bin, ...reportArgs], env)));
  }
  if (
    before &&
    beforeRuns[0]?.out.replace(/"generatedAt": ".*"/, "") !==
      cliRuns[0]?.out.replace(/"generatedAt": ".*"/, "")
  )
    throw new Error(`the report of ${before} differs from this checkout's`);
  const ledgerFile = path.join(dataDir, "ledger.xlsx");
  const ledger = mustSucceed("ledger", await child([bin, "ledger", "--out", ledgerFile], env));
  const self = path.join(ROOT, "bench", "report-bench.ts");
  const bareFile = `${ledgerFile}.base.xlsx`;
  const bare = mustSucceed(
    "ledger baseline",
    await child(["--import", "tsx", self, "--ledger-baseline", file, bareFile], env),
  );

  const perTicket = (r: { best: number; found: number }) =>
    `${((r.best * 1000) / r.found).toFixed(1)} µs/hazard`;
  const childRow = (what: string, run: ChildRun, vs?: ChildRun): Row => [
    what,
    `${msText(run.ms)} (CPU ${msText(run.cpuMs)})`,
    `maxRSS ${mib(run.maxRssMiB)}`,
    vs ? `${ratio(run.ms, vs.ms)} (CPU ${ratio(run.cpuMs, vs.cpuMs)})` : "",
  ];
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
  const spread = (xs: number[]) =>
    `${msText(median(xs))} (${msText(Math.min(...xs))}–${msText(Math.max(...xs))})`;
  /** Medians (and ranges) of several runs of a command; the ratio of medians against `vs`. */
  const medianRow = (what: string, runs: ChildRun[], vs?: ChildRun[]): Row => {
    const wall = runs.map((r) => r.ms);
    const cpu = runs.map((r) => r.cpuMs);
    return [
      `${what}, median of ${runs.length}`,
      `${spread(wall)} (CPU ${spread(cpu)})`,
      `maxRSS ${mib(Math.max(...runs.map((r) => r.maxRssMiB)))}`,
      vs
        ? `${ratio(median(wall), median(vs.map((r) => r.ms)))} (CPU ${ratio(median(cpu), median(vs.map((r) => r.cpuMs)))})`
        : "",
    ];
  };
  rows.push(
    [`generate ${tickets} tickets (raw better-sqlite3)`, msText(genMs), "", ""],
    [
      `report in-process (buildReport + JSON), ${quarter.found} hazards in 3 months: first / best of 3`,
      `${msText(quarter.first)} / ${msText(quarter.best)}`,
      perTicket(quarter),
      ratio(quarter.best, baseline),
    ],
    [
      `report in-process, ${july.found} hazards in 1 month (linearity): first / best of 3`,
      `${msText(july.first)} / ${msText(july.best)}`,
      perTicket(july),
      "",
    ],
    ["baseline: one JS pass over raw ticket rows of the 3 months", msText(baseline), "", "1.00×"],
    ...(before ? [medianRow(`\`xunjian report\` of ${before} (before), interleaved`, beforeRuns)] : []),
    medianRow(
      "`xunjian report` 3 months, child process (start-up included)",
      cliRuns,
      before ? beforeRuns : undefined,
    ),
    childRow("`xunjian --help`, child process (start-up alone)", help),
    childRow(`\`xunjian ledger\` over ${tickets} tickets, child process`, ledger, bare),
    childRow("baseline: bare exceljs streaming writer over raw rows, child process", bare, bare),
  );
  fs.rmSync(dataDir, { recursive: true, force: true });

  const widths = [0, 1, 2, 3].map((c) => Math.max(...rows.map((r) => r[c]?.length ?? 0)));
  process.stdout.write(
    `\nReport and ledger benchmark: ${tickets} tickets, period ${PERIOD.from}..${PERIOD.to}, Node ${process.version}, ${os.cpus().length} cores, load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")}\n\n`,
  );
  for (const r of rows)
    process.stdout.write(
      `${r.map((c, i) => (i === 0 ? c.padEnd(widths[0] ?? 0) : c.padStart(widths[i] ?? 0))).join("  ")}\n`,
    );
  return rows;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const i = process.argv.indexOf("--ledger-baseline");
  if (i >= 0) await ledgerBaseline(process.argv[i + 1] as string, process.argv[i + 2] as string);
  else
    await benchReport({
      quick: process.argv.includes("--quick"),
      ...(process.env.BENCH_TICKETS ? { tickets: Number(process.env.BENCH_TICKETS) } : {}),
    });
}
