/**
 * Campaign sweeps for a district of 10,000 enterprises (1,000 with `--quick`), against a baseline
 * measured in the same run on the same rows: raw better-sqlite3 doing the irreducible part of a
 * reminder slot (select who is due, insert one outbox row each, in one transaction). Also the peak
 * memory of `xunjian tick` doing the opening reminders of that district in a child process, against
 * plain `node`.
 *
 * The database is a temporary SQLite file with the real migrations; data is generated, not the demo park.
 * Run alone: `node --import tsx bench/sweep-bench.ts [--quick]`.
 */
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import Database from "better-sqlite3";
import { pino } from "pino";
import { distIsFresh } from "../bin/source-fingerprint.js";
import { loadConfig } from "../src/config.ts";
import { shanghaiDateTime } from "../src/domain/calendar/local-date.ts";
import { FixedClock } from "../src/domain/clock.ts";
import { Industries } from "../src/domain/industry.ts";
import { openApp } from "../src/main.ts";
import { Dispatcher } from "../src/outbox/dispatcher.ts";
import { runSweeps, type SweepReport } from "../src/scheduler/sweeps.ts";
import { sqlitePath } from "../src/store/migrate.ts";

const STREETS = 20;
const GRIDS_PER_STREET = 10;
const INDUSTRIES = Industries;
const CLASSES = ["A", "B", "B", "C", "C", "D", "D", "D"];
const ROOT = path.resolve(import.meta.dirname, "..");

/** Prints the child's peak resident set (KiB) on stderr as it exits. */
const PROBE =
  'data:text/javascript,process.on("exit",()=>{process.stderr.write("\\nmaxrss_kb="+process.resourceUsage().maxRSS+"\\n")})';

/** Peak RSS (MiB) and wall time of `node args…` run to completion. */
function childPeak(args: string[], env: Record<string, string>): Promise<{ ms: number; maxRssMiB: number }> {
  return new Promise((resolve, reject) => {
    const t = performance.now();
    const p = spawn(process.execPath, ["--import", PROBE, ...args], {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: "silent", ...env },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let err = "";
    p.stderr.on("data", (d) => {
      err += d;
    });
    p.on("error", reject);
    p.on("close", (code) => {
      if (code !== 0) return reject(new Error(`${args.join(" ")} exited ${code}: ${err.slice(0, 2000)}`));
      resolve({ ms: performance.now() - t, maxRssMiB: Number(/maxrss_kb=(\d+)/.exec(err)?.[1]) / 1024 });
    });
  });
}

/** Runs the sweep benchmark and returns its table as text. */
export async function benchSweeps(options: { quick?: boolean } = {}): Promise<string> {
  const ENTERPRISES = Number(process.env.BENCH_ENTERPRISES ?? (options.quick ? 1_000 : 10_000));
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "xunjian-bench-"));
  const env = {
    DATA_DIR: dataDir,
    PROMPTS_DIR: path.join(ROOT, "prompts"),
    RULES_DIR: path.join(ROOT, "rules"),
    LOG_LEVEL: "silent",
    SCHEDULER_ENABLED: "false",
  };
  const config = loadConfig(env);
  const clock = new FixedClock(shanghaiDateTime("2026-09-10", "08:00"));
  const app = await openApp(config, { clock, log: pino({ level: "silent" }) });
  const db = app.database.prisma;
  const content = app.deps.content.campaigns;

  const rows: string[][] = [];
  const ms = (t: number) => `${t.toFixed(0)} ms`;
  function record(what: string, took: number, items?: number, unit = "messages", ratio = ""): void {
    rows.push([
      what,
      ms(took),
      items === undefined ? "" : `${items} ${unit}`,
      items ? `${Math.round((items * 1000) / took)}/s` : "",
      ratio,
    ]);
  }
  const times = (a: number, b: number) => `${(a / b).toFixed(1)}× raw`;
  async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
    const t = performance.now();
    const result = await fn();
    return [result, performance.now() - t];
  }

  async function seed(): Promise<void> {
    const now = clock.now();
    await db.area.create({ data: { id: "d1", name: "区", kind: "district" } });
    await db.area.createMany({
      data: Array.from({ length: STREETS }, (_, s) => ({
        id: `s${s}`,
        name: `街道${s}`,
        kind: "street",
        parentId: "d1",
      })),
    });
    await db.grid.createMany({
      data: Array.from({ length: STREETS * GRIDS_PER_STREET }, (_, g) => ({
        id: `g${g}`,
        name: `网格${g}`,
        areaId: `s${Math.floor(g / GRIDS_PER_STREET)}`,
      })),
    });
    const chunk = 1_000;
    for (let from = 0; from < ENTERPRISES; from += chunk) {
      const ids = Array.from({ length: Math.min(chunk, ENTERPRISES - from) }, (_, i) => from + i);
      await db.enterprise.createMany({
        data: ids.map((i) => ({
          id: `e${i}`,
          creditCode: `BENCH${String(i).padStart(13, "0")}`,
          name: `测试企业${i}`,
          industry: INDUSTRIES[i % INDUSTRIES.length] ?? "small_venues",
          supervisionClass: CLASSES[i % CLASSES.length] ?? null,
          areaId: `s${i % STREETS}`,
          gridId: `g${i % (STREETS * GRIDS_PER_STREET)}`,
        })),
      });
      await db.person.createMany({
        data: ids.map((i) => ({
          id: `p${i}`,
          name: `负责人${i}`,
          phone: `139${String(i).padStart(8, "0")}`,
          role: "enterprise_head",
          enterpriseId: `e${i}`,
          updatedAt: now,
        })),
      });
      await db.channelIdentity.createMany({
        data: ids.map((i) => ({
          channel: "console",
          externalId: `139${String(i).padStart(8, "0")}`,
          personId: `p${i}`,
          boundAt: now,
        })),
      });
    }
    const leaders = [
      { id: "L-d1", area: "d1" },
      ...Array.from({ length: STREETS }, (_, s) => ({ id: `L-s${s}`, area: `s${s}` })),
    ];
    for (const [n, l] of leaders.entries()) {
      await db.person.create({
        data: {
          id: l.id,
          name: `领导${n}`,
          phone: `137${String(n).padStart(8, "0")}`,
          role: "leader",
          areas: { create: [{ areaId: l.area }] },
          identities: {
            create: [{ channel: "console", externalId: `137${String(n).padStart(8, "0")}`, boundAt: now }],
          },
        },
      });
    }
    await db.person.create({
      data: {
        name: "管理员",
        phone: "13600000000",
        role: "admin",
        identities: { create: [{ channel: "console", externalId: "13600000000", boundAt: now }] },
      },
    });
  }

  const sentMessages = (r: SweepReport) => r.work.outcomes.reduce((n, o) => n + o.messages, 0);

  async function sweepAt(date: string, time: string): Promise<[SweepReport, number]> {
    const at = shanghaiDateTime(date, time);
    clock.set(at);
    const [report, took] = await timed(() => runSweeps(app.deps, content, at));
    const failed = [...report.errors, ...report.work.failed];
    if (failed.length > 0) throw new Error(`sweep at ${date} ${time} failed: ${failed.join(", ")}`);
    return [report, took];
  }

  /** The raw baseline, best of two runs (the first warms the page cache as the sweep's own reads would). */
  function rawBaseline(campaignId: string, classes: string[]): [number, number] {
    const [n, first] = rawBaselineOnce(campaignId, classes);
    const [, second] = rawBaselineOnce(campaignId, classes);
    return [n, Math.min(first, second)];
  }

  /** The irreducible part of one reminder slot, in raw SQL on the same rows. */
  function rawBaselineOnce(campaignId: string, classes: string[]): [number, number] {
    const raw = new Database(sqlitePath(config.databaseUrl));
    raw.pragma("journal_mode = WAL");
    const t = performance.now();
    const marks = classes.map(() => "?").join(",");
    const due = raw
      .prepare(
        `SELECT e.id AS enterpriseId, e.name AS enterprise, p.id AS personId, p.name AS person, ci.channel, ci.externalId
         FROM Enterprise e
         JOIN Person p ON p.enterpriseId = e.id AND p.role = 'enterprise_head' AND p.active = 1
         JOIN ChannelIdentity ci ON ci.personId = p.id
         WHERE e.supervisionClass IN (${marks})
           AND e.id NOT IN (SELECT enterpriseId FROM SelfCheckRun WHERE campaignId = ? AND status = 'submitted')`,
      )
      .all(...classes, campaignId) as {
      personId: string;
      enterprise: string;
      channel: string;
      externalId: string;
    }[];
    const insert = raw.prepare(
      `INSERT INTO OutboxMessage (id, key, channel, recipient, personId, payload, status, attempts, nextAttemptAt, createdAt)
       VALUES (?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?)`,
    );
    const now = Date.now();
    raw.transaction(() => {
      for (const [i, r] of due.entries()) {
        const payload = JSON.stringify({
          text: `【基准】${r.enterprise}：请完成节前安全自查。`,
          choices: [{ id: "selfcheck", label: "开始自查" }],
          expects: "choice",
        });
        insert.run(
          `bench${i}`,
          `bench:${i}:${r.personId}`,
          r.channel,
          r.externalId,
          r.personId,
          payload,
          now,
          now,
        );
      }
    })();
    const took = performance.now() - t;
    raw.prepare("DELETE FROM OutboxMessage WHERE key LIKE 'bench:%'").run();
    raw.close();
    return [due.length, took];
  }

  const [, seedTook] = await timed(seed);
  record(
    `generate ${ENTERPRISES} enterprises, heads, accounts, ${STREETS + 1} leaders (Prisma createMany)`,
    seedTook,
    ENTERPRISES * 3,
    "rows",
  );

  const [created, createTook] = await sweepAt("2026-09-10", "08:00");
  record(`sweep: create campaigns ahead (${created.campaigns.created.join(", ")})`, createTook);
  const idle: number[] = [];
  for (let minute = 0; minute < 30; minute++)
    idle.push((await sweepAt("2026-09-17", `12:${String(minute + 1).padStart(2, "0")}`))[1]);
  idle.sort((a, b) => a - b);
  const pct = (q: number) => idle[Math.min(idle.length - 1, Math.floor(q * idle.length))] ?? 0;
  rows.push([
    "idle cron tick (nothing due), 30 ticks: median / p95",
    `${ms(pct(0.5))} / ${ms(pct(0.95))}`,
    "",
    "",
  ]);

  // The same district, before the opening, for `xunjian tick` in a child process (peak memory).
  const tickDir = fs.mkdtempSync(path.join(os.tmpdir(), "xunjian-bench-tick-"));
  app.database.connection.exec(`VACUUM INTO '${path.join(tickDir, "xunjian.db")}'`);

  const national = await db.campaign.findUniqueOrThrow({ where: { key: "2026-national_day" } });
  // The raw baseline first (nothing is due yet, the same rows are selected), then the sweep.
  const [rawOpening, rawOpeningTook] = rawBaseline(national.id, ["A", "B", "C", "D"]);
  const [opening, openingTook] = await sweepAt("2026-09-18", "09:08");
  record(
    `sweep: opening reminders for ${ENTERPRISES} enterprises, 3 slots (A, B, other classes)`,
    openingTook,
    sentMessages(opening),
    "messages",
    times(openingTook, rawOpeningTook),
  );
  record(
    "baseline: raw better-sqlite3 select + insert, same rows as the opening",
    rawOpeningTook,
    rawOpening,
  );
  const [cards, cardsTook] = await sweepAt("2026-09-18", "09:18");
  record(
    `sweep: leader cards with live figures over ${ENTERPRISES} enterprises`,
    cardsTook,
    sentMessages(cards),
  );

  // Half of the enterprises submit; the next slots remind the other half.
  const campaign = national;
  const submitted = Array.from({ length: ENTERPRISES }, (_, i) => i).filter((i) => i % 16 < 8);
  await db.selfCheckRun.createMany({
    data: submitted.map((i) => ({
      enterpriseId: `e${i}`,
      personId: `p${i}`,
      campaignId: campaign.id,
      checklistId: "bench",
      checklistVersion: 1,
      status: "submitted",
      startedAt: clock.now(),
      submittedAt: clock.now(),
    })),
  });
  const [raw, rawTook] = rawBaseline(campaign.id, ["A"]);
  const [chase, chaseTook] = await sweepAt("2026-09-18", "15:38");
  record(
    "sweep: class A chase after half submitted",
    chaseTook,
    sentMessages(chase),
    "messages",
    times(chaseTook, rawTook),
  );
  record("baseline: raw better-sqlite3 select + insert, same class A rows", rawTook, raw);
  const [rawAll, rawAllTook] = rawBaseline(campaign.id, ["A", "B"]);
  const [chaseAll, chaseAllTook] = await sweepAt("2026-09-20", "09:08");
  record(
    "sweep: A and B chase after half submitted",
    chaseAllTook,
    sentMessages(chaseAll),
    "messages",
    times(chaseAllTook, rawAllTook),
  );
  record("baseline: raw better-sqlite3 select + insert, same A and B rows", rawAllTook, rawAll);

  // Delivery: the dispatcher draining console rows through a no-op sender (no rate limits).
  const dispatcher = new Dispatcher(app.deps.uow, clock, pino({ level: "silent" }), { batchSize: 200 });
  let delivered = 0;
  dispatcher.register({
    id: "console",
    send: async () => {
      delivered++;
      return { ok: true };
    },
  });
  const target = 2_000;
  const [, drainTook] = await timed(async () => {
    while (delivered < target && (await dispatcher.drain()) > 0) {
      // drain until enough were sent
    }
  });
  record(`dispatcher: claim, send (no-op) and mark ${delivered} outbox rows`, drainTook, delivered);
  const pending = await db.outboxMessage.count({ where: { status: "pending" } });

  await app.close();
  fs.rmSync(dataDir, { recursive: true, force: true });

  // `xunjian tick` doing the opening of the same district in a child process: its peak memory.
  const bin = path.join(ROOT, "bin", "xunjian.js");
  // As installed: from dist/, rebuilt if the sources changed (the bin would fall back to tsx).
  if (!distIsFresh()) {
    const build = spawnSync(process.execPath, [path.join(ROOT, "scripts", "build.js")], { encoding: "utf8" });
    if (build.status !== 0) throw new Error(`build failed: ${build.stderr}`);
  }
  const tickEnv = { ...env, DATA_DIR: tickDir };
  const node = await childPeak(["-e", "0"], {});
  const tick = await childPeak([bin, "tick", "--at", "2026-09-18T09:08", "--json"], tickEnv);
  fs.rmSync(tickDir, { recursive: true, force: true });
  rows.push([
    `\`xunjian tick\` opening ${ENTERPRISES} enterprises, child process: peak RSS`,
    `${tick.maxRssMiB.toFixed(0)} MiB`,
    `${ms(tick.ms)}`,
    `node -e 0: ${node.maxRssMiB.toFixed(0)} MiB`,
    `${(tick.maxRssMiB / node.maxRssMiB).toFixed(1)}× node`,
  ]);

  const widths = [0, 1, 2, 3, 4].map((c) => Math.max(...rows.map((r) => (r[c] ?? "").length)));
  const lines = [
    `\nCampaign sweep benchmark: ${ENTERPRISES} enterprises, Node ${process.version}, ${os.cpus().length} cores\n`,
    ...rows.map((r) =>
      r.map((c, i) => (i === 0 ? c.padEnd(widths[0] ?? 0) : c.padStart(widths[i] ?? 0))).join("  "),
    ),
    `\n${pending} messages still pending in the outbox at the end (delivery is rate-limited in production).`,
  ];
  return `${lines.join("\n")}\n`;
}

if (import.meta.url === `file://${process.argv[1]}`)
  process.stdout.write(await benchSweeps({ quick: process.argv.includes("--quick") }));
