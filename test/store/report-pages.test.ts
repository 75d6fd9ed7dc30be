import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type ReportFilter, ReportStore } from "../../src/store/report-store.ts";
import { Sql } from "../../src/store/sql.ts";
import { at, E, factories, seedScenario } from "../app/report/report-scenario.ts";
import { onPostgres } from "../support/pg.ts";
import { createTestApp, type TestApp } from "../support/test-app.ts";

/**
 * The SQLite report store reads tickets and events a page of JSON at a time: read in pages of one,
 * two or three rows, every variant (all tickets scanned, a short period looked up through the
 * found-at index, narrowed to an area or an industry, events scanned or looked up) must give the
 * rows one page gives, ties of found-at across a page boundary included.
 */
describe.skipIf(onPostgres)("report rows read in pages", () => {
  let app: TestApp;

  beforeEach(async () => {
    app = await createTestApp();
    await seedScenario(app);
    // A long history before the period, so September is a short period looked up through the index,
    // with three tickets found at the same instant (a tie across pages of one or two rows).
    const f = factories(app);
    for (let i = 0; i < 30; i++)
      await f.ticket({
        number: `YH-2025-${String(i + 1).padStart(6, "0")}`,
        enterprise: i % 2 ? E.hc1 : E.cp1,
        source: "grid_report",
        grade: i % 3 ? "general" : "major",
        status: "closed",
        foundAt: i < 3 ? "2025-03-01 09:00" : `2025-04-${String((i % 28) + 1).padStart(2, "0")} 10:00`,
        deadline: "2025-05-01 23:59",
        closedAt: "2025-04-30 10:00",
        events: [{ kind: "passed", at: "2025-04-30 10:00" }],
      });
  });
  afterEach(async () => {
    await app.close();
  });

  const storeOf = (pageRows?: number) => new ReportStore(app.db, new Sql(app.database.connection), pageRows);
  const read = async (store: ReportStore, filter: ReportFilter) => {
    const rows = await store.figuresRows(filter);
    return { ...rows, tickets: [...rows.tickets] };
  };
  const filters: Record<string, ReportFilter> = {
    everything: { area: null, industry: null, since: null, before: null },
    september: { area: null, industry: null, since: at("2026-09-01 00:00"), before: at("2026-10-01 00:00") },
    "march 2025 (a tie of three)": {
      area: null,
      industry: null,
      since: at("2025-03-01 00:00"),
      before: at("2025-04-01 00:00"),
    },
    "an industry": { area: null, industry: "crowded_places", since: null, before: null },
    "an area, September": {
      area: "s2",
      industry: null,
      since: at("2026-09-01 00:00"),
      before: at("2026-10-01 00:00"),
    },
  };

  it("gives the same rows whatever the page size", async () => {
    for (const [name, filter] of Object.entries(filters)) {
      const whole = await read(storeOf(), filter);
      expect(whole.tickets.length, name).toBeGreaterThan(0);
      for (const pageRows of [1, 2, 3])
        expect(await read(storeOf(pageRows), filter), `${name}, pages of ${pageRows}`).toEqual(whole);
    }
  });

  it("gives the same rows when events are looked up ticket by ticket", async () => {
    // Many other events: a short period's events are now looked up through its tickets.
    const t7 = await app.db.ticket.findUniqueOrThrow({ where: { number: "YH-2026-000007" } });
    await app.db.ticketEvent.createMany({
      data: Array.from({ length: 200 }, () => ({
        ticketId: t7.id,
        kind: "notified",
        at: at("2026-08-31 23:59"),
      })),
    });
    const filter = filters.september as ReportFilter;
    const whole = await read(storeOf(), filter);
    expect(whole.tickets.find((t) => t.number === "YH-2026-000001")?.events).toEqual([
      { kind: "returned", at: at("2026-09-22 10:00").getTime() },
      { kind: "passed", at: at("2026-09-24 10:00").getTime() },
    ]);
    for (const pageRows of [1, 2]) expect(await read(storeOf(pageRows), filter)).toEqual(whole);
  });

  it("reads instants as the epoch milliseconds of the stored instants, sources and grades as stored", async () => {
    const { tickets, runs } = await read(storeOf(2), filters.everything as ReportFilter);
    const stored = await app.db.ticket.findMany();
    const key = (t: { enterpriseId: string; source: string; grade: string; foundAt: number }) =>
      `${t.enterpriseId} ${t.source} ${t.grade} ${t.foundAt}`;
    const expected = stored.map((s) => ({
      enterpriseId: s.enterpriseId,
      source: s.source,
      grade: s.grade,
      foundAt: s.foundAt.getTime(),
      deadline: s.deadline.getTime(),
      closedAt: s.closedAt?.getTime() ?? null,
      // Number and title are read for major hazards alone.
      number: s.grade === "major" ? s.number : null,
      title: s.grade === "major" ? s.title : null,
    }));
    const sorted = <T extends Parameters<typeof key>[0]>(xs: T[]) =>
      xs.sort((a, b) => key(a).localeCompare(key(b)));
    expect(sorted(tickets.map(({ events: _, ...t }) => t))).toEqual(sorted(expected));
    const submitted = await app.db.selfCheckRun.findMany({ where: { status: "submitted" } });
    expect(runs.map((r) => r.submittedAt).sort()).toEqual(
      submitted.map((r) => r.submittedAt?.getTime()).sort(),
    );
  });
});
