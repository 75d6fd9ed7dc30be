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
      ["赵安全", "+86 135-1000-0001", "企业负责人", DEMO_CHEMICALS.toLowerCase(), "", ""],
      ["钱网格", "135 1000 0002", "网格员", "", "g1、滨江第二网格 | g3", ""],
      ["孙领导", "13510000003", "领导", "", "", "化工园区;s2"],
      ["李管理", "13510000004", "admin", "", "", ""],
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
    expect(await person("13510000001")).toMatchObject({
      role: "enterprise_head",
      enterprise: "华宁精细化工有限公司",
      enterpriseCreditCode: DEMO_CHEMICALS,
      grids: [],
      areas: [],
      bound: [],
    });
    expect((await person("13510000002"))?.grids.sort()).toEqual(
      ["化工园区网格", "滨江第一网格", "滨江第二网格"].sort(),
    );
    expect((await person("13510000003"))?.areas.sort()).toEqual(["化工园区", "城南街道"].sort());
    expect(await person("13510000004")).toMatchObject({ role: "admin", areas: [] });
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
      ["甲", "1351000000", "网格员", "", "g1", ""],
      ["乙", "13510000002", "老板", "", "", ""],
      ["丙", "13510000003", "企业负责人", "", "", ""],
      ["丁", "13510000004", "企业负责人", validCode(9), "", ""],
      ["戊", "13510000005", "企业负责人", wrongCheck(validCode(9)), "", ""],
      ["己", "13510000006", "网格员", "", "g1、不存在网格", ""],
      ["庚", "135-1000-0006", "领导", "", "", "s1"],
      ["辛", "13510000008", "网格员", "", "", ""],
      ["壬", "13510000009", "领导", DEMO_CHEMICALS, "g1", "火星街道"],
      ["", "", "", "", "", ""],
      ["", "13510000010", "", "", "", ""],
    ]);
    expect(result.ok).toBe(false);
    // Each problem has a stable code for scripts and its sentence in Chinese (prompts/cli.yaml).
    const roles = "企业负责人、网格员、领导、管理员、执法检查人员、专家";
    expect(result.errors).toEqual([
      {
        row: 2,
        column: "手机号",
        code: "phone_invalid",
        message: "「1351000000」不是大陆手机号（以 1 开头的 11 位数字）",
      },
      { row: 3, column: "角色", code: "unknown_role", message: `未知角色「老板」，可填写：${roles}` },
      {
        row: 4,
        column: "所属企业信用代码",
        code: "required_for_role",
        message: "企业负责人必须填写，但为空",
      },
      {
        row: 5,
        column: "所属企业信用代码",
        code: "enterprise_not_found",
        message: `没有统一社会信用代码为 ${validCode(9)} 的企业，请先导入企业`,
      },
      {
        row: 6,
        column: "所属企业信用代码",
        code: "credit_code_check",
        message: expect.stringMatching(/校验码/),
      },
      { row: 7, column: "负责网格", code: "unknown_grid", message: "未知网格「不存在网格」" },
      { row: 8, column: "手机号", code: "duplicate_phone", message: "重复：13510000006 已在第 7 行出现" },
      { row: 9, column: "负责网格", code: "required_for_role", message: "网格员必须填写，但为空" },
      { row: 10, column: "所属企业信用代码", code: "not_for_role", message: "领导不填写此列，请留空" },
      { row: 10, column: "负责网格", code: "not_for_role", message: "领导不填写此列，请留空" },
      { row: 10, column: "负责区域", code: "unknown_area", message: "未知区域「火星街道」" },
      { row: 12, column: "姓名", code: "required_empty", message: "必填，但为空" },
      { row: 12, column: "角色", code: "required_empty", message: "必填，但为空" },
    ]);
    expect(await app.db.person.count()).toBe(before);
  });

  it("accepts English headers and role codes, and on a dry run writes nothing", async () => {
    const before = await app.db.person.count();
    const result = await run(
      [
        ["name", "phone", "role", "grids"],
        ["Grid Worker", "13510000001", "grid_worker", "g4"],
        ["王建国", DEMO.chemicalsHead, "enterprise_head", ""],
      ],
      { dryRun: true },
    );
    // The second row lacks the enterprise column altogether, which a head requires.
    expect(result).toMatchObject({
      ok: false,
      errors: [{ row: 3, column: "所属企业信用代码", code: "required_for_role" }],
    });
    const good = await run(
      [
        ["name", "phone", "role", "grids"],
        ["Grid Worker", "13510000001", "grid_worker", "g4"],
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
      { row: 1, column: "手机号", code: "missing_column", message: "缺少必填列（表头应为 手机号 / phone）" },
    ]);
  });
});
