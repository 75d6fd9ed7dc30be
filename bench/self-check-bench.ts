import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { pino } from "pino";
import { ConsoleSession } from "../src/channels/console/console-session.ts";
import { loadConfig } from "../src/config.ts";
import { loadContent } from "../src/content/load-content.ts";
import { FixedClock } from "../src/domain/clock.ts";
import { beginSelfCheck, stepSelfCheck } from "../src/domain/self-check/self-check-flow.ts";
import { openApp } from "../src/main.ts";
import { seedDemoIfEmpty } from "../src/seed/seed-demo.ts";

const ROOT = path.resolve(import.meta.dirname, "..");
const PHOTO = path.join(ROOT, "test", "fixtures", "exit-blocked.png");

/** The lines a small-venue head types for a whole self-check with two hazards. */
const SCRIPT = [
  "自查",
  "小餐饮",
  "lpg",
  "否",
  `/photo ${PHOTO}`,
  "完成",
  "后厨没装燃气报警器",
  "1",
  "1",
  "无",
  "4",
  "1",
  "1",
  "否",
  `/photo ${PHOTO}`,
  "完成",
  "后门堵住",
  "1",
  "是",
  "是",
  `/photo ${PHOTO}`,
  "完成",
  "跳过",
];

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? 0;
  return {
    n: s.length,
    mean: s.reduce((a, b) => a + b, 0) / s.length,
    p50: q(0.5),
    p95: q(0.95),
    max: s.at(-1) ?? 0,
  };
};

/**
 * One full self-check end to end through the console channel (inbound transaction, rules,
 * tickets, outbox, dispatch), against the same conversation run by the pure flow alone.
 */
export async function benchSelfCheck(rounds = 20): Promise<Record<string, unknown>> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "xunjian-bench-"));
  const config = loadConfig({ DATA_DIR: dataDir });
  const app = await openApp(config, {
    clock: new FixedClock(new Date("2026-09-24T09:00:00+08:00")),
    log: pino({ level: "silent" }),
  });
  await seedDemoIfEmpty(app.deps);
  const perMessage: number[] = [];
  const perCheck: number[] = [];
  for (let r = 0; r < rounds; r++) {
    // Each round is another enterprise head, so every run opens new tickets.
    const session = new ConsoleSession(
      app.deps,
      app.dispatcher("plain"),
      `139000000${String(24 + (r % 7)).padStart(2, "0")}`,
    );
    const started = performance.now();
    for (const line of SCRIPT) {
      const t = performance.now();
      await session.say(line);
      perMessage.push(performance.now() - t);
    }
    const receipt = await session.say("提交");
    perCheck.push(performance.now() - started);
    // A benchmark of a conversation that went astray measures nothing: insist on the receipt.
    if (!receipt.some((m) => m.text.includes("登记隐患")))
      throw new Error(`round ${r} did not submit: ${receipt[0]?.text}`);
    await session.close();
    await app.database.prisma.ticket.updateMany({ data: { status: "closed" } });
  }
  await app.close();

  // Baseline: the same number of flow steps with no database, no rules, no outbox.
  const content = loadContent(config.promptsDir, config.rulesDir);
  if (!content.ok) throw new Error("content invalid");
  const checklist = content.content.checklists.find((c) => c.id === "small-venues-holiday");
  if (!checklist) throw new Error("no small-venues checklist");
  const ctx = { checklist, texts: content.content.texts };
  const pure: number[] = [];
  for (let r = 0; r < rounds * 10; r++) {
    const t = performance.now();
    let state = beginSelfCheck(ctx, "run");
    for (const line of SCRIPT.slice(1)) {
      const photo = line.startsWith("/photo");
      const command = content.content.texts.command(line)?.key;
      state = stepSelfCheck(ctx, state, {
        ...(command ? { command } : photo ? {} : { text: line }),
        photoIds: photo ? ["p"] : [],
      }).state;
    }
    pure.push(performance.now() - t);
  }
  return {
    "full self-check via console (ms)": stats(perCheck),
    "one inbound message via console (ms)": stats(perMessage),
    "baseline: pure flow, whole checklist (ms)": stats(pure),
    messagesPerCheck: SCRIPT.length + 1,
  };
}
