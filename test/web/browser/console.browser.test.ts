import fs from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildReport } from "../../../src/app/report/build-report.ts";
import { loginLinkForPhone } from "../../../src/app/web/login-links.ts";
import { type RunningProduct, runProduct } from "../../../src/main.ts";
import { csv, ENTERPRISE_HEADER, validCode, wrongCheck } from "../../import/import-fixtures.ts";
import { createTestApp, DEMO, FIXTURES, kindsContent, type TestApp } from "../../support/test-app.ts";
import { GENERAL, OTHER_GRID_WORKER, openCampaign, P, ticketsWithPhotos } from "../web-fixtures.ts";
import { ARTIFACTS, describeInBrowser, launchChromium, RAN_MARKER } from "./chromium.ts";

const STEP_MS = 60_000;

/** Waits until the element's text contains `text` (a page may still be loading or swapping). */
const containsText = (l: Locator, text: string) =>
  expect.poll(() => l.innerText(), { timeout: 10_000 }).toContain(text);
const hasText = (l: Locator, text: string) =>
  expect.poll(() => l.innerText(), { timeout: 10_000 }).toBe(text);
const countIs = (l: Locator, n: number) => expect.poll(() => l.count(), { timeout: 10_000 }).toBe(n);

describeInBrowser("the office console in Chromium", () => {
  let app: TestApp;
  let product: RunningProduct;
  let browser: Browser;
  let base = "";
  let campaignKey = "";
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    fs.rmSync(RAN_MARKER, { force: true });
    app = await createTestApp({
      ...kindsContent(),
      at: "2026-09-22T10:00:00+08:00",
      env: { HTTP_PORT: "0", SCHEDULER_ENABLED: "false" },
    });
    await ticketsWithPhotos(app);
    campaignKey = (await openCampaign(app)).key;
    product = await runProduct(app);
    base = product.channels.http?.url ?? "";
    browser = await launchChromium();
  }, STEP_MS);

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await product?.stop();
    await app?.close();
  });

  async function newPage(viewport = { width: 1280, height: 900 }): Promise<Page> {
    const context = await browser.newContext({ viewport, acceptDownloads: true, locale: "zh-CN" });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    page.on("pageerror", (e) => {
      throw e;
    });
    return page;
  }

  /** A page signed in as the person with this phone, by their link and the confirm button. */
  async function signedIn(phone: string, viewport?: { width: number; height: number }): Promise<Page> {
    const page = await newPage(viewport);
    const link = await loginLinkForPhone(app.deps, phone, "test");
    await page.goto(`${base}${link.path}`);
    await page.click("#confirm-login");
    await page.waitForURL(`${base}/dashboard`);
    return page;
  }

  const shot = (page: Page, name: string) =>
    page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });

  it(
    "signs in by link; a used or expired link is refused",
    async () => {
      const link = await loginLinkForPhone(app.deps, DEMO.admin, "test");
      const page = await newPage();
      await page.goto(`${base}${link.path}`);
      await shot(page, "01-login-confirm");
      await page.click("#confirm-login");
      await page.waitForURL(`${base}/dashboard`);
      await containsText(page.locator("form.who"), "冯管理（管理员）");

      const again = await newPage();
      const used = await again.goto(`${base}${link.path}`);
      expect(used?.status()).toBe(410);
      await containsText(again.locator("main"), "该登录链接已使用过");
      await shot(again, "02-login-used");

      const late = await loginLinkForPhone(app.deps, DEMO.leaderPark, "test");
      app.clock.advance(11 * 60_000);
      const expired = await again.goto(`${base}${late.path}`);
      expect(expired?.status()).toBe(410);
      await containsText(again.locator("main"), "登录链接已过期");
    },
    STEP_MS,
  );

  it(
    "shows the report's figures on the dashboard, with charts drawn, and the 大屏",
    async () => {
      const page = await signedIn(DEMO.admin);
      await page.goto(`${base}/dashboard?period=custom&from=2026-09-01&to=2026-09-30`);
      const report = await buildReport(app.deps, { from: "2026-09-01", to: "2026-09-30" });
      const shown = await page
        .locator("[data-figure]")
        .evaluateAll((els) =>
          els.map((e) => [e.getAttribute("data-figure"), JSON.parse(e.getAttribute("data-value") ?? "null")]),
        );
      expect(shown.length).toBe(8);
      for (const [key, value] of shown)
        expect(value).toEqual(report.totals[key as keyof typeof report.totals]);
      await page.waitForSelector('[data-chart][data-drawn="1"] canvas');
      expect(await page.locator('[data-chart][data-drawn="1"]').count()).toBeGreaterThanOrEqual(4);
      await shot(page, "03-dashboard");

      await page.click("text=大屏");
      await page.waitForSelector('body.big-screen [data-drawn="1"] canvas');
      await shot(page, "04-big-screen");

      const phone = await signedIn(DEMO.leaderPark, { width: 390, height: 844 });
      await phone.waitForSelector('[data-drawn="1"] canvas');
      await shot(phone, "05-dashboard-phone");
    },
    STEP_MS,
  );

  it(
    "opens a hazard with its photos before and after, full size on click",
    async () => {
      const page = await signedIn(P.gridWorker);
      await page.goto(`${base}/ledger`);
      await page.click(`a:text-is("${GENERAL}")`);
      await page.waitForURL(`${base}/tickets/${GENERAL}`);
      for (const kind of ["before", "after"]) {
        const img = page.locator(`[data-photos="${kind}"] img`).first();
        await img.scrollIntoViewIfNeeded();
        await expect
          .poll(() => img.evaluate((i) => (i as unknown as { naturalWidth: number }).naturalWidth))
          .toBeGreaterThan(0);
      }
      await containsText(page.locator("#ticket-events"), "复查通过，销号");
      await shot(page, "06-ticket");
      const [full] = await Promise.all([
        page.context().waitForEvent("page"),
        page.locator('[data-photos="after"] a').first().click(),
      ]);
      await full.waitForLoadState();
      expect(await full.evaluate("document.images[0]?.naturalWidth ?? 0")).toBeGreaterThan(0);
    },
    STEP_MS,
  );

  it(
    "filters the ledger and downloads the filtered ledger as XLSX",
    async () => {
      const page = await signedIn(DEMO.admin);
      await page.goto(`${base}/ledger`);
      await hasText(page.locator("#ledger-total"), "共 2 项");
      await page.selectOption('select[name="status"]', "closed");
      await hasText(page.locator("#ledger-total"), "共 1 项");
      expect(page.url()).toContain("status=closed");
      await shot(page, "07-ledger-filtered");
      const [download] = await Promise.all([page.waitForEvent("download"), page.click("#ledger-export")]);
      const file = path.join(ARTIFACTS, "ledger-closed.xlsx");
      await download.saveAs(file);
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(file);
      const sheet = book.worksheets[0];
      expect(sheet?.rowCount).toBe(2);
      expect(sheet?.getRow(2).getCell(1).value).toBe(GENERAL);
    },
    STEP_MS,
  );

  it(
    "催办 reminds the enterprises not done, once a day each, through the outbox",
    async () => {
      const page = await signedIn(P.gridWorker);
      await page.goto(`${base}/campaigns`);
      await shot(page, "08-campaigns");
      await page.click(`[data-campaign="${campaignKey}"] a`);
      await countIs(page.locator("#pending tbody tr"), 5);
      await page.locator("#pending button.urge").first().click();
      await containsText(page.locator("#urge-result"), "已催办 1 家企业（1 条消息）");
      await page.click("#urge-all");
      await containsText(page.locator("#urge-result"), "已催办 4 家企业（4 条消息）；1 家今日已催办");
      await page.click("#urge-all");
      await containsText(page.locator("#urge-result"), "已催办 0 家企业（0 条消息）；5 家今日已催办");
      await shot(page, "09-campaign-urged");
      const rows = await app.db.outboxMessage.findMany({ where: { key: { contains: ":urge:" } } });
      expect(rows).toHaveLength(5);
      expect(new Set(rows.map((r) => r.recipient)).size).toBe(5);
    },
    STEP_MS,
  );

  it(
    "imports enterprises by upload: a dry run shows every problem, nothing is written until confirmed",
    async () => {
      const page = await signedIn(DEMO.admin);
      await page.goto(`${base}/directory`);
      const before = await app.db.enterprise.count();
      const bad = csv([
        ENTERPRISE_HEADER,
        ["新光电子有限公司", wrongCheck(validCode(1)), "工贸", "滨江街道", "", "B", ""],
      ]);
      await page.setInputFiles('input[name="file"]', {
        name: "bad.csv",
        mimeType: "text/csv",
        buffer: Buffer.from(bad),
      });
      await page.click("#import-check");
      await containsText(page.locator("#import-result"), "未写入任何数据");
      await shot(page, "10-import-problems");
      const good = csv([
        ENTERPRISE_HEADER,
        ["新光电子有限公司", validCode(1), "工贸", "滨江街道", "滨江第一网格", "B", "滨江路1号"],
      ]);
      await page.setInputFiles('input[name="file"]', {
        name: "good.csv",
        mimeType: "text/csv",
        buffer: Buffer.from(good),
      });
      await page.click("#import-check");
      await containsText(page.locator("#import-result"), "检查通过：将新建 1 条");
      expect(await app.db.enterprise.count()).toBe(before);
      await page.click("#import-apply");
      await containsText(page.locator("#import-result"), "导入完成：新建 1 条");
      expect(await app.db.enterprise.count()).toBe(before + 1);
      await shot(page, "11-import-done");
    },
    STEP_MS,
  );

  it(
    "refuses a grid worker another grid's ticket, and a post without the CSRF token",
    async () => {
      const page = await signedIn(OTHER_GRID_WORKER);
      // Another grid's ticket number answers as a number that does not exist.
      const refused = await page.goto(`${base}/tickets/${GENERAL}`);
      expect(refused?.status()).toBe(404);
      await containsText(page.locator("main"), "没有找到");
      await shot(page, "12-out-of-scope");
      const forged = await page.evaluate(async () => (await fetch("/logout", { method: "POST" })).status);
      expect(forged).toBe(403);
      expect((await page.goto(`${base}/dashboard`))?.status()).toBe(200);
    },
    STEP_MS,
  );

  it(
    "shows the report as printable text with the ledger download",
    async () => {
      const page = await signedIn(DEMO.admin);
      await page.goto(`${base}/report?period=custom&from=2026-09-01&to=2026-09-30`);
      await containsText(page.locator("#report-text h1"), "安全生产隐患排查治理情况");
      expect(await page.locator("#report-text table").first().isVisible()).toBe(true);
      await shot(page, "13-report");
      await page.emulateMedia({ media: "print" });
      await shot(page, "14-report-print");
    },
    STEP_MS,
  );

  it(
    "completes a self-check in the simulator: buttons, text and photos, through the web channel",
    async () => {
      const page = await newPage({ width: 900, height: 1000 });
      await page.goto(`${base}/simulator`);
      await shot(page, "15-simulator-people");
      await page.click(`a[data-phone="${DEMO.smallVenueHead}"]`);
      const say = async (text: string) => {
        await page.fill('input[name="text"]', text);
        await Promise.all([page.waitForURL(`${base}/simulator/${DEMO.smallVenueHead}`), page.click("#send")]);
      };
      const press = async (choice: string) => {
        await Promise.all([
          page.waitForURL(`${base}/simulator/${DEMO.smallVenueHead}`),
          page.locator(".bubble.bot").last().locator(`button[data-choice="${choice}"]`).click(),
        ]);
      };
      const photo = async (name: string) => {
        await page.setInputFiles('input[name="photo"]', path.join(FIXTURES, name));
        await Promise.all([
          page.waitForURL(`${base}/simulator/${DEMO.smallVenueHead}`),
          page.click("#send-photo"),
        ]);
      };
      const last = () => page.locator(".bubble.bot").last();
      await say("自查");
      await containsText(last(), "安全出口是否畅通");
      await press("no");
      await containsText(last(), "请拍摄堵塞的安全出口");
      await photo("exit-blocked.png");
      await say("完成");
      await say("后门被纸箱堵住");
      await press("open");
      await say("1,2");
      await say("2");
      await say("跳过");
      await photo("duty-room.png");
      await say("完成");
      await containsText(last(), "请核对");
      await shot(page, "16-simulator-summary");
      await say("提交");
      await containsText(page.locator(".chat-log"), "自查已提交");
      await shot(page, "17-simulator-submitted");
      const run = await app.db.selfCheckRun.findFirst({
        where: { person: { phone: DEMO.smallVenueHead }, status: "submitted" },
      });
      expect(run).not.toBeNull();
      fs.writeFileSync(RAN_MARKER, new Date().toISOString());
    },
    STEP_MS * 2,
  );
});
