import ExcelJS from "exceljs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestApp, DEMO, kindsContent, type TestApp } from "../support/test-app.ts";
import {
  consoleOf,
  GENERAL,
  MAJOR,
  OTHER_GRID_WORKER,
  P,
  signedIn,
  ticketsWithPhotos,
} from "./web-fixtures.ts";

describe("the ledger in the console: filters, a page per ticket with its photos, scope as in chat", () => {
  let app: TestApp;
  beforeEach(async () => {
    app = await createTestApp(kindsContent());
    await ticketsWithPhotos(app);
  });
  afterEach(async () => app.close());

  const numbersIn = (html: string) => [...html.matchAll(/data-number="([^"]+)"/g)].map((m) => m[1]);

  it("filters by status, grade, overdue and text, and pages", async () => {
    const admin = await signedIn(consoleOf(app), app, DEMO.admin);
    expect(numbersIn((await admin.get("/ledger")).html)).toEqual([MAJOR, GENERAL]);
    expect(numbersIn((await admin.get("/ledger?status=closed")).html)).toEqual([GENERAL]);
    expect(numbersIn((await admin.get("/ledger?status=unclosed")).html)).toEqual([MAJOR]);
    expect(numbersIn((await admin.get("/ledger?grade=major")).html)).toEqual([MAJOR]);
    expect(
      numbersIn((await admin.get(`/ledger?q=${encodeURIComponent("华宁")}&source=self_check`)).html),
    ).toEqual([MAJOR, GENERAL]);
    expect((await admin.get("/ledger?industry=small_venues")).html).toContain("没有符合条件的隐患");
    expect(numbersIn((await admin.get("/ledger?overdue=1")).html)).toEqual([]);
    app.clock.advance(100 * 86_400_000);
    const later = await signedIn(consoleOf(app), app, DEMO.admin);
    expect(numbersIn((await later.get("/ledger?overdue=1")).html)).toEqual([MAJOR]);
    expect((await later.get("/ledger?from=2026-13-01")).status).toBe(400);
    // htmx asks for the results only.
    const partial = await later.request("/ledger?grade=major", { headers: { "hx-request": "true" } });
    const html = await partial.text();
    expect(html.startsWith('<div id="ledger-results">')).toBe(true);
  });

  it("exports the current filter as the XLSX ledger of the report code", async () => {
    const admin = await signedIn(consoleOf(app), app, DEMO.admin);
    const res = await admin.request("/ledger/export.xlsx?status=closed");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("spreadsheetml");
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    expect(sheet?.getRow(1).getCell(1).value).toBe("隐患编号");
    expect(sheet?.rowCount).toBe(2);
    expect(sheet?.getRow(2).getCell(1).value).toBe(GENERAL);
  });

  it("shows a ticket with its photos before and after, its events, and serves the photos", async () => {
    const worker = await signedIn(consoleOf(app), app, P.gridWorker);
    const page = await worker.get(`/tickets/${GENERAL}`);
    expect(page.status).toBe(200);
    for (const text of ["整改前照片", "整改后照片", "复查通过，销号", "华宁精细化工有限公司"])
      expect(page.html).toContain(text);
    const before = /data-photos="before"[\s\S]*?src="(\/files\/[^"]+)"/.exec(page.html)?.[1];
    const after = /data-photos="after"[\s\S]*?src="(\/files\/[^"]+)"/.exec(page.html)?.[1];
    expect(before).toBeDefined();
    expect(after).toBeDefined();
    const image = await worker.request(after ?? "");
    expect(image.status).toBe(200);
    expect(image.headers.get("content-type")).toBe("image/png");
  });

  it("refuses a grid worker another grid's ticket and its photos, as the chat does", async () => {
    const web = consoleOf(app);
    const own = await signedIn(web, app, P.gridWorker);
    const photo = /src="(\/files\/[^"]+)"/.exec((await own.get(`/tickets/${GENERAL}`)).html)?.[1] ?? "";
    const other = await signedIn(web, app, OTHER_GRID_WORKER);
    // Another grid's ticket number answers exactly like a number that does not exist.
    const refused = await other.get(`/tickets/${GENERAL}`);
    const missing = await other.get("/tickets/YH-2026-999999");
    expect(missing.status).toBe(404);
    expect(refused.status).toBe(404);
    expect(refused.html).toBe(missing.html);
    expect((await other.request(photo)).status).toBe(403);
    expect(numbersIn((await other.get("/ledger")).html)).toEqual([]);
    const head = await signedIn(web, app, P.otherHead);
    expect((await head.get(`/tickets/${MAJOR}`)).status).toBe(404);
    expect((await head.get("/campaigns")).status).toBe(403);
    expect((await head.get("/report")).status).toBe(403);
  });

  it("a leader chooses among their own areas only", async () => {
    const leader = await signedIn(consoleOf(app), app, P.leader);
    expect((await leader.get("/dashboard?area=s1")).status).toBe(403);
    expect(numbersIn((await leader.get("/ledger")).html)).toEqual([MAJOR, GENERAL]);
  });
});
