import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { exportLedgerWorkbook } from "../../../src/app/report/export-ledger.ts";
import { exportLedger } from "../../../src/app/web/ledger.ts";
import { createTestApp, DEMO, type TestApp } from "../../support/test-app.ts";
import { recordInspections, SEPTEMBER } from "./inspection-scenario.ts";

type Cell = ExcelJS.CellValue;

/** A sheet as its header and its rows, each row keyed by header. */
function sheetRows(
  workbook: ExcelJS.Workbook,
  name: string,
): { header: Cell[]; rows: Record<string, Cell>[] } {
  const sheet = workbook.getWorksheet(name);
  if (!sheet) throw new Error(`no sheet ${name}`);
  const header = (sheet.getRow(1).values as Cell[]).slice(1);
  const rows: Record<string, Cell>[] = [];
  for (let i = 2; i <= sheet.rowCount; i++) {
    const values = (sheet.getRow(i).values as Cell[]).slice(1);
    rows.push(Object.fromEntries(header.map((h, j) => [String(h), values[j] ?? null])));
  }
  return { header, rows };
}

async function read(file: string | Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  if (typeof file === "string") await workbook.xlsx.readFile(file);
  else await workbook.xlsx.load(file as unknown as ArrayBuffer);
  return workbook;
}

/** The Shanghai day an Excel date cell (Shanghai wall time) shows. */
const day = (v: Cell) => (v instanceof Date ? v.toISOString().slice(0, 10) : v);

const INSPECTION_HEADERS = [
  "日期",
  "检查编号",
  "检查类型",
  "企业",
  "行业",
  "区域",
  "检查组",
  "人次",
  "发现隐患",
  "现场整改",
  "文书",
  "执法措施",
  "罚款（元）",
  "备注",
];

describe("the ledger's inspection columns and its 检查记录 sheet", () => {
  let app: TestApp;
  let dir: string;
  beforeEach(async () => {
    app = await createTestApp();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "xunjian-insp-ledger-"));
    await recordInspections(app);
  });
  afterEach(async () => {
    await app.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("writes the inspection, kind and team of each ticket an inspection opened, and one row per inspection", async () => {
    const file = path.join(dir, "台账.xlsx");
    expect(await exportLedgerWorkbook(app.deps, SEPTEMBER, file)).toEqual({ hazards: 4, inspections: 3 });
    const workbook = await read(file);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(["隐患台账", "检查记录"]);

    const hazards = sheetRows(workbook, "隐患台账");
    const source = hazards.header.indexOf("来源");
    expect(hazards.header.slice(source, source + 4)).toEqual(["来源", "检查编号", "检查类型", "检查组"]);
    expect(
      hazards.rows.map((r) => [r.隐患编号, r.来源, r.检查编号, r.检查类型, r.检查组, r.企业名称]),
    ).toEqual([
      [
        "YH-2026-000001",
        "监督检查",
        "JC-2026-000001",
        "督导检查",
        "钱主任、吴网格；外聘专家 2 人",
        "华宁精细化工有限公司",
      ],
      [
        "YH-2026-000002",
        "监督检查",
        "JC-2026-000001",
        "督导检查",
        "钱主任、吴网格；外聘专家 2 人",
        "华宁精细化工有限公司",
      ],
      [
        "YH-2026-000003",
        "监督检查",
        "JC-2026-000002",
        "执法检查",
        "严执法、方专家；其他人员 1 人",
        "东泰危险品仓储有限公司",
      ],
      ["YH-2026-000004", "监督检查", "JC-2026-000003", "暗查暗访", "钱主任", "万达广场购物中心"],
    ]);

    const inspections = sheetRows(workbook, "检查记录");
    expect(inspections.header).toEqual(INSPECTION_HEADERS);
    expect(inspections.rows.map((r) => ({ ...r, 日期: day(r.日期) }))).toEqual([
      {
        日期: "2026-09-24",
        检查编号: "JC-2026-000001",
        检查类型: "督导检查",
        企业: "华宁精细化工有限公司",
        行业: "危险化学品",
        区域: "化工园区",
        检查组: "钱主任、吴网格；外聘专家 2 人",
        人次: 4,
        发现隐患: 2,
        现场整改: 1,
        文书: "责令限期整改指令书 ZL-2026-000001",
        执法措施: "立案；罚款 25000 元",
        "罚款（元）": 25000,
        备注: null,
      },
      {
        日期: "2026-09-24",
        检查编号: "JC-2026-000002",
        检查类型: "执法检查",
        企业: "东泰危险品仓储有限公司",
        行业: "危险化学品",
        区域: "化工园区",
        检查组: "严执法、方专家；其他人员 1 人",
        人次: 3,
        发现隐患: 1,
        现场整改: 0,
        文书: "现场处理措施决定书 XC-2026-000001；行政处罚决定书 CF-2026-000001",
        执法措施: "罚款 23180 元；责令停产停业（三停）；临时查封",
        "罚款（元）": 23180,
        备注: null,
      },
      {
        日期: "2026-09-25",
        检查编号: "JC-2026-000003",
        检查类型: "暗查暗访",
        企业: "万达广场购物中心",
        行业: "人员密集场所",
        区域: "城南街道",
        检查组: "钱主任",
        人次: 1,
        发现隐患: 1,
        现场整改: 1,
        文书: null,
        执法措施: "移交；约谈/面谈",
        "罚款（元）": null,
        备注: "移交消防救援大队，约谈企业负责人",
      },
    ]);
    const sheet = workbook.getWorksheet("检查记录");
    expect(sheet?.getRow(1).font?.bold).toBe(true);
    expect(sheet?.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(sheet?.getRow(2).getCell(1).numFmt).toBe("yyyy-mm-dd");
  });

  it("narrows the inspections as the hazards: by the day submitted, area and industry", async () => {
    const numbers = async (filters: Record<string, string>) => {
      const file = path.join(dir, `${Object.values(filters).join("-")}.xlsx`);
      await exportLedgerWorkbook(app.deps, filters, file);
      return sheetRows(await read(file), "检查记录").rows.map((r) => r.检查编号);
    };
    expect(await numbers({ from: "2026-09-25", to: "2026-09-25" })).toEqual(["JC-2026-000003"]);
    expect(await numbers({ ...SEPTEMBER, area: "p1" })).toEqual(["JC-2026-000001", "JC-2026-000002"]);
    expect(await numbers({ industry: "crowded_places" })).toEqual(["JC-2026-000003"]);
    expect(await numbers({ from: "2026-08-01", to: "2026-08-31" })).toEqual([]);
  });

  it("gives the console's export the same sheets, within the viewer's scope", async () => {
    const person = await app.deps.uow.read((s) => s.people.byPhone(DEMO.leaderPark));
    if (!person) throw new Error("no 孙书记");
    const scope = await app.deps.uow.read((s) => s.people.scopeOf(person));
    const viewer = {
      person: { ...person, enterprise: null },
      scope,
      session: { tokenHash: "t", csrfToken: "c", expiresAt: new Date("2026-12-31T00:00:00Z") },
    };
    const workbook = await read(await exportLedger(app.deps, viewer, { page: 1 }));
    expect(workbook.worksheets.map((s) => s.name)).toEqual(["隐患台账", "检查记录"]);
    // 孙书记 leads 化工园区 (p1): 华宁 and 东泰, not 万达 of 城南街道.
    expect(sheetRows(workbook, "隐患台账").rows.map((r) => r.检查编号)).toEqual([
      "JC-2026-000001",
      "JC-2026-000001",
      "JC-2026-000002",
    ]);
    expect(sheetRows(workbook, "检查记录").rows.map((r) => r.检查编号)).toEqual([
      "JC-2026-000001",
      "JC-2026-000002",
    ]);
  });
});
