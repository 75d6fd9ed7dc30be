import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildReport } from "../../src/app/report/build-report.ts";
import { shanghaiDateTime } from "../../src/domain/calendar/local-date.ts";
import { seedDemoIfEmpty } from "../../src/seed/seed-demo.ts";
import { createTestApp, DEMO, type TestApp } from "../support/test-app.ts";
import { consoleOf, signedIn } from "./web-fixtures.ts";

const FROM = "2026-09-01";
const TO = "2026-11-29";
const PERIOD = `/dashboard?period=custom&from=${FROM}&to=${TO}`;

/** The report figures a 总览 shows, by key, as the page carries them. */
function figuresIn(html: string): Record<string, unknown> {
  return Object.fromEntries(
    [...html.matchAll(/data-figure="([^"]+)" data-value="([^"]*)"/g)].map((m) => [
      m[1],
      JSON.parse((m[2] ?? "").replaceAll("&quot;", '"')),
    ]),
  );
}

describe("the 总览 of a grid worker shows his grids' figures, of a head his enterprise's", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp({ seed: false, at: "2026-11-29T20:00:00+08:00" });
    await seedDemoIfEmpty(app.deps, { history: true });
  }, 90_000);
  afterAll(async () => app.close());

  /** What the report counts for a set of enterprises, counted straight from the rows. */
  async function counted(enterpriseIds: string[]) {
    const since = shanghaiDateTime(FROM, "00:00");
    const before = shanghaiDateTime("2026-11-30", "00:00");
    const inPeriod = { gte: since, lt: before };
    const where = { enterpriseId: { in: enterpriseIds }, foundAt: inPeriod };
    return {
      hazardsFound: await app.db.ticket.count({ where }),
      major: await app.db.ticket.count({ where: { ...where, grade: "major" } }),
      selfChecksSubmitted: await app.db.selfCheckRun.count({
        where: { enterpriseId: { in: enterpriseIds }, status: "submitted", submittedAt: inPeriod },
      }),
    };
  }

  it("equals `report --format json` for the admin, the whole park", async () => {
    const admin = await signedIn(consoleOf(app), app, DEMO.admin);
    const report = await buildReport(app.deps, { from: FROM, to: TO });
    const shown = figuresIn((await admin.get(PERIOD)).html);
    expect(Object.keys(shown).length).toBe(8);
    for (const [k, v] of Object.entries(shown))
      expect(v, k).toEqual(report.totals[k as keyof typeof report.totals]);
  });

  it("gives a grid worker the figures of the enterprises of his grids only", async () => {
    const enterprises = await app.db.enterprise.findMany({ where: { gridId: "g3" } });
    const expected = await counted(enterprises.map((e) => e.id));
    expect(expected.hazardsFound).toBeGreaterThan(0);
    const worker = await signedIn(consoleOf(app), app, DEMO.gridWorkerG3);
    const page = await worker.get(PERIOD);
    expect(page.status).toBe(200);
    const shown = figuresIn(page.html);
    expect(shown).toMatchObject(expected);
    const park = await buildReport(app.deps, { from: FROM, to: TO });
    expect(shown.hazardsFound).toBeLessThan(park.totals.hazardsFound);
  });

  it("gives an enterprise head the figures of his own enterprise", async () => {
    // A head whose enterprise did its self-check in the period and has hazards on its ledger.
    const run = await app.db.selfCheckRun.findFirstOrThrow({
      where: { status: "submitted", enterprise: { tickets: { some: {} } } },
      orderBy: { submittedAt: "desc" },
    });
    const head = await app.db.person.findFirstOrThrow({
      where: { enterpriseId: run.enterpriseId, role: "enterprise_head" },
    });
    const expected = await counted([run.enterpriseId]);
    expect(expected.selfChecksSubmitted).toBeGreaterThan(0);
    const client = await signedIn(consoleOf(app), app, head.phone);
    expect(figuresIn((await client.get(PERIOD)).html)).toMatchObject(expected);
  });
});
