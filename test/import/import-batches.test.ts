import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { importFile } from "../../src/import/import-file.ts";
import { undoAbandonedImports } from "../../src/import/import-run.ts";
import { onPostgres } from "../support/pg.ts";
import { createTestApp, DEMO, ROOT, type TestApp } from "../support/test-app.ts";
import { csv, PEOPLE_HEADER, tempFile } from "./import-fixtures.ts";

/** `n` grid workers of grid g1, phones 131xxxxxxxx, one a row. */
function gridWorkers(n: number, from = 0): string[][] {
  return Array.from({ length: n }, (_, i) => [
    `网格员${from + i}`,
    `131${String(from + i).padStart(8, "0")}`,
    "网格员",
    "",
    "g1",
    "",
  ]);
}

/** The real `xunjian import people <file>` on the test app's data directory, in its own process. */
function importInAnotherProcess(
  app: TestApp,
  file: string,
): { child: ChildProcess; exited: Promise<number> } {
  const { DATABASE_URL: _db, ...env } = process.env;
  const child = spawn(process.execPath, [path.join(ROOT, "bin", "xunjian.js"), "import", "people", file], {
    cwd: ROOT,
    env: {
      ...env,
      DATA_DIR: app.dataDir,
      // The test app's database: its SQLite file in DATA_DIR, or its PostgreSQL database.
      ...(onPostgres ? { DATABASE_URL: app.config.databaseUrl } : {}),
      PROMPTS_DIR: app.config.promptsDir,
      RULES_DIR: app.config.rulesDir,
      LOG_LEVEL: "silent",
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  const exited = new Promise<number>((resolve) => child.on("exit", (code) => resolve(code ?? -1)));
  return { child, exited };
}

/** Waits until the import in the other process has committed its first batches. */
async function untilWriting(app: TestApp, before: number): Promise<number> {
  for (;;) {
    const now = await app.db.person.count();
    if (now > before) return now;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("an import written in batches", () => {
  let app: TestApp;
  afterEach(async () => app?.close());

  it("lets the bot answer a chat on another connection while 20,000 people are imported", async () => {
    app = await createTestApp();
    const before = await app.db.person.count();
    const file = tempFile("people.csv", csv([PEOPLE_HEADER, ...gridWorkers(20_000)]));
    const { exited } = importInAnotherProcess(app, file);
    await untilWriting(app, before);

    // With the import in one transaction the write lock was held until the very end: this message
    // waited for all 20,000 rows (or failed with a busy timeout). Now it gets in between two batches.
    const session = app.chat(DEMO.chemicalsHead);
    const replies = await session.say("帮助");
    const whenHandled = await app.db.person.count();
    expect(whenHandled).toBeLessThan(before + 20_000);
    // The reply is in the outbox; the console's dispatcher hands it over at its next drain.
    while (replies.length === 0) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      replies.push(...(await session.pull()));
    }
    // Handled, not turned away as busy (「系统繁忙」) after its retries.
    expect(replies.map((r) => r.text).join("\n")).toContain("您可以发送");

    expect(await exited).toBe(0);
    expect(await app.db.person.count()).toBe(before + 20_000);
    expect(await app.db.importRun.count()).toBe(0);
    expect(await app.db.importUndo.count()).toBe(0);
  }, 300_000);

  it("leaves nothing of the import when a late batch fails, updated rows back as they were", async () => {
    app = await createTestApp();
    const before = await app.db.person.count();
    const worker = await app.db.person.findUniqueOrThrow({
      where: { phone: DEMO.gridWorkerG3 },
      include: { grids: true },
    });
    // The database fails on the last row (malformed JSON in a trigger): nothing validation could see.
    if (onPostgres) {
      await app.db.$executeRawUnsafe(`CREATE FUNCTION refuse_last() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN IF NEW.phone = '13100001999' THEN PERFORM 'not json'::jsonb; END IF; RETURN NEW; END $$`);
      await app.db.$executeRawUnsafe(
        `CREATE TRIGGER refuse_last BEFORE INSERT ON "Person" FOR EACH ROW EXECUTE FUNCTION refuse_last()`,
      );
    } else
      app.database.connection.exec(`
      CREATE TRIGGER refuse_last BEFORE INSERT ON Person WHEN NEW.phone = '13100001999'
      BEGIN SELECT json('not json'); END`);
    const rows = [
      // An existing person changes name and grids: the undo must bring both back.
      ["改名网格员", DEMO.gridWorkerG3, "网格员", "", "g1", ""],
      ...gridWorkers(1_999, 1),
    ];
    const progress: number[] = [];
    const result = await importFile(
      app.deps,
      "people",
      tempFile("people.csv", csv([PEOPLE_HEADER, ...rows])),
      {
        batches: { batchRows: 100, pauseMs: 0 },
        onProgress: (done) => progress.push(done),
      },
    );

    expect(result).toMatchObject({
      ok: false,
      created: 0,
      errors: [{ row: 0, code: "import_failed", message: expect.stringContaining("已全部撤销") }],
    });
    // Batches before the failing one were committed (and undone), so this is a late failure.
    expect(progress.length).toBeGreaterThanOrEqual(19);
    expect(await app.db.person.count()).toBe(before);
    const after = await app.db.person.findUniqueOrThrow({
      where: { phone: DEMO.gridWorkerG3 },
      include: { grids: true },
    });
    expect(after.name).toBe(worker.name);
    expect(after.grids.map((g) => g.gridId).sort()).toEqual(worker.grids.map((g) => g.gridId).sort());
    expect(await app.db.importRun.count()).toBe(0);
    expect(await app.db.importUndo.count()).toBe(0);
  }, 120_000);

  it("undoes an import whose process died half-way, at the next import or start", async () => {
    app = await createTestApp();
    const before = await app.db.person.count();
    const file = tempFile("people.csv", csv([PEOPLE_HEADER, ...gridWorkers(20_000)]));
    const { child, exited } = importInAnotherProcess(app, file);
    await untilWriting(app, before);
    child.kill("SIGKILL");
    await exited;
    expect(await app.db.person.count()).toBeGreaterThan(before);
    expect(await app.db.importRun.count()).toBe(1);

    expect(await undoAbandonedImports(app.deps)).toBe(1);
    expect(await app.db.person.count()).toBe(before);
    expect(await app.db.importRun.count()).toBe(0);
    expect(await app.db.importUndo.count()).toBe(0);
  }, 300_000);
});
