/**
 * Inbound messages through `handleInboundMessage` (the one entry of every chat message): throughput
 * at 1, 8 and 64 concurrent users, latency at a steady offered rate, and statements per message;
 * against raw better-sqlite3 doing the irreducible part (insert the message, update the chat, insert
 * the reply) in one transaction per message, on the same schema in the same run.
 */
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import Database from "better-sqlite3";
import { pino } from "pino";
import { handleInboundMessage } from "../src/app/handle-inbound-message.ts";
import { loadConfig } from "../src/config.ts";
import { FixedClock } from "../src/domain/clock.ts";
import type { InboundMessage } from "../src/domain/messages.ts";
import { openApp } from "../src/main.ts";
import { sqlitePath } from "../src/store/migrate.ts";

const ROOT = path.resolve(import.meta.dirname, "..");
const USERS = 64;

type Row = [string, string, string, string];

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? 0;
};

/** Runs the inbound benchmark and returns its printed rows. */
export async function benchInbound(quick: boolean): Promise<Row[]> {
  const total = quick ? 400 : 3000;
  const offeredSeconds = quick ? 2 : 5;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "xunjian-inbound-bench-"));
  const config = loadConfig({
    DATA_DIR: dataDir,
    PROMPTS_DIR: path.join(ROOT, "prompts"),
    RULES_DIR: path.join(ROOT, "rules"),
    LOG_LEVEL: "silent",
  });
  const clock = new FixedClock(new Date("2026-09-24T09:00:00+08:00"));
  const app = await openApp(config, { clock, log: pino({ level: "silent" }) });
  const db = app.database.prisma;
  const phones = Array.from({ length: USERS }, (_, i) => `1390000${String(i).padStart(4, "0")}`);
  await db.area.create({ data: { id: "p1", name: "园区", kind: "park" } });
  await db.enterprise.createMany({
    data: phones.map((_, i) => ({
      id: `e${i}`,
      creditCode: `INBOUND${String(i).padStart(11, "0")}`,
      name: `小店${i}`,
      industry: "small_venues",
      areaId: "p1",
    })),
  });
  for (const [i, phone] of phones.entries())
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

  const say = (phone: string, text: string): InboundMessage => ({
    channel: "console",
    senderId: phone,
    platformMessageId: randomUUID(),
    text,
    attachments: [],
    receivedAt: clock.now(),
  });
  for (const phone of phones) await handleInboundMessage(app.deps, say(phone, "自查"));
  // Each user answers the first question and goes back to it, so every message changes the chat's state.
  const next = new Map<string, boolean>();
  const message = (phone: string) => {
    const answer = !next.get(phone);
    next.set(phone, answer);
    return say(phone, answer ? "小餐饮" : "上一题");
  };

  const rows: Row[] = [];
  const ms = (x: number) => `${x.toFixed(1)} ms`;
  for (const users of [1, 8, 64]) {
    const latencies: number[] = [];
    const perUser = Math.ceil(total / users);
    const t0 = performance.now();
    await Promise.all(
      phones.slice(0, users).map(async (phone) => {
        for (let i = 0; i < perUser; i++) {
          const t = performance.now();
          await handleInboundMessage(app.deps, message(phone));
          latencies.push(performance.now() - t);
        }
      }),
    );
    const took = performance.now() - t0;
    rows.push([
      `inbound answers, ${users} concurrent user(s)`,
      `${Math.round((latencies.length * 1000) / took)} msg/s`,
      `p50 ${ms(percentile(latencies, 0.5))}`,
      `p99 ${ms(percentile(latencies, 0.99))}`,
    ]);
  }

  // A steady offered load: 200 messages a second from 64 users, whatever the answers' speed.
  const offered = 200;
  const latencies: number[] = [];
  const pending: Promise<void>[] = [];
  const start = performance.now();
  for (let i = 0; i < offered * offeredSeconds; i++) {
    const due = start + (i * 1000) / offered;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const phone = phones[i % USERS] ?? "";
    const sent = performance.now();
    pending.push(
      handleInboundMessage(app.deps, message(phone)).then(
        () => void latencies.push(performance.now() - sent),
      ),
    );
  }
  await Promise.all(pending);
  rows.push([
    `inbound at ${offered} msg/s offered for ${offeredSeconds} s`,
    `done in ${((performance.now() - start) / 1000).toFixed(2)} s`,
    `p50 ${ms(percentile(latencies, 0.5))}`,
    `p99 ${ms(percentile(latencies, 0.99))}`,
  ]);

  // Statements per message: every statement run on the connection (prepared ones and BEGIN/COMMIT).
  const connection = app.database.connection;
  let statements = 0;
  const proto = Object.getPrototypeOf(connection.prepare("SELECT 1")) as Record<string, unknown>;
  const originals = new Map<string, unknown>();
  for (const method of ["run", "get", "all", "iterate"]) {
    const original = proto[method] as (...args: unknown[]) => unknown;
    originals.set(method, original);
    proto[method] = function (this: unknown, ...args: unknown[]) {
      statements++;
      return original.apply(this, args);
    };
  }
  const exec = connection.exec.bind(connection);
  (connection as unknown as { exec: (sql: string) => unknown }).exec = (sql: string) => {
    statements++;
    return exec(sql);
  };
  const counted = 50;
  for (let i = 0; i < counted; i++) await handleInboundMessage(app.deps, message(phones[0] ?? ""));
  rows.push([
    "statements per inbound answer (incl. BEGIN/COMMIT)",
    `${(statements / counted).toFixed(1)}`,
    "",
    "",
  ]);
  for (const [method, original] of originals) proto[method] = original;
  (connection as unknown as { exec: typeof exec }).exec = exec;
  await app.close();

  // Baseline: the irreducible writes of a message, raw, one transaction each.
  const raw = new Database(sqlitePath(config.databaseUrl));
  raw.pragma("journal_mode = WAL");
  const insertInbound = raw.prepare(
    "INSERT INTO InboundMessage (id, channel, platformMessageId, senderExternalId, receivedAt) VALUES (?, 'console', ?, ?, ?)",
  );
  const updateChat = raw.prepare(
    "UPDATE Conversation SET state = ?, version = version + 1, updatedAt = ? WHERE channel = 'console' AND externalId = ?",
  );
  const insertReply = raw.prepare(
    "INSERT INTO OutboxMessage (id, key, channel, recipient, payload, status, attempts, nextAttemptAt, createdAt) VALUES (?, ?, 'console', ?, ?, 'pending', 0, ?, ?)",
  );
  const once = raw.transaction((phone: string) => {
    const now = new Date().toISOString();
    const id = randomUUID();
    insertInbound.run(id, id, phone, now);
    updateChat.run('{"flow":"idle"}', now, phone);
    insertReply.run(randomUUID(), `reply:${id}`, phone, '{"text":"ok","expects":"none"}', now, now);
  });
  const t0 = performance.now();
  for (let i = 0; i < total; i++) once(phones[i % USERS] ?? "");
  const rawTook = performance.now() - t0;
  raw.close();
  rows.push([
    "baseline: raw insert + update + insert per transaction",
    `${Math.round((total * 1000) / rawTook)} msg/s`,
    "",
    "",
  ]);
  fs.rmSync(dataDir, { recursive: true, force: true });
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = await benchInbound(process.argv.includes("--quick"));
  const widths = [0, 1, 2, 3].map((c) => Math.max(...rows.map((r) => (r[c] ?? "").length)));
  process.stdout.write(`Inbound benchmark, Node ${process.version}, ${os.cpus().length} cores\n\n`);
  for (const r of rows)
    process.stdout.write(
      `${r.map((c, i) => (i === 0 ? c.padEnd(widths[0] ?? 0) : c.padStart(widths[i] ?? 0))).join("  ")}\n`,
    );
}
