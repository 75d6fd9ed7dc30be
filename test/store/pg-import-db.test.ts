import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildReport } from "../../src/app/report/build-report.ts";
import { seedCampaigns, seedScenario } from "../app/report/report-scenario.ts";
import { createPgDatabase, TEST_PG_URL } from "../support/pg.ts";
import { runCli } from "../support/run-cli.ts";
import { createTestApp, DEMO } from "../support/test-app.ts";

const AT = "2026-10-10T09:00:00+08:00";
const PERIOD = { from: "2026-09-01", to: "2026-09-30" };

describe.skipIf(!TEST_PG_URL)("moving a SQLite park into PostgreSQL (`xunjian import-db`)", () => {
  const drops: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const drop of drops) await drop();
  });

  it("copies every row, so the report, the chats and new writes carry on as before", async () => {
    // A park on SQLite with tickets, self-checks, campaigns and chats.
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "xunjian-sqlite-park-"));
    const file = path.join(dataDir, "xunjian.db");
    const park = await createTestApp({ at: AT, dataDir, env: { DATABASE_URL: `file:${file}` } });
    await seedScenario(park);
    await seedCampaigns(park);
    const expected = await buildReport(park.deps, PERIOD);
    const counts = {
      tickets: await park.db.ticket.count(),
      events: await park.db.ticketEvent.count(),
      people: await park.db.person.count(),
      outbox: await park.db.outboxMessage.count(),
      identities: await park.db.channelIdentity.count(),
    };
    await park.close();

    const db = await createPgDatabase({ migrated: false });
    drops.push(db.drop);
    const copy = await runCli(["import-db", file, "--json"], { DATABASE_URL: db.url, DATA_DIR: dataDir });
    expect(copy.code, copy.err).toBe(0);
    const copied = JSON.parse(copy.out) as { tables: { table: string; rows: number }[] };
    expect(copied.tables.find((t) => t.table === "Ticket")?.rows).toBe(counts.tickets);

    const moved = await createTestApp({ at: AT, dataDir, seed: false, env: { DATABASE_URL: db.url } });
    try {
      expect(moved.config.databaseUrl).toBe(db.url);
      expect({
        tickets: await moved.db.ticket.count(),
        events: await moved.db.ticketEvent.count(),
        people: await moved.db.person.count(),
        outbox: await moved.db.outboxMessage.count(),
        identities: await moved.db.channelIdentity.count(),
      }).toEqual(counts);
      const report = await buildReport(moved.deps, PERIOD);
      expect({ ...report, generatedAt: expected.generatedAt }).toEqual(expected);
      // The park works on: a chat, and a second copy into the same database is refused.
      const replies = await moved.chat(DEMO.chemicalsHead).say("帮助");
      expect(replies.length).toBeGreaterThan(0);
      const again = await runCli(["import-db", file], { DATABASE_URL: db.url, DATA_DIR: dataDir });
      expect(again.code).not.toBe(0);
      expect(again.out + again.err).toContain("not empty");
    } finally {
      await moved.close();
    }
  }, 180_000);
});
