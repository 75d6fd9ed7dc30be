import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { listEnterprises } from "../../src/cli/commands/list-commands.ts";
import { importFile } from "../../src/import/import-file.ts";
import { createTestApp, type TestApp } from "../support/test-app.ts";
import {
  counterIds,
  csv,
  DEMO_CHEMICALS,
  ENTERPRISE_HEADER,
  tempFile,
  validCode,
  wrongCheck,
} from "./import-fixtures.ts";

const A = validCode(1);
const B = validCode(2);
const C = validCode(3);

describe("importing enterprises", () => {
  let app: TestApp;
  beforeEach(async () => {
    app = await createTestApp();
  });
  afterEach(async () => app.close());

  const run = (rows: string[][], options: { dryRun?: boolean } = {}) =>
    importFile(app.deps, "enterprises", tempFile("enterprises.csv", csv(rows)), {
      newId: counterIds(),
      ...options,
    });

  it("creates enterprises from Chinese labels, creating unknown areas under the district and grids under their area", async () => {
    const result = await run([
      ENTERPRISE_HEADER,
      ["新材料科技有限公司", A, "危险化学品", "化工园区", "化工园区网格", "A", "化工园路99号"],
      ["北岸机械厂", B, "工贸", "北岸街道", "北岸第一网格", "", ""],
      ["北岸商场", C, "人员密集场所", "北岸街道", "北岸第一网格", "c", ""],
    ]);
    expect(result).toEqual({
      ok: true,
      dryRun: false,
      created: 3,
      updated: 0,
      createdAreas: [{ id: "area-1", name: "北岸街道", parent: "示范区" }],
      createdGrids: [{ id: "grid-2", name: "北岸第一网格", area: "北岸街道" }],
      errors: [],
    });
    expect(await app.db.area.findUnique({ where: { id: "area-1" } })).toMatchObject({
      kind: "street",
      parentId: "d1",
    });
    const stored = (await app.deps.uow.read(listEnterprises)).filter((e) => [A, B, C].includes(e.creditCode));
    expect(stored.map(({ id: _, ...e }) => e)).toEqual([
      {
        creditCode: A,
        name: "新材料科技有限公司",
        industry: "hazardous_chemicals",
        supervisionClass: "A",
        area: "化工园区",
        grid: "化工园区网格",
        address: "化工园路99号",
      },
      {
        creditCode: B,
        name: "北岸机械厂",
        industry: "industry_trade",
        supervisionClass: null,
        area: "北岸街道",
        grid: "北岸第一网格",
        address: null,
      },
      {
        creditCode: C,
        name: "北岸商场",
        industry: "crowded_places",
        supervisionClass: "C",
        area: "北岸街道",
        grid: "北岸第一网格",
        address: null,
      },
    ]);
  });

  it("reads English headers in any case, industry codes, and areas and grids by id", async () => {
    const result = await run([
      [" Name ", "CREDIT_CODE", "Industry", "area", "Grid"],
      ["城南燃气站", A.toLowerCase(), "urban_gas", "s2", "g4"],
    ]);
    expect(result).toMatchObject({ ok: true, created: 1, createdAreas: [], createdGrids: [] });
    expect(await app.db.enterprise.findUnique({ where: { creditCode: A } })).toMatchObject({
      industry: "urban_gas",
      areaId: "s2",
      gridId: "g4",
    });
  });

  it("updates an existing enterprise by credit code, keeping columns the file does not have", async () => {
    const result = await run([
      ["企业名称", "统一社会信用代码", "行业", "所属区域", "监管等级"],
      ["华宁精细化工股份有限公司", DEMO_CHEMICALS, "危险化学品", "化工园区", "B"],
    ]);
    expect(result).toMatchObject({ ok: true, created: 0, updated: 1 });
    expect(await app.db.enterprise.findUnique({ where: { creditCode: DEMO_CHEMICALS } })).toMatchObject({
      name: "华宁精细化工股份有限公司",
      supervisionClass: "B",
      gridId: "g3",
      address: "化工园路8号",
    });
  });

  it("lists every problem of every row as row, column and reason, and imports nothing", async () => {
    const before = await app.db.enterprise.count();
    const result = await run([
      ENTERPRISE_HEADER,
      ["短代码厂", A.slice(0, 16), "工贸", "滨江街道", "", "", ""],
      ["错字厂", `${A.slice(0, 3)}O${A.slice(4)}`, "工贸", "滨江街道", "", "", ""],
      ["校验厂", wrongCheck(A), "工贸", "滨江街道", "", "", ""],
      ["未知行业厂", B, "矿山", "滨江街道", "", "", ""],
      ["", C, "", "", "", "", ""],
      ["重复厂", B, "工贸", "滨江街道", "", "", ""],
      ["跨区厂", validCode(4), "工贸", "滨江街道", "化工园区网格", "", ""],
      ["新区厂", validCode(5), "工贸", "新区街道", "", "VERYLONGCLASS", ""],
    ]);
    expect(result.ok).toBe(false);
    // Each problem has a stable code for scripts and its sentence in Chinese (prompts/cli.yaml).
    expect(result.errors).toEqual([
      { row: 2, column: "统一社会信用代码", code: "credit_code_length", message: "应为 18 位，实际为 16 位" },
      {
        row: 3,
        column: "统一社会信用代码",
        code: "credit_code_character",
        message: expect.stringMatching(/GB 32100 不允许的字符/),
      },
      {
        row: 4,
        column: "统一社会信用代码",
        code: "credit_code_check",
        message: expect.stringMatching(/校验码/),
      },
      {
        row: 5,
        column: "行业",
        code: "unknown_industry",
        message: "未知行业「矿山」，可填写：危险化学品、工贸、建筑施工、人员密集场所、城镇燃气、九小场所",
      },
      { row: 6, column: "企业名称", code: "required_empty", message: "必填，但为空" },
      { row: 6, column: "行业", code: "required_empty", message: "必填，但为空" },
      { row: 6, column: "所属区域", code: "required_empty", message: "必填，但为空" },
      {
        row: 7,
        column: "统一社会信用代码",
        code: "duplicate_credit_code",
        message: `重复：${B} 已在第 5 行出现`,
      },
      {
        row: 8,
        column: "网格",
        code: "grid_in_other_area",
        message: "网格 化工园区网格 (g3) 属于 化工园区 (p1)，不属于 滨江街道 (s1)",
      },
      { row: 9, column: "监管等级", code: "class_too_long", message: "最多 8 个字符，实际为 13 个" },
    ]);
    expect(result).toMatchObject({ created: 0, updated: 0, createdAreas: [], createdGrids: [] });
    expect(await app.db.enterprise.count()).toBe(before);
    expect(await app.db.area.count({ where: { name: "新区街道" } })).toBe(0);
  });

  it("imports nothing when one row of four is bad", async () => {
    const before = await app.db.enterprise.count();
    const result = await run([
      ENTERPRISE_HEADER,
      ["甲厂", A, "工贸", "北岸街道", "北岸第一网格", "B", ""],
      ["乙厂", B, "工贸", "北岸街道", "", "B", ""],
      ["丙厂", C, "工贸", "滨江街道", "g1", "B", ""],
      ["丁厂", wrongCheck(validCode(4)), "工贸", "滨江街道", "", "B", ""],
    ]);
    expect(result).toMatchObject({ ok: false, errors: [{ row: 5, column: "统一社会信用代码" }] });
    expect(await app.db.enterprise.count()).toBe(before);
    expect(await app.db.area.count({ where: { name: "北岸街道" } })).toBe(0);
    expect(await app.db.grid.count({ where: { name: "北岸第一网格" } })).toBe(0);
  });

  it("on a dry run reports what would be created and updated and writes nothing", async () => {
    const before = {
      enterprises: await app.db.enterprise.count(),
      areas: await app.db.area.count(),
    };
    const result = await run(
      [
        ENTERPRISE_HEADER,
        ["甲厂", A, "工贸", "北岸街道", "", "", ""],
        ["华宁", DEMO_CHEMICALS, "危险化学品", "p1", "", "", ""],
      ],
      { dryRun: true },
    );
    expect(result).toMatchObject({
      ok: true,
      dryRun: true,
      created: 1,
      updated: 1,
      createdAreas: [{ name: "北岸街道" }],
    });
    expect(await app.db.enterprise.count()).toBe(before.enterprises);
    expect(await app.db.area.count()).toBe(before.areas);
    expect((await app.db.enterprise.findUniqueOrThrow({ where: { creditCode: DEMO_CHEMICALS } })).name).toBe(
      "华宁精细化工有限公司",
    );
  });

  it("names the missing required headers, and refuses empty and header-only files", async () => {
    const missing = await run([
      ["企业名称", "统一社会信用代码", "地址"],
      ["甲厂", A, ""],
    ]);
    expect(missing.errors).toEqual([
      { row: 1, column: "行业", code: "missing_column", message: "缺少必填列（表头应为 行业 / industry）" },
      {
        row: 1,
        column: "所属区域",
        code: "missing_column",
        message: "缺少必填列（表头应为 所属区域 / area）",
      },
    ]);
    const empty = await importFile(app.deps, "enterprises", tempFile("empty.csv", ""));
    expect(empty.errors).toEqual([{ row: 0, column: "(file)", code: "file_empty", message: "文件是空的" }]);
    const headerOnly = await run([ENTERPRISE_HEADER]);
    expect(headerOnly.errors).toEqual([
      { row: 0, column: "(file)", code: "no_data_rows", message: "只有表头，没有数据行" },
    ]);
    const nowhere = await importFile(app.deps, "enterprises", "/nonexistent/enterprises.csv");
    expect(nowhere.errors).toEqual([
      { row: 0, column: "(file)", code: "file_not_found", message: "找不到该文件" },
    ]);
  });

  it("refuses a non-UTF-8 CSV and a file that is not a spreadsheet", async () => {
    const gbk = Buffer.concat([
      Buffer.from(`${ENTERPRISE_HEADER.join(",")}\n`),
      Buffer.from([0xbc, 0xd7, 0xb3, 0xa7]),
      Buffer.from(`,${A},工贸,s1,,,\n`),
    ]);
    const bad = await importFile(app.deps, "enterprises", tempFile("gbk.csv", gbk));
    expect(bad).toMatchObject({
      ok: false,
      errors: [
        { row: 0, code: "file_not_utf8", message: expect.stringMatching(/不是 UTF-8 编码（第 2 行起/) },
      ],
    });
    const pdf = await importFile(app.deps, "enterprises", tempFile("enterprises.xlsx", "%PDF-1.7\n..."));
    expect(pdf).toMatchObject({
      ok: false,
      errors: [{ row: 0, code: "file_pdf", message: "不是 CSV 或 XLSX 表格，而是 PDF 文件" }],
    });
  });
});
