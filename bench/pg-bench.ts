/**
 * `npm run bench:pg [-- --quick]`: the same work on SQLite and on PostgreSQL, in the same run.
 * PostgreSQL at BENCH_PG_URL (or TEST_PG_URL), a server where the user may create databases, e.g.
 * `scripts/pg-test-cluster.sh -- npm run bench:pg`. Each row gets a fresh database, dropped after.
 *
 * - inbound answers through `handleInboundMessage` (the chat entry), 1 and 16 concurrent users; on
 *   PostgreSQL also three apps ("instances") on one database in this process, the users split.
 *   The database is a province's, not a park's: 20,000 chat users (5,000 with --quick), each with a
 *   conversation, and 200,000 messages received and sent before (50,000), the users answering drawn
 *   from all of them. Under serializable isolation PostgreSQL locks what a transaction read by
 *   index page (or by table, for a scan), so on a database of a few pages every chat shares pages
 *   with every other and units of work collide where a province's would not. On PostgreSQL each
 *   row also gives the serialization failures (units run again) and statements per answer;
 * - reminders sent: 2,000 outbox rows drained by the dispatcher to a channel that answers at once;
 * - the report (`buildReport`) over a generated district (100,000 tickets; 10,000 with --quick),
 *   moved to PostgreSQL with `import-db`'s copy (timed too).
 */
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import Database from "better-sqlite3";
import pg from "pg";
import { pino } from "pino";
import { handleInboundMessage } from "../src/app/handle-inbound-message.ts";
import { buildReport } from "../src/app/report/build-report.ts";
import { loadConfig } from "../src/config.ts";
import { FixedClock } from "../src/domain/clock.ts";
import type { InboundMessage } from "../src/domain/messages.ts";
import { type App, MIGRATIONS_DIR, openApp } from "../src/main.ts";
import { Dispatcher } from "../src/outbox/dispatcher.ts";
import { copySqliteToPostgres } from "../src/store/copy-to-postgres.ts";
import { sqlitePath } from "../src/store/migrate.ts";
import { dbInstant } from "../src/store/sql.ts";
import { generate } from "./report-bench.ts";

const ROOT = path.resolve(import.meta.dirname, "..");
const quick = process.argv.includes("--quick");
const PG_URL = process.env.BENCH_PG_URL ?? process.env.TEST_PG_URL;
if (!PG_URL) {
  console.error(
    "bench:pg needs BENCH_PG_URL or TEST_PG_URL (e.g. scripts/pg-test-cluster.sh -- npm run bench:pg)",
  );
  process.exit(2);
}
const clock = new FixedClock(new Date("2026-09-24T09:00:00+08:00"));
const rows: string[][] = [];
const dropped: string[] = [];

async function admin(sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  await c.query(sql);
  await c.end();
}

/** A fresh empty database on the server; its URL. */
async function freshPg(): Promise<string> {
  const name = `xunjian_bench_${randomUUID().slice(0, 8)}`;
  await admin(`CREATE DATABASE "${name}"`);
  dropped.push(name);
  const url = new URL(PG_URL as string);
  url.pathname = `/${name}`;
  return url.toString();
}

async function open(databaseUrl: string | null, dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "xj-pgb-"))) {
  const config = loadConfig({
    DATA_DIR: dataDir,
    PROMPTS_DIR: path.join(ROOT, "prompts"),
    RULES_DIR: path.join(ROOT, "rules"),
    LOG_LEVEL: "silent",
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  });
  return openApp(config, { clock, log: pino({ level: "silent" }) });
}

const say = (phone: string, text: string): InboundMessage => ({
  channel: "console",
  senderId: phone,
  platformMessageId: randomUUID(),
  text,
  attachments: [],
  receivedAt: clock.now(),
});

const POPULATION = quick ? 5_000 : 20_000;
const HISTORY = quick ? 50_000 : 200_000;
/** Users answering in the runs: 64 spread over the whole population. */
const ACTIVE = 64;
const phoneOf = (i: number) => `139${String(i).padStart(8, "0")}`;

/**
 * Writes a province's chat users (console accounts bound to small shops, each chat idle) and
 * history (messages received, replies sent) into the migrated SQLite database `file`, directly:
 * the ORM would take minutes. PostgreSQL gets a copy (import-db's).
 */
function province(file: string): void {
  const db = new Database(file);
  const at = dbInstant(clock.now());
  db.transaction(() => {
    db.prepare("INSERT INTO Area (id, name, kind, createdAt) VALUES ('p1', '园区', 'park', ?)").run(at);
    const enterprise = db.prepare(
      `INSERT INTO Enterprise (id, creditCode, name, industry, areaId, createdAt, updatedAt)
       VALUES (?, ?, ?, 'small_venues', 'p1', ?, ?)`,
    );
    const person = db.prepare(
      `INSERT INTO Person (id, name, phone, role, enterpriseId, active, createdAt, updatedAt)
       VALUES (?, ?, ?, 'enterprise_head', ?, 1, ?, ?)`,
    );
    const identity = db.prepare(
      "INSERT INTO ChannelIdentity (id, channel, externalId, personId, boundAt) VALUES (?, 'console', ?, ?, ?)",
    );
    const conversation = db.prepare(
      `INSERT INTO Conversation (id, channel, externalId, personId, state, version, updatedAt)
       VALUES (?, 'console', ?, ?, '{"flow":"idle"}', 0, ?)`,
    );
    for (let i = 0; i < POPULATION; i++) {
      enterprise.run(`e${i}`, `PGB${String(i).padStart(15, "0")}`, `小店${i}`, at, at);
      person.run(`p${i}`, `店主${i}`, phoneOf(i), `e${i}`, at, at);
      identity.run(`ci${i}`, phoneOf(i), `p${i}`, at);
      conversation.run(`c${i}`, phoneOf(i), `p${i}`, at);
    }
    const received = db.prepare(
      `INSERT INTO InboundMessage (id, channel, platformMessageId, senderExternalId, receivedAt)
       VALUES (?, 'console', ?, ?, ?)`,
    );
    const sent = db.prepare(
      `INSERT INTO OutboxMessage (id, key, channel, recipient, payload, status, attempts, nextAttemptAt, createdAt, sentAt)
       VALUES (?, ?, 'console', ?, '{"text":"好","expects":"none"}', 'sent', 1, ?, ?, ?)`,
    );
    for (let i = 0; i < HISTORY; i++) {
      const id = randomUUID();
      received.run(`h${i}`, id, phoneOf(i % POPULATION), at);
      sent.run(`h${i}`, `reply:console:${id}:0`, phoneOf(i % POPULATION), at, at, at);
    }
  })();
  db.close();
}

let provinceFile: string | undefined;

/**
 * A database with the province in it (SQLite: a copy of the file; PostgreSQL: copied by
 * import-db's copy), opened as an app; the ACTIVE users, spread over all, start a self-check.
 */
async function openProvince(url: string | null): Promise<{ app: App; phones: string[] }> {
  if (!provinceFile) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "xj-pgb-province-"));
    const empty = await open(null, dir);
    provinceFile = sqlitePath(empty.deps.config.databaseUrl);
    await empty.close();
    province(provinceFile);
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "xj-pgb-"));
  if (url) await copySqliteToPostgres(`file:${provinceFile}`, url, MIGRATIONS_DIR);
  else fs.copyFileSync(provinceFile, path.join(dataDir, path.basename(provinceFile)));
  const app = await open(url, dataDir);
  // As autovacuum would have done on a live database: the planner knows the tables' sizes.
  if (url) await app.database.prisma.$executeRawUnsafe("ANALYZE");
  const phones = Array.from({ length: ACTIVE }, (_, u) => phoneOf(Math.floor((u * POPULATION) / ACTIVE)));
  for (const phone of phones) await handleInboundMessage(app.deps, say(phone, "自查"));
  return { app, phones };
}

/**
 * Statements sent to PostgreSQL and serialization failures it reported, counted on every
 * connection of this process (BEGIN and COMMIT included; a failed unit's statements too).
 */
const pgCounts = { statements: 0, failures: 0 };
const query = pg.Client.prototype.query as (...args: unknown[]) => unknown;
(pg.Client.prototype as { query: unknown }).query = function (this: pg.Client, ...args: unknown[]) {
  pgCounts.statements++;
  const result = query.apply(this, args);
  if (result instanceof Promise)
    result.catch((e: { code?: string }) => {
      if (e?.code === "40001" || e?.code === "40P01") pgCounts.failures++;
    });
  return result;
};

/** Answers per second from `users` concurrent users, spread over the apps; on PostgreSQL what each answer cost. */
async function inbound(apps: App[], phones: string[], users: number, total: number): Promise<string> {
  const next = new Map<string, boolean>();
  const perUser = Math.ceil(total / users);
  const before = { ...pgCounts };
  const t0 = performance.now();
  await Promise.all(
    phones.slice(0, users).map(async (phone, u) => {
      const app = apps[u % apps.length] as App;
      for (let i = 0; i < perUser; i++) {
        const answer = !next.get(phone);
        next.set(phone, answer);
        await handleInboundMessage(app.deps, say(phone, answer ? "小餐饮" : "上一题"));
      }
    }),
  );
  const answers = perUser * users;
  const rate = `${Math.round((answers * 1000) / (performance.now() - t0))} msg/s`;
  const statements = pgCounts.statements - before.statements;
  if (statements === 0) return rate;
  const failures = (pgCounts.failures - before.failures) / answers;
  return `${rate} (${failures.toFixed(2)} serialization failures, ${(statements / answers).toFixed(1)} statements per answer)`;
}

async function benchInbound(label: string, url: string | null, instances: number): Promise<void> {
  const { app, phones } = await openProvince(url);
  const apps = [app];
  for (let i = 1; i < instances; i++) apps.push(await open(url));
  const total = quick ? 300 : 2000;
  for (const users of instances > 1 ? [16] : [1, 16])
    rows.push([`inbound answers, ${users} user(s)`, label, await inbound(apps, phones, users, total)]);
  for (const app of apps) await app.close();
}

async function benchReminders(label: string, url: string | null): Promise<void> {
  const app = await open(url);
  const count = 2000;
  const items = Array.from({ length: count }, (_, i) => ({
    key: `bench:reminder:${i}`,
    channel: "bench",
    recipient: `r${i % 200}`,
    message: { text: `提醒 ${i}`, expects: "none" as const },
  }));
  await app.deps.uow.run((s) => s.outbox.enqueue(items, clock.now()));
  const d = new Dispatcher(app.deps.uow, clock, pino({ level: "silent" }), { batchSize: 200 });
  d.register({ id: "bench", send: async () => ({ ok: true }) });
  const t0 = performance.now();
  let sent = 0;
  while (sent < count) sent += await d.drain();
  rows.push([
    "reminders sent (outbox → channel)",
    label,
    `${Math.round((count * 1000) / (performance.now() - t0))}/s`,
  ]);
  await d.stop();
  await app.close();
}

async function benchReport(): Promise<void> {
  const tickets = quick ? 10_000 : 100_000;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "xj-pgb-report-"));
  const sqlite = await open(null, dataDir);
  const file = sqlitePath(sqlite.deps.config.databaseUrl);
  await sqlite.close();
  generate(file, tickets);
  const url = await freshPg();
  const t0 = performance.now();
  await copySqliteToPostgres(`file:${file}`, url, MIGRATIONS_DIR);
  rows.push([
    `import-db copy of ${tickets} tickets' park`,
    "SQLite → PostgreSQL",
    `${Math.round(performance.now() - t0)} ms`,
  ]);
  for (const [label, app] of [
    ["SQLite", await open(null, dataDir)],
    ["PostgreSQL", await open(url)],
  ] as const) {
    let best = Number.POSITIVE_INFINITY;
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      JSON.stringify(await buildReport(app.deps, { from: "2026-07-01", to: "2026-09-30" }));
      best = Math.min(best, performance.now() - t);
    }
    rows.push([`report over ${tickets} tickets (best of 3)`, label, `${Math.round(best)} ms`]);
    await app.close();
  }
}

try {
  await benchInbound("SQLite", null, 1);
  await benchInbound("PostgreSQL, 1 instance", await freshPg(), 1);
  await benchInbound("PostgreSQL, 3 instances (one process)", await freshPg(), 3);
  await benchReminders("SQLite", null);
  await benchReminders("PostgreSQL", await freshPg());
  await benchReport();
} finally {
  for (const name of dropped) await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
}
const width = rows.reduce((w, r) => w.map((n, i) => Math.max(n, (r[i] ?? "").length)), [0, 0, 0]);
console.log(
  `PostgreSQL beside SQLite${quick ? " (quick)" : ""}: ${os.cpus().length} cores, load ${os.loadavg()[0]?.toFixed(1)}`,
);
for (const r of rows) console.log(`| ${r.map((c, i) => c.padEnd(width[i] ?? 0)).join(" | ")} |`);
process.exit(0);
