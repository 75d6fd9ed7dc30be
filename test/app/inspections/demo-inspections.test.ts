import { afterEach, describe, expect, it } from "vitest";
import { periodBounds } from "../../../src/domain/statistics/report-period.ts";
import { seedDemoInspections } from "../../../src/seed/seed-inspections.ts";
import { createTestApp, type TestApp } from "../../support/test-app.ts";
import { inspectionFigures } from "./inspection-fixtures.ts";

describe("the demo park's inspections", () => {
  let app: TestApp;
  afterEach(async () => app.close());

  it("are seeded over the last months, every kind, through the chat's own recording, sending no notice", async () => {
    app = await createTestApp();
    expect(await app.db.inspection.count()).toBe(0);
    expect(await seedDemoInspections(app.deps)).toBe(21);

    const r = await inspectionFigures(app, "2026-01-01", "2026-09-24");
    expect(Object.keys(r.byKind)).toEqual([
      "daily",
      "special",
      "holiday",
      "supervision",
      "covert",
      "expert",
      "enforcement",
    ]);
    expect(r.totals).toMatchObject({
      inspections: 21,
      casesFiled: 4,
      fineYuan: 180_000,
      suspended: 2,
      sealed: 1,
    });
    expect(r.totals.hazardsFound).toBeGreaterThan(30);
    expect(r.totals.rectified).toBeGreaterThan(r.totals.rectifiedOnSpot);
    expect(r.totals.rectified).toBeLessThan(r.totals.hazardsFound);
    expect(r.totals.overdue).toBeGreaterThan(0);
    expect(Object.keys(r.byIndustry).sort()).toEqual(
      [
        "construction",
        "crowded_places",
        "hazardous_chemicals",
        "industry_trade",
        "small_venues",
        "urban_gas",
      ].sort(),
    );
    // The store narrows by the report's filters: an industry, or areas with everything below them.
    const bounds = periodBounds({ from: "2026-01-01", to: "2026-09-24" });
    const rows = (filter: { industry?: string; areaIds?: string[] }) =>
      app.deps.uow.read((s) => s.inspections.figureRows(bounds, filter));
    expect(await rows({ industry: "hazardous_chemicals" })).toHaveLength(5);
    expect(await rows({ areaIds: ["s2"] })).toHaveLength(9);
    expect(await rows({ areaIds: ["d1"] })).toHaveLength(21);

    const first = await app.db.inspection.findFirstOrThrow({ orderBy: { submittedAt: "asc" } });
    expect(first.submittedAt.toISOString() < "2026-06-10").toBe(true);
    expect(await app.db.outboxMessage.count({ where: { key: { startsWith: "inspection:" } } })).toBe(0);
    expect(await app.db.ticket.count({ where: { source: "inspection", inspectionId: null } })).toBe(0);
  });
});
