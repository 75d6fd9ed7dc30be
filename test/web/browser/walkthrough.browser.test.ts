/**
 * The "done when", as a new user meets it: `xunjian start` as a real process on an empty
 * data directory (demo park and its history seeded as on a fresh machine, a free loopback port),
 * the sign-in link read from what it prints, and Chromium walking the console from there: figures
 * and charts, a hazard with its photos, 催办, the ledger download, and a self-check completed in the
 * simulator. Nothing is arranged in the database: the test sees only what the console output and
 * the pages show.
 */
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { addDays, toShanghaiDate } from "../../../src/domain/calendar/local-date.ts";
import { databaseUrlFor, onPostgres } from "../../support/pg.ts";
import { runCli } from "../../support/run-cli.ts";
import { FIXTURES, ROOT } from "../../support/test-app.ts";
import { ARTIFACTS, describeInBrowser, launchChromium } from "./chromium.ts";

const STEP_MS = 90_000;
/** Seeding three months of history on a busy 2-core machine. */
const START_MS = 180_000;

const containsText = (l: Locator, text: string) =>
  expect.poll(() => l.innerText(), { timeout: 15_000 }).toContain(text);

/** Runs `xunjian start` and resolves with what it printed once the sign-in link and simulator are out. */
function startProduct(
  dataDir: string,
  database: Record<string, string>,
): {
  child: ChildProcessWithoutNullStreams;
  printed: Promise<{ signIn: string; simulator: string; out: string }>;
} {
  // Only what a fresh machine has: no chat platform configured, the defaults for everything else.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^(TELEGRAM|WECHAT|WECOM|SIMULATOR|HTTP|WEB)_/.test(k)),
  );
  const child = spawn(process.execPath, [path.join(ROOT, "bin", "xunjian.js"), "start"], {
    cwd: ROOT,
    env: {
      ...env,
      ...database,
      DATA_DIR: dataDir,
      HTTP_HOST: "127.0.0.1",
      HTTP_PORT: "0",
      LOG_LEVEL: "warn",
    },
  });
  let out = "";
  let err = "";
  const printed = new Promise<{ signIn: string; simulator: string; out: string }>((resolve, reject) => {
    child.stdout.on("data", (d) => {
      out += d;
      const signIn = /sign in as .*?: (http:\/\/\S+)/.exec(out)?.[1];
      const simulator = /chat simulator: (http:\/\/\S+)/.exec(out)?.[1];
      if (signIn && simulator) resolve({ signIn, simulator, out });
    });
    child.stderr.on("data", (d) => {
      err += d;
    });
    child.on("exit", (code) => reject(new Error(`xunjian start exited with ${code}:\n${out}\n${err}`)));
  });
  return { child, printed };
}

describeInBrowser("a new user's first look: npm start, the printed link, and the console", () => {
  let dataDir = "";
  let product: ReturnType<typeof startProduct> | undefined;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let printed = { signIn: "", simulator: "", out: "" };
  let base = "";
  /** The campaign chased, and a head of an enterprise that had not submitted it. */
  let campaignUrl = "";
  let headPhone = "";

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "xunjian-walkthrough-"));
    // On PostgreSQL the product and the CLI runs beside it open this test's own database.
    const database: Record<string, string> = onPostgres
      ? { DATABASE_URL: await databaseUrlFor(dataDir) }
      : {};
    product = startProduct(dataDir, database);
    printed = await product.printed;
    base = new URL(printed.signIn).origin;
    browser = await launchChromium();
    context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      acceptDownloads: true,
      locale: "zh-CN",
    });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on("pageerror", (e) => {
      throw e;
    });
  }, START_MS);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    if (product && product.child.exitCode === null) {
      const exited = new Promise((r) => product?.child.once("exit", r));
      product.child.kill("SIGTERM");
      await exited;
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  }, STEP_MS);

  const shot = (p: Page, name: string) =>
    p.screenshot({ path: path.join(ARTIFACTS, `walk-${name}.png`), fullPage: true });

  it(
    "prints a loopback address, a one-time sign-in link and the simulator; the link signs in the demo admin",
    async () => {
      expect(printed.out).toMatch(/Office console: http:\/\/127\.0\.0\.1:\d+\//);
      await page.goto(printed.signIn);
      await page.click("#confirm-login");
      await page.waitForURL(`${base}/dashboard`);
      await containsText(page.locator("form.who"), "管理员");
    },
    STEP_MS,
  );

  it(
    "shows the demo park's figures and charts, equal to `xunjian report --format json`",
    async () => {
      await page.waitForSelector('[data-chart][data-drawn="1"] canvas');
      await shot(page, "01-dashboard");
      const to = toShanghaiDate(new Date());
      const from = addDays(to, -60);
      await page.goto(`${base}/dashboard?period=custom&from=${from}&to=${to}`);
      await page.waitForSelector('[data-chart][data-drawn="1"] canvas');
      expect(await page.locator('[data-chart][data-drawn="1"]').count()).toBeGreaterThanOrEqual(4);
      const shown = Object.fromEntries(
        await page
          .locator("[data-figure][data-value]")
          .evaluateAll((els) =>
            els.map((e) => [
              e.getAttribute("data-figure"),
              JSON.parse(e.getAttribute("data-value") ?? "null"),
            ]),
          ),
      );
      const cli = await runCli(["report", "--format", "json", "--from", from, "--to", to], {
        DATA_DIR: dataDir,
      });
      expect(cli.code, cli.err).toBe(0);
      const report = JSON.parse(cli.out) as { totals: Record<string, unknown> };
      const keys = Object.keys(report.totals).filter((k) => k in shown);
      expect(keys.length).toBe(8);
      for (const k of keys) expect(shown[k], k).toEqual(report.totals[k]);
      expect(report.totals.hazardsFound).toBeGreaterThan(0);
      await shot(page, "02-dashboard-60-days");
    },
    STEP_MS,
  );

  it(
    "opens a hazard with its photos before and after, full size on click",
    async () => {
      await page.goto(`${base}/ledger?status=closed`);
      const numbers = await page
        .locator("tr[data-number]")
        .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-number") ?? ""));
      expect(numbers.length).toBeGreaterThan(0);
      let found = false;
      for (const number of numbers) {
        await page.goto(`${base}/ledger?status=closed`);
        await page.click(`a:text-is("${number}")`);
        await page.waitForURL(`${base}/tickets/${number}`);
        if ((await page.locator('[data-photos="after"] img').count()) === 0) continue;
        if ((await page.locator('[data-photos="before"] img').count()) === 0) continue;
        found = true;
        break;
      }
      expect(found).toBe(true);
      for (const kind of ["before", "after"]) {
        const img = page.locator(`[data-photos="${kind}"] img`).first();
        await img.scrollIntoViewIfNeeded();
        await expect
          .poll(() => img.evaluate((i) => (i as unknown as { naturalWidth: number }).naturalWidth))
          .toBe(320);
      }
      await containsText(page.locator("#ticket-events"), "销号");
      await shot(page, "03-ticket-with-photos");
      const [full] = await Promise.all([
        context.waitForEvent("page"),
        page.locator('[data-photos="before"] a').first().click(),
      ]);
      await full.waitForLoadState();
      expect(await full.evaluate("document.images[0]?.naturalWidth ?? 0")).toBe(320);
      await full.close();
    },
    STEP_MS,
  );

  it(
    "reviews a rectification from the ticket page: 通过（销号）",
    async () => {
      await page.goto(`${base}/ledger?status=submitted`);
      const number = await page.locator("tr[data-number]").first().getAttribute("data-number");
      expect(number).toMatch(/^YH-/);
      await page.click(`a:text-is("${number}")`);
      await page.waitForURL(`${base}/tickets/${number}`);
      await shot(page, "04-ticket-to-review");
      await Promise.all([
        page.waitForURL(`${base}/tickets/${number}?reviewed=pass`),
        page.click("#review-pass"),
      ]);
      await containsText(page.locator("#review-result"), "已复查通过");
      await containsText(page.locator("#ticket-events"), "复查通过");
      expect(await page.locator("#review").count()).toBe(0);
    },
    STEP_MS,
  );

  it(
    "chases the enterprises that have not done their self-check (催办), once a day each",
    async () => {
      await page.goto(`${base}/campaigns`);
      await shot(page, "05-campaigns");
      const open = page.locator("#campaigns tr[data-campaign]").filter({ hasText: "进行中" }).first();
      await Promise.all([page.waitForURL(/\/campaigns\/[^/]+$/), open.locator("a").click()]);
      campaignUrl = page.url();
      const pending = page.locator("#pending tbody tr");
      const count = await pending.count();
      expect(count).toBeGreaterThan(0);
      headPhone = (await pending.first().locator("td").nth(3).innerText()).split("、")[0]?.trim() ?? "";
      expect(headPhone).toMatch(/^1\d{10}$/);
      await page.click("#urge-all");
      await containsText(page.locator("#urge-result"), `已催办 ${count} 家企业`);
      await shot(page, "06-campaign-urged");
      // Each enterprise at most once a day: pressing again reminds nobody.
      await page.click("#urge-all");
      await containsText(page.locator("#urge-result"), "已催办 0 家企业");
    },
    STEP_MS,
  );

  it(
    "downloads the ledger as XLSX",
    async () => {
      await page.goto(`${base}/ledger`);
      const total = Number(/\d+/.exec(await page.locator("#ledger-total").innerText())?.[0]);
      expect(total).toBeGreaterThan(0);
      const [download] = await Promise.all([page.waitForEvent("download"), page.click("#ledger-export")]);
      const file = path.join(ARTIFACTS, "walk-ledger.xlsx");
      await download.saveAs(file);
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(file);
      expect(book.worksheets[0]?.rowCount).toBe(total + 1);
    },
    STEP_MS,
  );

  it(
    "completes a self-check in the simulator as a head who had not, and the campaign's progress moves",
    async () => {
      const before = await progressOf(page, campaignUrl);
      const chat = await context.newPage();
      chat.setDefaultTimeout(15_000);
      await chat.goto(printed.simulator);
      await chat.click(`a[data-phone="${headPhone}"]`);
      await chat.waitForURL(`${base}/simulator/${headPhone}`);
      await completeSelfCheck(chat, `${base}/simulator/${headPhone}`);
      await shot(chat, "07-simulator-submitted");
      const after = await progressOf(page, campaignUrl);
      expect(after.done).toBe(before.done + 1);
    },
    STEP_MS * 2,
  );
});

/** The "done / total" of a campaign page. */
async function progressOf(page: Page, url: string): Promise<{ done: number; total: number }> {
  await page.goto(url);
  const [done = -1, total = -1] = (
    (await page.locator("#campaign-progress").innerText()).match(/\d+/g) ?? []
  ).map(Number);
  return { done, total };
}

/**
 * Answers whatever checklist the day's campaign gives, as a person would from the screen: presses
 * the first of 是 / 无 / the first button, answers a photo question with a photo, a number or text
 * question with a short answer (another when it is refused), and submits at the summary.
 */
async function completeSelfCheck(chat: Page, url: string): Promise<void> {
  const send = async (act: () => Promise<unknown>) => {
    await Promise.all([chat.waitForURL(url), act()]);
  };
  const say = (text: string) =>
    send(async () => {
      await chat.fill('input[name="text"]', text);
      await chat.click("#send");
    });
  await say("自查");
  const tries = new Map<string, number>();
  for (let turn = 0; turn < 120; turn++) {
    const log = await chat.locator(".chat-log").innerText();
    if (log.includes("自查已提交")) return;
    const last = chat.locator(".bubble.bot").last();
    const text = await last.innerText();
    const buttons = last.locator("button[data-choice]");
    const ids = await buttons.evaluateAll((bs) => bs.map((b) => b.getAttribute("data-choice") ?? ""));
    const seen = (tries.get(text) ?? 0) + 1;
    tries.set(text, seen);
    if (text.includes("请回复「提交」")) await say("提交");
    else if (ids.length > 0) {
      const id = ["yes", "none", "normal"].find((x) => ids.includes(x)) ?? ids[0];
      await send(() => last.locator(`button[data-choice="${id}"]`).click());
    } else if (/拍|照片/.test(text)) {
      if (seen === 1) {
        await chat.setInputFiles('input[name="photo"]', path.join(FIXTURES, "exit-blocked.png"));
        await send(() => chat.click("#send-photo"));
      }
      await say("完成");
    } else await say(["1", "无", "10", "跳过"][Math.min(seen - 1, 3)] ?? "跳过");
  }
  throw new Error(`the self-check did not finish:\n${await chat.locator(".chat-log").innerText()}`);
}
