import { afterEach, describe, expect, it } from "vitest";
import { seedScenario } from "../app/report/report-scenario.ts";
import { createTestApp, type TestApp } from "../support/test-app.ts";

// Runs on SQLite and, with TEST_DATABASE=postgres, on PostgreSQL: the same answers on both.
describe("searching tickets and enterprises by text", () => {
  let app: TestApp;
  afterEach(async () => app?.close());

  it("ignores the case of Latin letters, as office staff type them", async () => {
    app = await createTestApp({ at: "2026-10-10T09:00:00+08:00" });
    await seedScenario(app);
    const ticket = await app.db.ticket.findFirstOrThrow({ orderBy: { number: "asc" } });
    const all = { kind: "all" } as const;
    const found = await app.deps.uow.read((s) =>
      s.tickets.numbersMatching(all, { text: ticket.number.toLowerCase() }),
    );
    expect([...found]).toContain(ticket.number);
    const upper = await app.deps.uow.read((s) => s.tickets.numbersMatching(all, { text: ticket.number }));
    expect([...found].sort()).toEqual([...upper].sort());
  });
});
