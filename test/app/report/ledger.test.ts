import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildLedgerRows, type LedgerRow } from "../../../src/app/report/build-ledger-rows.ts";
import { fromExcelDate, writeLedgerXlsx } from "../../../src/app/report/write-ledger-xlsx.ts";
import { LedgerColumns, loadReportTexts } from "../../../src/content/report-texts.ts";
import { createTestApp, DEMO, type TestApp } from "../../support/test-app.ts";
import { at, E, seedScenario } from "./report-scenario.ts";

const HEADERS = [
  "隐患编号",
  "企业名称",
  "统一社会信用代码",
  "所属区域",
  "网格",
  "隐患部位/设备",
  "隐患描述",
  "隐患类别",
  "隐患等级",
  "判定依据",
  "来源",
  "检查编号",
  "检查类型",
  "检查组",
  "发现时间",
  "发现人",
  "整改措施",
  "责任人",
  "整改期限",
  "整改资金",
  "应急预案",
  "状态",
  "是否逾期",
  "是否挂牌督办",
  "整改完成时间",
  "销号时间",
  "整改前照片数",
  "整改后照片数",
];

describe("the hazard ledger", () => {
  let app: TestApp;
  beforeEach(async () => {
    app = await createTestApp({ seed: true, at: "2026-10-10T09:00:00+08:00" });
    const { f, t1 } = await seedScenario(app);
    const db = app.db;
    await db.ticket.update({
      where: { id: t1.id },
      data: { foundById: await f.personId(DEMO.gridWorkerG3) },
    });
    const photo = (purpose: string, sha: string) => ({ sha256: sha, mime: "image/png", size: 10, purpose });
    await db.attachment.createMany({
      data: [
        { ...photo("hazard", "a1"), ticketId: t1.id },
        { ...photo("hazard", "a2"), ticketId: t1.id },
        { ...photo("rectification", "b1"), ticketId: t1.id },
      ],
    });
    const submitted = await db.ticketEvent.findFirstOrThrow({
      where: { ticketId: t1.id, kind: "submitted" },
    });
    await db.attachment.create({ data: { ...photo("rectification", "b2"), ticketEventId: submitted.id } });
  });
  afterEach(async () => {
    await app.close();
  });

  it("has one row per ticket with the 台账 fields, labels in Chinese", async () => {
    const rows = await buildLedgerRows(app.deps);
    expect(rows.map((r) => r.number)).toEqual([
      "YH-2026-000001",
      "YH-2026-000002",
      "YH-2026-000003",
      "YH-2026-000004",
      "YH-2026-000005",
      "YH-2026-000006",
      "YH-2026-000007",
      "YH-2026-000008",
      "YH-2026-000009",
      "YH-2026-000010",
    ]);
    expect(rows[0]).toEqual({
      number: "YH-2026-000001",
      enterprise: "华宁精细化工有限公司",
      creditCode: E.hc1,
      area: "化工园区",
      grid: "化工园区网格",
      location: "储罐区",
      description: "储罐区 2 号可燃气体报警器不报警",
      category: "消防安全",
      grade: "重大隐患",
      basis: "化工和危险化学品生产经营单位重大生产安全事故隐患判定标准 第十条",
      source: "企业自查",
      inspectionNumber: null,
      inspectionKind: null,
      inspectionTeam: null,
      foundAt: at("2026-09-20 10:00"),
      foundBy: "吴网格",
      measures: "更换探头并联调",
      responsible: "王建国",
      deadline: at("2026-09-25 23:59"),
      funds: "2 万元",
      contingencyPlan: "停用储罐并设专人监护",
      status: "已销号",
      overdue: false,
      supervised: true,
      rectifiedAt: at("2026-09-23 18:00"),
      closedAt: at("2026-09-24 10:00"),
      beforePhotos: 2,
      afterPhotos: 2,
    } satisfies LedgerRow);
    const t3 = rows.find((r) => r.number === "YH-2026-000003");
    expect(t3).toMatchObject({
      status: "整改中",
      source: "监督检查",
      grade: "一般隐患",
      overdue: true,
      supervised: false,
    });
    expect(t3).toMatchObject({
      description: "隐患 YH-2026-000003",
      beforePhotos: 0,
      afterPhotos: 0,
      closedAt: null,
    });
    expect(rows.find((r) => r.number === "YH-2026-000009")).toMatchObject({
      status: "重新整改",
      overdue: true,
    });
  });

  it("narrows by the day found, by area and by industry", async () => {
    const september = await buildLedgerRows(app.deps, { from: "2026-09-01", to: "2026-09-30" });
    expect(september).toHaveLength(8);
    const fromOctober = await buildLedgerRows(app.deps, { from: "2026-10-01" });
    expect(fromOctober.map((r) => r.number)).toEqual(["YH-2026-000006"]);
    const park = await buildLedgerRows(app.deps, { area: "p1" });
    expect(park.map((r) => r.number)).toEqual([
      "YH-2026-000001",
      "YH-2026-000002",
      "YH-2026-000003",
      "YH-2026-000004",
    ]);
    const venues = await buildLedgerRows(app.deps, { industry: "small_venues", to: "2026-09-30" });
    expect(venues.map((r) => r.number)).toEqual(["YH-2026-000009", "YH-2026-000010"]);
    await expect(buildLedgerRows(app.deps, { area: "nowhere" })).rejects.toThrow('Unknown area "nowhere"');
  });

  it("writes an XLSX that reads back with the same rows, a bold frozen header and real dates", async () => {
    const texts = loadReportTexts(app.config.promptsDir);
    const rows = await buildLedgerRows(app.deps, {}, texts);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "xunjian-ledger-")), "台账.xlsx");
    await writeLedgerXlsx(rows, file, texts);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.getWorksheet("隐患台账");
    if (!sheet) throw new Error("no 隐患台账 sheet");
    expect(sheet.rowCount).toBe(rows.length + 1);
    const header = sheet.getRow(1);
    expect(LedgerColumns.map((_, i) => header.getCell(i + 1).value)).toEqual(HEADERS);
    expect(header.font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(sheet.getColumn(1).width).toBeGreaterThan(10);

    const col = (name: string) => HEADERS.indexOf(name) + 1;
    const dateOf = (v: unknown) => (v instanceof Date ? fromExcelDate(v) : v);
    for (const [i, row] of rows.entries()) {
      const r = sheet.getRow(i + 2);
      expect(r.getCell(col("隐患编号")).value).toBe(row.number);
      expect(r.getCell(col("企业名称")).value).toBe(row.enterprise);
      expect(r.getCell(col("隐患等级")).value).toBe(row.grade);
      expect(r.getCell(col("状态")).value).toBe(row.status);
      expect(r.getCell(col("是否逾期")).value).toBe(row.overdue ? "是" : "否");
      expect(dateOf(r.getCell(col("发现时间")).value)).toEqual(row.foundAt);
      expect(dateOf(r.getCell(col("整改期限")).value)).toEqual(row.deadline);
      expect(dateOf(r.getCell(col("销号时间")).value) ?? null).toEqual(row.closedAt);
      expect(r.getCell(col("整改后照片数")).value).toBe(row.afterPhotos);
    }
    const first = sheet.getRow(2);
    // Excel shows Shanghai wall time: found 2026-09-20 10:00 in China.
    expect(first.getCell(col("发现时间")).value).toEqual(new Date("2026-09-20T10:00:00Z"));
    expect(first.getCell(col("发现时间")).numFmt).toBe("yyyy-mm-dd hh:mm");
    expect(first.getCell(col("整改期限")).numFmt).toBe("yyyy-mm-dd");
    expect(first.getCell(col("是否挂牌督办")).value).toBe("是");
    expect(first.getCell(col("整改前照片数")).value).toBe(2);
  });
});
