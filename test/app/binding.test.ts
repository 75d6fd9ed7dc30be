import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createInvite } from "../../src/app/identity/create-invite.ts";
import { createTestApp, DEMO, FIXTURES, kindsContent, type TestApp, texts } from "../support/test-app.ts";

const NEW_PHONE = "wx-new-account";

describe("binding a chat account with an invite code", () => {
  let app: TestApp;
  beforeEach(async () => {
    app = await createTestApp(kindsContent());
  });
  afterEach(async () => app.close());

  it("tells an unbound sender how to bind, and nothing else", async () => {
    const stranger = app.chat(NEW_PHONE);
    const replies = await stranger.say("自查");
    expect(replies).toHaveLength(1);
    expect(replies[0]?.text).toContain("还没有绑定");
    expect(replies[0]?.text).toContain("绑定 绑定码");
    expect(await app.db.selfCheckRun.count()).toBe(0);
  });

  it("neither fetches nor stores the photos of an unbound sender, and tells them how to bind", async () => {
    const stranger = app.chat(NEW_PHONE);
    const replies = await stranger.say({ photoPaths: [path.join(FIXTURES, "exit-blocked.png")] });
    expect(texts(replies)).toContain("还没有绑定");
    expect(await app.db.attachment.count()).toBe(0);
    expect(fs.existsSync(path.join(app.dataDir, "files"))).toBe(false);
  });

  it("binds with a valid code, with or without a space, and the person can then work", async () => {
    const invite = await createInvite(app.deps, DEMO.chemicalsHead);
    const account = app.chat(NEW_PHONE);
    const ok = await account.say(`绑定${invite.code.toLowerCase()}`);
    expect(ok[0]?.text).toContain("绑定成功");
    expect(ok[0]?.text).toContain("华宁精细化工有限公司");
    expect(texts(await account.say("自查"))).toContain("第 1/6 题");
    const identity = await app.db.channelIdentity.findUniqueOrThrow({
      where: { channel_externalId: { channel: "console", externalId: NEW_PHONE } },
      include: { person: true },
    });
    expect(identity.person.phone).toBe(DEMO.chemicalsHead);
  });

  it("refuses a wrong, a used and an expired code, saying which", async () => {
    const account = app.chat(NEW_PHONE);
    expect((await account.say("绑定 ZZZZ2222"))[0]?.text).toBe("绑定码「ZZZZ2222」无效，请核对后重新发送。");

    const used = await createInvite(app.deps, DEMO.smallVenueHead);
    await app.chat("someone-else").say(`绑定 ${used.code}`);
    expect((await account.say(`绑定 ${used.code}`))[0]?.text).toContain("已被使用");

    const expired = await createInvite(app.deps, DEMO.gridWorkerG3, 7);
    app.clock.advance(7 * 86_400_000 + 1);
    expect((await account.say(`绑定 ${expired.code}`))[0]?.text).toMatch(/已于 \d{4}-\d{2}-\d{2} 过期/);
    expect(await app.db.channelIdentity.count({ where: { externalId: NEW_PHONE } })).toBe(0);
  });

  it("rate-limits failed attempts per account, then lets it try again after the window", async () => {
    const account = app.chat(NEW_PHONE);
    for (let i = 0; i < 5; i++) await account.say(`绑定 WRONG00${i}`);
    const invite = await createInvite(app.deps, DEMO.chemicalsHead);
    expect((await account.say(`绑定 ${invite.code}`))[0]?.text).toBe("绑定尝试次数过多，请 15 分钟后再试。");
    app.clock.advance(15 * 60_000 + 1);
    expect((await account.say(`绑定 ${invite.code}`))[0]?.text).toContain("绑定成功");
  });

  it("pauses binding for every account when failed codes from many accounts pass the global cap", async () => {
    await app.close();
    app = await createTestApp({ ...kindsContent(), env: { BIND_GLOBAL_MAX_FAILURES: "6" } });
    // Three accounts guess twice each: no one account reaches its own limit of five.
    for (const n of [1, 2, 3])
      for (const i of [1, 2]) await app.chat(`guesser-${n}`).say(`绑定 WRONG${n}${i}0`);
    const invite = await createInvite(app.deps, DEMO.chemicalsHead);
    const honest = app.chat(NEW_PHONE);
    expect((await honest.say(`绑定 ${invite.code}`))[0]?.text).toBe("绑定尝试次数过多，请 15 分钟后再试。");
    app.clock.advance(15 * 60_000 + 1);
    expect((await honest.say(`绑定 ${invite.code}`))[0]?.text).toContain("绑定成功");
  });

  it("asks for the code when 绑定 comes without one", async () => {
    expect((await app.chat(NEW_PHONE).say("绑定"))[0]?.text).toContain("例如：绑定");
  });
});
