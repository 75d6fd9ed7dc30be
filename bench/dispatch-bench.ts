/**
 * The broadcast row of `npm run bench`: N reminders to N Telegram chats through the product's
 * dispatcher (`runProduct`: the real outbox, rate limits, grammY client) against the fake Bot API on
 * 127.0.0.1, once with instant answers and once with 50 ms answers. Reported: the share of
 * Telegram's 30 messages/s the dispatcher achieved, lost and duplicated messages, and the most
 * sends the API saw in any one second (overall, and once connections are warm: sends are counted
 * when they start, so the API sees them shifted by the jitter of the way there, most of all while
 * the first connections are opened).
 *
 * Baseline, run at the same time against a second fake server (its own bot): a bare loop with the
 * same limit (30 per second) and the same number of sends in flight, straight to the API, with no
 * database. The achieved rate is the steady rate after the first second's burst:
 * (N − 30) / (last send − first send), as seen by the API.
 *
 * Size: N = 10,000 (`BENCH_BROADCAST` overrides; about 6 minutes per answer time at 30/s), or 300
 * with `--quick` (about 10 s per answer time).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Api } from "grammy";
import { pino } from "pino";
import { telegramChannel } from "../src/channels/telegram/telegram-definition.ts";
import { loadConfig } from "../src/config.ts";
import { openApp, runProduct } from "../src/main.ts";
import { FakeTelegram } from "../test/support/fake-telegram.ts";

const ROOT = path.resolve(import.meta.dirname, "..");
const RATE = 30;
const IN_FLIGHT = 16;
const FIRST_CHAT = 100_000;

type Outcome = {
  /** Steady sends per second at the API after the first second. */
  rate: number;
  lost: number;
  duplicated: number;
  /** The most sends the API received in any 1,000 ms. */
  maxPerSecond: number;
  /** The same once connections are warm: windows starting 2 s after the first send. */
  warmMaxPerSecond: number;
  seconds: number;
};

/** What the fake saw: one sendMessage per chat expected, in any order. */
function outcomeOf(fake: FakeTelegram, n: number): Outcome {
  const sends = fake.calls.filter((c) => c.method === "sendMessage");
  const chats = new Map<number, number>();
  for (const s of sends)
    chats.set(Number(s.payload.chat_id), (chats.get(Number(s.payload.chat_id)) ?? 0) + 1);
  let lost = 0;
  let duplicated = 0;
  for (let i = 0; i < n; i++) {
    const got = chats.get(FIRST_CHAT + i) ?? 0;
    if (got === 0) lost++;
    else duplicated += got - 1;
  }
  const times = sends.map((s) => s.at).sort((a, b) => a - b);
  const warmFrom = (times[0] ?? 0) + 2_000;
  let maxPerSecond = 0;
  let warmMaxPerSecond = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while ((times[i] ?? 0) - (times[j] ?? 0) >= 1_000) j++;
    maxPerSecond = Math.max(maxPerSecond, i - j + 1);
    if ((times[j] ?? 0) >= warmFrom) warmMaxPerSecond = Math.max(warmMaxPerSecond, i - j + 1);
  }
  const span = ((times.at(-1) ?? 0) - (times[0] ?? 0)) / 1000;
  return {
    rate: span > 0 ? (times.length - RATE) / span : 0,
    lost,
    duplicated,
    maxPerSecond,
    warmMaxPerSecond,
    seconds: span,
  };
}

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error("broadcast benchmark timed out");
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** N reminders through `runProduct` on a fresh database. */
async function throughProduct(fake: FakeTelegram, n: number): Promise<Outcome> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "xunjian-dispatch-bench-"));
  const config = loadConfig({
    DATA_DIR: dataDir,
    PROMPTS_DIR: path.join(ROOT, "prompts"),
    RULES_DIR: path.join(ROOT, "rules"),
    LOG_LEVEL: "silent",
    DEMO_SEED: "false",
    SCHEDULER_ENABLED: "false",
    TELEGRAM_BOT_TOKEN: fake.token,
    TELEGRAM_API_ROOT: fake.apiRoot,
  });
  const app = await openApp(config, { log: pino({ level: "silent" }) });
  const now = app.deps.clock.now();
  await app.deps.uow.run((s) =>
    s.outbox.enqueueNew(
      Array.from({ length: n }, (_, i) => ({
        key: `bench:broadcast:${i}`,
        channel: "telegram",
        recipient: String(FIRST_CHAT + i),
        message: { text: `【节前安全自查】提醒 ${i}：请在截止日期前完成自查。`, expects: "none" as const },
      })),
      now,
    ),
  );
  const product = await runProduct(app, {
    channels: { registry: [telegramChannel({ pollTimeoutSeconds: 1 })] },
  });
  const sent = () => fake.calls.filter((c) => c.method === "sendMessage").length;
  try {
    await waitFor(() => sent() >= n, ((n / RATE) * 4 + 60) * 1000);
    // Anything sent twice would show up shortly after the last first send.
    await new Promise((r) => setTimeout(r, 1_500));
  } finally {
    await product.stop();
  }
  const outcome = outcomeOf(fake, n);
  const marked = await app.database.prisma.outboxMessage.count({ where: { status: "sent" } });
  await app.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  return { ...outcome, lost: Math.max(outcome.lost, n - marked) };
}

/** The baseline: the same limit and sends in flight, straight to the API, no database. */
async function bareLoop(fake: FakeTelegram, n: number): Promise<Outcome> {
  const api = new Api(fake.token, { apiRoot: fake.apiRoot });
  const window: number[] = [];
  const inFlight = new Set<Promise<unknown>>();
  for (let i = 0; i < n; i++) {
    for (;;) {
      const now = Date.now();
      while (window.length > 0 && (window[0] ?? 0) <= now - 1_000) window.shift();
      if (window.length < RATE) break;
      await new Promise((r) => setTimeout(r, (window[0] ?? now) + 1_000 - now));
    }
    while (inFlight.size >= IN_FLIGHT) await Promise.race(inFlight);
    window.push(Date.now());
    const text = `【节前安全自查】提醒 ${i}：请在截止日期前完成自查。`;
    // A network error is tried once more, as any sender would (the API never saw it).
    const send: Promise<unknown> = api
      .sendMessage(FIRST_CHAT + i, text)
      .catch(() => api.sendMessage(FIRST_CHAT + i, text))
      .finally(() => inFlight.delete(send));
    inFlight.add(send);
  }
  await Promise.all(inFlight);
  return outcomeOf(fake, n);
}

/** Runs the broadcast rows and returns them as printable text. */
export async function benchDispatch(argv: readonly string[] = process.argv): Promise<string> {
  const quick = argv.includes("--quick");
  const n = Number(process.env.BENCH_BROADCAST ?? (quick ? 300 : 10_000));
  const lines = [
    `\nBroadcast benchmark: ${n} reminders to ${n} Telegram chats, fake Bot API on 127.0.0.1 (allowed: ${RATE}/s)\n`,
  ];
  const pct = (rate: number) => `${((rate / RATE) * 100).toFixed(1)}%`;
  for (const delayMs of [0, 50]) {
    const product = await FakeTelegram.start();
    const bare = await FakeTelegram.start();
    product.answerDelayMs = delayMs;
    bare.answerDelayMs = delayMs;
    try {
      const [p, b] = await Promise.all([throughProduct(product, n), bareLoop(bare, n)]);
      const answers = delayMs === 0 ? "instant answers" : `${delayMs} ms answers`;
      lines.push(
        `dispatcher (runProduct), ${answers.padEnd(16)} ${p.rate.toFixed(2).padStart(6)}/s = ${pct(p.rate).padStart(6)} of allowed  lost ${p.lost}  duplicated ${p.duplicated}  max ${p.maxPerSecond} in any 1 s (${p.warmMaxPerSecond} once warm)  (${p.seconds.toFixed(1)} s)`,
        `baseline: bare loop, ${String(IN_FLIGHT).padStart(2)} in flight   ${b.rate.toFixed(2).padStart(6)}/s = ${pct(b.rate).padStart(6)} of allowed  lost ${b.lost}  duplicated ${b.duplicated}  max ${b.maxPerSecond} in any 1 s (${b.warmMaxPerSecond} once warm)  (${b.seconds.toFixed(1)} s)`,
      );
    } finally {
      await product.close();
      await bare.close();
    }
  }
  return `${lines.join("\n")}\n`;
}
