import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { listPeople } from "../../src/cli/commands/list-commands.ts";
import { importFile } from "../../src/import/import-file.ts";
import { createTestApp, DEMO, type TestApp } from "../support/test-app.ts";
import { csv, DEMO_CHEMICALS, PEOPLE_HEADER, tempFile, validCode, wrongCheck } from "./import-fixtures.ts";

describe("importing people", () => {
  let app: TestApp;
  beforeEach(async () => {
    app = await createTestApp();
  });
  afterEach(async () => app.close());

  const run = (rows: string[][], options: { dryRun?: boolean } = {}) =>
    importFile(app.deps, "people", tempFile("people.csv", csv(rows)), options);
  const person = async (phone: string) =>
    (await app.deps.uow.read(listPeople)).find((p) => p.phone === phone);

  it("creates people of every role from Chinese role names, normalising phones and resolving grids and areas by id or name", async () => {
    const result = await run([
      PEOPLE_HEADER,
      ["赵安全", "+86 135-0000-0001", "企业负责人", DEMO_CHEMICALS.toLowerCase(), "", ""],
      ["钱网格", "135 0000 0002", "网格员", "", "g1、滨江第二网格 | g3", ""],
      ["孙领导", "13500000003", "领导", "", "", "化工园区;s2"],
      ["李管理", "13500000004", "admin", "", "", ""],
    ]);
    expect(result).toEqual({
      ok: true,
      dryRun: false,
      created: 4,
      updated: 0,
      createdAreas: [],
      createdGrids: [],
      errors: [],
    });
    expect(await person("13500000001")).toMatchObject({
      role: "enterprise_head",
      enterprise: "华宁精细化工有限公司",
      enterpriseCreditCode: DEMO_CHEMICALS,
      grids: [],
      areas: [],
      bound: [],
    });
    expect((await person("13500000002"))?.grids.sort()).toEqual(
      ["化工园区网格", "滨江第一网格", "滨江第二网格"].sort(),
    );
    expect((await person("13500000003"))?.areas.sort()).toEqual(["化工园区", "城南街道"].sort());
    expect(await person("13500000004")).toMatchObject({ role: "admin", areas: [] });
  });

  it("updates a person by phone, replacing their grids when their role changes", async () => {
    const result = await run([PEOPLE_HEADER, ["吴主任", DEMO.gridWorkerG3, "领导", "", "", "p1"]]);
    expect(result).toMatchObject({ ok: true, created: 0, updated: 1 });
    expect(await person(DEMO.gridWorkerG3)).toMatchObject({
      name: "吴主任",
      role: "leader",
      grids: [],
      areas: ["化工园区"],
      bound: [`console:${DEMO.gridWorkerG3}`],
    });
  });

  it("lists every problem of every row and imports nothing", async () => {
    const before = await app.db.person.count();
    const result = await run([
      PEOPLE_HEADER,
      ["甲", "1350000000", "网格员", "", "g1", ""],
      ["乙", "13500000002", "老板", "", "", ""],
      ["丙", "13500000003", "企业负责人", "", "", ""],
      ["丁", "13500000004", "企业负责人", validCode(9), "", ""],
      ["戊", "13500000005", "企业负责人", wrongCheck(validCode(9)), "", ""],
      ["己", "13500000006", "网格员", "", "g1、不存在网格", ""],
      ["庚", "135-0000-0006", "领导", "", "", "s1"],
      ["辛", "13500000008", "网格员", "", "", ""],
      ["壬", "13500000009", "领导", DEMO_CHEMICALS, "g1", "火星街道"],
      ["", "", "", "", "", ""],
      ["", "13500000010", "", "", "", ""],
    ]);
    expect(result.ok).toBe(false);
    expect(result.errors).toEqual([
      {
        row: 2,
        column: "手机号",
        message: '"1350000000" is not a mainland mobile number (11 digits starting with 1)',
      },
      { row: 3, column: "角色", message: 'unknown role "老板"; use one of 企业负责人、网格员、领导、管理员' },
      { row: 4, column: "所属企业信用代码", message: "required for 企业负责人, but empty" },
      {
        row: 5,
        column: "所属企业信用代码",
        message: `no enterprise with credit code ${validCode(9)}; import enterprises first`,
      },
      { row: 6, column: "所属企业信用代码", message: expect.stringMatching(/check character/) },
      { row: 7, column: "负责网格", message: 'unknown grid "不存在网格"' },
      { row: 8, column: "手机号", message: "duplicate: 13500000006 is already on row 7" },
      { row: 9, column: "负责网格", message: "required for 网格员, but empty" },
      { row: 10, column: "所属企业信用代码", message: "must be empty for 领导" },
      { row: 10, column: "负责网格", message: "must be empty for 领导" },
      { row: 10, column: "负责区域", message: 'unknown area "火星街道"' },
      { row: 12, column: "姓名", message: "required, but empty" },
      { row: 12, column: "角色", message: "required, but empty" },
    ]);
    expect(await app.db.person.count()).toBe(before);
  });

  it("accepts English headers and role codes, and on a dry run writes nothing", async () => {
    const before = await app.db.person.count();
    const result = await run(
      [
        ["name", "phone", "role", "grids"],
        ["Grid Worker", "13500000001", "grid_worker", "g4"],
        ["王建国", DEMO.chemicalsHead, "enterprise_head", ""],
      ],
      { dryRun: true },
    );
    // The second row lacks the enterprise column altogether, which a head requires.
    expect(result).toMatchObject({
      ok: false,
      errors: [{ row: 3, column: "所属企业信用代码", message: "required for 企业负责人, but empty" }],
    });
    const good = await run(
      [
        ["name", "phone", "role", "grids"],
        ["Grid Worker", "13500000001", "grid_worker", "g4"],
      ],
      { dryRun: true },
    );
    expect(good).toMatchObject({ ok: true, dryRun: true, created: 1, updated: 0 });
    expect(await app.db.person.count()).toBe(before);
  });

  it("names a missing header", async () => {
    const result = await run([
      ["姓名", "角色"],
      ["甲", "领导"],
    ]);
    expect(result.errors).toEqual([
      { row: 1, column: "手机号", message: "required column is missing (header 手机号 or phone)" },
    ]);
  });
});
