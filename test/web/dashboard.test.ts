import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildReport } from "../../src/app/report/build-report.ts";
import { createTestApp, DEMO, kindsContent, type TestApp } from "../support/test-app.ts";
import { consoleOf, MAJOR, OTHER_GRID_WORKER, P, signedIn, ticketsWithPhotos } from "./web-fixtures.ts";

describe("总览: the report's own figures, charts, and what is open now", () => {
  let app: TestApp;
  beforeEach(async () => {
    app = await createTestApp(kindsContent());
    await ticketsWithPhotos(app);
  });
  afterEach(async () => app.close());

  const figuresOf = (html: string) =>
    Object.fromEntries(
      [...html.matchAll(/data-figure="(\w+)" data-value="([^"]*)"/g)].map((m) => [
        m[1],
        JSON.parse((m[2] ?? "").replace(/&quot;/g, '"')),
      ]),
    );

  it("shows buildReport's figures for the period, area and industry chosen", async () => {
    const admin = await signedIn(consoleOf(app), app, DEMO.admin);
    const september = { from: "2026-09-01", to: "2026-09-30" };
    const expected = await buildReport(app.deps, september);
    const json = await admin.request("/dashboard/figures.json?period=custom&from=2026-09-01&to=2026-09-30");
    expect(await json.json()).toEqual(JSON.parse(JSON.stringify(expected)));
    const page = await admin.get("/dashboard?period=custom&from=2026-09-01&to=2026-09-30");
    const shown = figuresOf(page.html);
    expect(Object.keys(shown)).toHaveLength(8);
    for (const [key, value] of Object.entries(shown))
      expect(value).toEqual(expected.totals[key as keyof typeof expected.totals]);
    expect(shown.hazardsFound).toBe(2);
    // The weekly chart adds up to the report: hazards found, and of them those closed (已整改).
    const weekly = JSON.parse(
      (/id="chart-weekly" data-chart="([^"]+)"/.exec(page.html)?.[1] ?? "{}").replace(/&quot;/g, '"'),
    ) as { series: { data: number[] }[] };
    const sum = (xs: number[] | undefined) => (xs ?? []).reduce((a, b) => a + b, 0);
    expect(sum(weekly.series[0]?.data)).toBe(expected.totals.hazardsFound);
    expect(sum(weekly.series[1]?.data)).toBe(expected.totals.rectified);
    for (const chart of ["weekly", "rate-by-industry", "rate-by-area"])
      expect(page.html).toContain(`id="chart-${chart}"`);
    expect(page.html).toContain(MAJOR);

    const park = await buildReport(app.deps, { ...september, area: "p1", industry: "hazardous_chemicals" });
    const narrowed = await admin.request(
      "/dashboard/figures.json?period=custom&from=2026-09-01&to=2026-09-30&area=p1&industry=hazardous_chemicals",
    );
    expect(await narrowed.json()).toEqual(JSON.parse(JSON.stringify(park)));
    // This month is September 2026 on the test clock.
    expect(await (await admin.request("/dashboard/figures.json")).json()).toEqual(
      JSON.parse(JSON.stringify(expected)),
    );
  });

  it("a leader's figures are those of their area; a grid worker's those of his grids", async () => {
    const web = consoleOf(app);
    const leader = await signedIn(web, app, P.leader);
    const json = await leader.request("/dashboard/figures.json?period=custom&from=2026-09-01&to=2026-09-30");
    const expected = await buildReport(app.deps, { from: "2026-09-01", to: "2026-09-30", area: "p1" });
    expect(await json.json()).toEqual(JSON.parse(JSON.stringify(expected)));

    const worker = await signedIn(web, app, P.gridWorker);
    const page = await worker.get("/dashboard");
    expect(page.html).toContain("网格员为所管网格");
    expect(page.html).toContain('data-figure="open"');
    const own = await worker.request("/dashboard/figures.json?period=custom&from=2026-09-01&to=2026-09-30");
    expect(own.status).toBe(200);
    // Both tickets of the fixtures are in his grid (g3): his figures count them as the park's do.
    const figures = (r: Response) => r.json() as Promise<{ totals: { hazardsFound: number } }>;
    expect((await figures(own)).totals.hazardsFound).toBe(expected.totals.hazardsFound);
    const other = await signedIn(web, app, OTHER_GRID_WORKER);
    const none = await other.request("/dashboard/figures.json?period=custom&from=2026-09-01&to=2026-09-30");
    expect((await figures(none)).totals.hazardsFound).toBe(0);
  });

  it("the 大屏 shows the same dashboard and reloads its body", async () => {
    const admin = await signedIn(consoleOf(app), app, DEMO.admin);
    const big = await admin.get("/dashboard/big?period=month");
    expect(big.html).toContain('class="big-screen"');
    expect(big.html).toContain('hx-trigger="every 60s"');
    const body = await admin.get("/dashboard/big/body?period=month");
    expect(body.html).toContain('id="dashboard-body"');
    expect(body.html).toContain("每分钟自动刷新");
  });
});
