import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pino } from "pino";
import { ConsoleSession } from "../../src/channels/console/console-session.ts";
import { type Config, loadConfig } from "../../src/config.ts";
import { FixedClock } from "../../src/domain/clock.ts";
import { type App, openApp } from "../../src/main.ts";
import { seedDemoIfEmpty } from "../../src/seed/seed-demo.ts";
import { createPgDatabase, dropAfterFile, onPostgres, rememberDatabase } from "./pg.ts";

export const ROOT = path.resolve(import.meta.dirname, "../..");
export const FIXTURES = path.join(ROOT, "test", "fixtures");

/** A temporary content tree: the real messages and demo park, with the given checklists and rules. */
export function contentDir(files: { checklists?: Record<string, string>; rules?: Record<string, string> }): {
  promptsDir: string;
  rulesDir: string;
} {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "xunjian-content-"));
  const promptsDir = path.join(dir, "prompts");
  const rulesDir = path.join(dir, "rules");
  fs.mkdirSync(path.join(promptsDir, "checklists"), { recursive: true });
  fs.mkdirSync(rulesDir);
  // Everything but the checklists is the shipped content.
  for (const entry of fs.readdirSync(path.join(ROOT, "prompts"))) {
    if (entry === "checklists") continue;
    fs.cpSync(path.join(ROOT, "prompts", entry), path.join(promptsDir, entry), { recursive: true });
  }
  for (const [name, text] of Object.entries(files.checklists ?? {}))
    fs.writeFileSync(path.join(promptsDir, "checklists", name), text);
  for (const [name, text] of Object.entries(files.rules ?? {}))
    fs.writeFileSync(path.join(rulesDir, name), text);
  return { promptsDir, rulesDir };
}

/** The fixture content with one checklist of every question kind. */
export function kindsContent() {
  return contentDir({
    checklists: { "kinds.yaml": fs.readFileSync(path.join(FIXTURES, "kinds-checklist.yaml"), "utf8") },
    rules: {
      "kinds.json": fs.readFileSync(path.join(FIXTURES, "kinds-rules.json"), "utf8"),
      // The shipped deadline and report rules apply to every checklist.
      "ticket-sweep.json": fs.readFileSync(path.join(ROOT, "rules", "ticket-sweep.json"), "utf8"),
      "grid-report.json": fs.readFileSync(path.join(ROOT, "rules", "grid-report.json"), "utf8"),
    },
  });
}

export type TestApp = App & {
  /** The ORM client, to arrange and inspect rows in tests (product code goes through stores). */
  db: App["database"]["prisma"];
  clock: FixedClock;
  config: Config;
  dataDir: string;
  chat(phone: string): ConsoleSession;
  reopen(): Promise<TestApp>;
};

/** A PostgreSQL database of a test app, kept across `reopen()`, dropped after the test file. */
type PgDatabase = { url: string; drop(): Promise<void> };

/**
 * The real app on a fresh temporary SQLite file with the real migrations and the demo park,
 * with a fixed clock. `reopen()` simulates a restart on the same database. With
 * `TEST_DATABASE=postgres` (see test/support/pg.ts) the database is a fresh PostgreSQL database
 * copied from the migrated template instead, dropped after the test file (a CLI run on the same
 * DATA_DIR opens it too: see run-cli.ts).
 */
export async function createTestApp(
  options: {
    promptsDir?: string;
    rulesDir?: string;
    at?: string;
    seed?: boolean;
    dataDir?: string;
    env?: Record<string, string>;
    /** The PostgreSQL database to reopen (set by `reopen()`). */
    pg?: PgDatabase;
  } = {},
): Promise<TestApp> {
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), "xunjian-test-"));
  const pg = options.pg ?? (onPostgres && !options.env?.DATABASE_URL ? await createPgDatabase() : undefined);
  if (pg && !options.pg) {
    dropAfterFile(pg.drop);
    rememberDatabase(dataDir, pg.url);
  }
  const config = loadConfig({
    DATA_DIR: dataDir,
    PROMPTS_DIR: options.promptsDir ?? path.join(ROOT, "prompts"),
    RULES_DIR: options.rulesDir ?? path.join(ROOT, "rules"),
    ...(pg ? { DATABASE_URL: pg.url } : {}),
    ...options.env,
  });
  const clock = new FixedClock(new Date(options.at ?? "2026-09-24T09:00:00+08:00"));
  const app = await openApp(config, { clock, log: pino({ level: "silent" }) });
  if (options.seed !== false) await seedDemoIfEmpty(app.deps);
  const sessions: ConsoleSession[] = [];
  return {
    ...app,
    db: app.database.prisma,
    clock,
    config,
    dataDir,
    chat(phone) {
      const s = new ConsoleSession(app.deps, app.dispatcher("plain"), phone);
      sessions.push(s);
      return s;
    },
    async close() {
      for (const s of sessions) await s.close();
      await app.close();
    },
    async reopen() {
      for (const s of sessions) await s.close();
      await app.close();
      const { promptsDir, rulesDir } = { promptsDir: config.promptsDir, rulesDir: config.rulesDir };
      const next = await createTestApp({ ...options, promptsDir, rulesDir, dataDir, seed: false, pg });
      next.clock.set(clock.now());
      return next;
    },
  };
}

/** Demo phones used across tests. */
export const DEMO = {
  chemicalsHead: "13900000001",
  smallVenueHead: "13900000024",
  gridWorkerG3: "13800000002",
  leaderDistrict: "13700000001",
  leaderPark: "13700000002",
  admin: "13600000001",
} as const;

/** The texts of replies, joined, for assertions that read like the chat. */
export const texts = (ms: { text: string }[]) => ms.map((m) => m.text).join("\n---\n");
