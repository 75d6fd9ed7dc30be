import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loginLinkForPhone } from "../../src/app/web/login-links.ts";
import { hashWebToken } from "../../src/app/web/web-tokens.ts";
import { createTestApp, DEMO, type TestApp, texts } from "../support/test-app.ts";
import { WebClient } from "./web-client.ts";
import { consoleOf, signedIn } from "./web-fixtures.ts";

describe("signing in to the console without a password", () => {
  let app: TestApp;
  beforeEach(async () => {
    app = await createTestApp();
  });
  afterEach(async () => app.close());

  it("登录 in chat answers a single-use link valid for ten minutes; the link asks to confirm, then signs in", async () => {
    const [reply] = await app.chat(DEMO.admin).say("登录");
    expect(reply?.text).toContain("10 分钟内打开以下链接登录巡检工作台");
    const path = /\/login\/[A-Za-z0-9_-]{43}/.exec(reply?.text ?? "")?.[0] ?? "";
    expect(reply?.text).toContain(`http://127.0.0.1:8080${path}`);

    const web = consoleOf(app);
    const browser = new WebClient(web.app);
    // Opening the link (a chat app previewing it) does not use it up.
    for (let i = 0; i < 2; i++) expect((await browser.get(path)).html).toContain("冯管理（管理员）");
    const signIn = await browser.post(path);
    expect(signIn.status).toBe(303);
    expect(signIn.res.headers.get("location")).toBe("/dashboard");
    const cookie = browser.setCookies.find((c) => c.startsWith("xj_session="));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/);
    expect((await browser.get("/dashboard")).html).toContain("退出登录");

    const session = await app.db.webSession.findFirstOrThrow();
    expect(session.tokenHash).toBe(hashWebToken(browser.cookies.get("xj_session") ?? ""));
    expect(session.expiresAt.getTime() - session.createdAt.getTime()).toBe(12 * 3_600_000);
    const audit = await app.db.auditLog.findMany({ where: { action: { startsWith: "web." } } });
    expect(audit.map((a) => a.action)).toEqual(["web.login_link_issued", "web.signed_in"]);
  });

  it("refuses a link used once, one older than ten minutes, and one that never was", async () => {
    const web = consoleOf(app);
    const used = await loginLinkForPhone(app.deps, DEMO.admin, "test");
    const first = new WebClient(web.app);
    await first.get(used.path);
    expect((await first.post(used.path)).status).toBe(303);
    const second = new WebClient(web.app);
    const again = await second.get(used.path);
    expect(again.status).toBe(410);
    expect(again.html).toContain("该登录链接已使用过");
    expect((await second.post(used.path)).status).toBe(410);
    expect(second.cookies.has("xj_session")).toBe(false);

    const late = await loginLinkForPhone(app.deps, DEMO.leaderPark, "test");
    app.clock.advance(10 * 60_000 + 1);
    const third = new WebClient(web.app);
    const expired = await third.get(late.path);
    expect(expired.status).toBe(410);
    expect(expired.html).toContain("登录链接已过期");
    expect((await third.post(late.path)).status).toBe(410);

    expect((await third.get(`/login/${"x".repeat(43)}`)).status).toBe(404);
    expect(await app.db.webSession.count()).toBe(1);
  });

  it("stops an address after ten bad links in fifteen minutes, even with a good one", async () => {
    const web = consoleOf(app);
    const guesser = new WebClient(web.app);
    for (let i = 0; i < 10; i++)
      expect((await guesser.get(`/login/${String(i).padStart(43, "a")}`)).status).toBe(404);
    const good = await loginLinkForPhone(app.deps, DEMO.admin, "test");
    const refused = await guesser.get(good.path);
    expect(refused.status).toBe(429);
    expect(refused.html).toContain("请 15 分钟后再试");
    app.clock.advance(15 * 60_000 + 1);
    const later = await loginLinkForPhone(app.deps, DEMO.admin, "test");
    expect((await guesser.get(later.path)).status).toBe(200);
  });

  it("signing out revokes the session in the database: the same cookie opens nothing afterwards", async () => {
    const web = consoleOf(app);
    const browser = await signedIn(web, app, DEMO.admin);
    const cookie = browser.cookies.get("xj_session") ?? "";
    const out = await browser.post("/logout");
    expect(out.status).toBe(303);
    expect(out.res.headers.get("location")).toBe("/login?signed_out");
    expect((await app.db.webSession.findFirstOrThrow()).revokedAt).not.toBeNull();

    const replay = new WebClient(web.app);
    replay.cookies.set("xj_session", cookie);
    const page = await replay.request("/dashboard");
    expect(page.status).toBe(302);
    expect(page.headers.get("location")).toBe("/login");
    expect(await app.db.auditLog.count({ where: { action: "web.signed_out" } })).toBe(1);
  });

  it("a session ends after WEB_SESSION_HOURS", async () => {
    const web = consoleOf(app);
    const browser = await signedIn(web, app, DEMO.admin);
    app.clock.advance(12 * 3_600_000);
    expect((await browser.request("/dashboard")).status).toBe(302);
  });

  it("refuses a form posted without this browser's CSRF token, and changes nothing", async () => {
    const web = consoleOf(app);
    const browser = await signedIn(web, app, DEMO.admin);
    const forged = await browser.post("/logout", {}, { csrf: false });
    expect(forged.status).toBe(403);
    expect(forged.html).toContain("表单已失效");
    const wrong = await browser.post("/logout", { _csrf: "x".repeat(43) }, { csrf: false });
    expect(wrong.status).toBe(403);
    expect((await app.db.webSession.findFirstOrThrow()).revokedAt).toBeNull();
    expect((await browser.get("/dashboard")).status).toBe(200);

    // A sign-in link's confirmation is a form too.
    const link = await loginLinkForPhone(app.deps, DEMO.leaderPark, "test");
    const stranger = new WebClient(web.app);
    expect((await stranger.post(link.path, {}, { csrf: false })).status).toBe(403);
    expect(
      (await app.db.webLoginLink.findUniqueOrThrow({ where: { tokenHash: hashWebToken(link.token) } }))
        .usedAt,
    ).toBeNull();
  });

  it("sets Secure cookies when the console's public address is HTTPS", async () => {
    await app.close();
    app = await createTestApp({ env: { WEB_PUBLIC_URL: "https://anquan.example.cn/" } });
    const [reply] = await app.chat(DEMO.admin).say("登录");
    expect(texts([reply ?? { text: "" }])).toContain("https://anquan.example.cn/login/");
    const browser = await signedIn(consoleOf(app), app, DEMO.admin);
    expect(browser.setCookies.find((c) => c.startsWith("xj_session="))).toMatch(/Secure/);
  });

  it("pages need a session; the sign-in page says how to get a link", async () => {
    const browser = new WebClient(consoleOf(app).app);
    const res = await browser.request("/ledger");
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/login");
    expect((await browser.get("/login")).html).toContain("在聊天中向巡检助手发送「登录」");
  });
});
