import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { csv, ENTERPRISE_HEADER, validCode, wrongCheck, xlsxBytes } from "../import/import-fixtures.ts";
import { createTestApp, DEMO, type TestApp } from "../support/test-app.ts";
import { consoleOf, P, signedIn } from "./web-fixtures.ts";

describe("企业与人员: lists, imports by upload with a dry run, invite codes", () => {
  let app: TestApp;
  beforeEach(async () => {
    app = await createTestApp();
  });
  afterEach(async () => app.close());

  const upload = (name: string, content: string | Uint8Array, kind = "enterprises") => {
    const form = new FormData();
    form.set("kind", kind);
    form.set("file", new File([content], name));
    return form;
  };

  it("searches the enterprises of the viewer's scope", async () => {
    const web = consoleOf(app);
    const admin = await signedIn(web, app, DEMO.admin);
    expect((await admin.get("/directory")).html).toContain("共 30 条");
    const found = await admin.get(`/directory?q=${encodeURIComponent("燃气")}`);
    expect(found.html).toContain("港华燃气城南分公司");
    expect(found.html).not.toContain("华宁精细化工");
    const worker = await signedIn(web, app, P.gridWorker);
    expect((await worker.get("/directory")).html).toContain("共 5 条");
    expect((await worker.get("/directory?tab=people")).status).toBe(403);
  });

  it("a dry run lists every row problem and writes nothing; a good file is checked, then imported on confirmation", async () => {
    const admin = await signedIn(consoleOf(app), app, DEMO.admin);
    await admin.get("/directory");
    const bad = csv([
      ENTERPRISE_HEADER,
      ["新光电子有限公司", wrongCheck(validCode(1)), "工贸", "滨江街道", "", "B", ""],
      ["", validCode(2), "采矿", "滨江街道", "", "", ""],
    ]);
    const checked = await admin.postMultipart("/directory/import/check", upload("bad.csv", bad));
    expect(checked.status).toBe(200);
    expect(checked.html).toContain("未写入任何数据");
    expect((checked.html.match(/<li>第 \d+ 行/g) ?? []).length).toBeGreaterThanOrEqual(3);
    expect(await app.db.enterprise.count()).toBe(30);

    const good = await xlsxBytes([
      ENTERPRISE_HEADER,
      ["新光电子有限公司", validCode(1), "工贸", "滨江街道", "滨江第一网格", "B", "滨江路1号"],
      ["城南便利店", validCode(2), "九小场所", "城南街道", "", "D", ""],
    ]);
    const ok = await admin.postMultipart("/directory/import/check", upload("good.xlsx", good));
    expect(ok.html).toContain("检查通过：将新建 2 条，更新 0 条");
    expect(await app.db.enterprise.count()).toBe(30);
    const sha = /name="sha256" value="([0-9a-f]{64})"/.exec(ok.html)?.[1] ?? "";
    const applied = await admin.post("/directory/import/apply", { kind: "enterprises", sha256: sha });
    expect(applied.html).toContain("导入完成：新建 2 条，更新 0 条");
    expect(await app.db.enterprise.count()).toBe(32);
    expect(
      await app.db.auditLog.count({ where: { action: "import.enterprises", actorId: { not: null } } }),
    ).toBe(1);
  });

  it("only admins import", async () => {
    const leader = await signedIn(consoleOf(app), app, DEMO.leaderDistrict);
    const form = upload("x.csv", csv([ENTERPRISE_HEADER]));
    expect((await leader.postMultipart("/directory/import/check", form)).status).toBe(403);
  });

  it("makes a binding code with its QR code for a person, audited", async () => {
    const admin = await signedIn(consoleOf(app), app, DEMO.admin);
    await admin.get("/directory?tab=people");
    const person = await app.db.person.findUniqueOrThrow({ where: { phone: "13900000024" } });
    const page = await admin.post(`/directory/people/${person.id}/invite`);
    const code = /id="invite-code">([A-Z0-9]{8})</.exec(page.html)?.[1] ?? "";
    expect(code).toMatch(/^[A-Z0-9]{8}$/);
    expect(page.html).toContain(`发送「绑定 ${code}」即可绑定`);
    expect(page.html).toContain('src="data:image/svg+xml;base64,');
    expect(await app.db.inviteCode.count({ where: { code, personId: person.id } })).toBe(1);
    expect(await app.db.auditLog.count({ where: { action: "invite.created", actorId: { not: null } } })).toBe(
      1,
    );
  });
});
