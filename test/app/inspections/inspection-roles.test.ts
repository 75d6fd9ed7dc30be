import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createInvite } from "../../../src/app/identity/create-invite.ts";
import { importFile } from "../../../src/import/import-file.ts";
import { createTestApp, type TestApp, texts } from "../../support/test-app.ts";

const csv = (rows: string[][]) => `${rows.map((r) => r.join(",")).join("\n")}\n`;
function tempCsv(rows: string[][]): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "xunjian-insp-people-")), "people.csv");
  fs.writeFileSync(file, csv(rows));
  return file;
}

describe("inspectors (执法检查人员) and experts (专家) as people", () => {
  let app: TestApp;
  afterEach(async () => app.close());

  it("are imported by their Chinese or English role names with an area, invited, bound, and inspect in their area", async () => {
    app = await createTestApp();
    const result = await importFile(
      app.deps,
      "people",
      tempCsv([
        ["姓名", "手机号", "角色", "所属企业信用代码", "负责网格", "负责区域"],
        ["陶执法", "13510000011", "执法检查人员", "", "", "城南街道"],
        ["蒋专家", "13510000012", "expert", "", "", "化工园区"],
        ["韦执法", "13510000013", "inspector", "", "", "s2"],
      ]),
    );
    expect(result).toMatchObject({ ok: true, created: 3 });
    const people = await app.db.person.findMany({
      where: { phone: { in: ["13510000011", "13510000012", "13510000013"] } },
      include: { areas: true },
      orderBy: { phone: "asc" },
    });
    expect(people.map((p) => [p.role, p.areas.map((a) => a.areaId)])).toEqual([
      ["inspector", ["s2"]],
      ["expert", ["p1"]],
      ["inspector", ["s2"]],
    ]);

    const invite = await createInvite(app.deps, "13510000011");
    const chat = app.chat("telegram-like-13510000011");
    expect(texts(await chat.say(`绑定 ${invite.code}`))).toContain("陶执法（执法检查人员）");
    expect(texts(await chat.say("帮助"))).toContain("陶执法（执法检查人员），您可以发送：");
    await chat.say("检查");
    const list = texts(await chat.say("1"));
    expect(list).toContain("万达广场购物中心");
    expect(list).not.toContain("华宁精细化工有限公司");
  });

  it("refuses an inspector or expert without an area, naming the column", async () => {
    app = await createTestApp();
    const result = await importFile(
      app.deps,
      "people",
      tempCsv([
        ["姓名", "手机号", "角色", "所属企业信用代码", "负责网格", "负责区域"],
        ["陶执法", "13510000011", "执法检查人员", "", "", ""],
      ]),
    );
    expect(result.ok).toBe(false);
    expect(result.errors).toEqual([
      { row: 2, column: "负责区域", code: "required_for_role", message: "执法检查人员必须填写，但为空" },
    ]);
    expect(await app.db.person.count({ where: { phone: "13510000011" } })).toBe(0);
  });
});
