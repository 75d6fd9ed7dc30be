/**
 * `npm run bench:pg [-- --quick]`: the same work on SQLite and on PostgreSQL, in the same run.
 * PostgreSQL at BENCH_PG_URL (or TEST_PG_URL), a server where the user may create databases, e.g.
 * `scripts/pg-test-cluster.sh -- npm run bench:pg`. Each row gets a fresh database, dropped after.
 *
 * - inbound answers through `handleInboundMessage` (the chat entry), 1 and 16 concurrent users; on
 *   PostgreSQL also three apps ("instances") on one database in this process, the users split;
 * - reminders sent: 2,000 outbox rows drained by the dispatcher to a channel that answers at once;
 * - the report (`buildReport`) over a generated district (100,000 tickets; 10,000 with --quick),
 *   moved to PostgreSQL with `import-db`'s copy (timed too).
 */
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
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

/** 64 console users bound to small shops, each in a self-check (as in bench/inbound-bench.ts). */
async function seedChatters(app: App): Promise<string[]> {
  const db = app.database.prisma;
  const phones = Array.from({ length: 64 }, (_, i) => `1390000${String(i).padStart(4, "0")}`);
  await db.area.create({ data: { id: "p1", name: "园区", kind: "park" } });
  for (const [i, phone] of phones.entries()) {
    await db.enterprise.create({
      data: {
        id: `e${i}`,
        creditCode: `PGB${String(i).padStart(15, "0")}`,
        name: `小店${i}`,
        industry: "small_venues",
        areaId: "p1",
      },
    });
    await db.person.create({
      data: {
        id: `p${i}`,
        name: `店主${i}`,
        phone,
        role: "enterprise_head",
        enterpriseId: `e${i}`,
        identities: { create: [{ channel: "console", externalId: phone, boundAt: clock.now() }] },
      },
    });
  }
  for (const phone of phones) await handleInboundMessage(app.deps, say(phone, "自查"));
  return phones;
}

const say = (phone: string, text: string): InboundMessage => ({
  channel: "console",
  senderId: phone,
  platformMessageId: randomUUID(),
  text,
  attachments: [],
  receivedAt: clock.now(),
});

/** Answers per second from `users` concurrent users, spread over the apps. */
async function inbound(apps: App[], phones: string[], users: number, total: number): Promise<number> {
  const next = new Map<string, boolean>();
  const perUser = Math.ceil(total / users);
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
  return (perUser * users * 1000) / (performance.now() - t0);
}

async function benchInbound(label: string, url: string | null, instances: number): Promise<void> {
  const apps = [await open(url)];
  const phones = await seedChatters(apps[0] as App);
  for (let i = 1; i < instances; i++) apps.push(await open(url));
  const total = quick ? 300 : 2000;
  for (const users of instances > 1 ? [16] : [1, 16])
    rows.push([
      `inbound answers, ${users} user(s)`,
      label,
      `${Math.round(await inbound(apps, phones, users, total))} msg/s`,
    ]);
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
