import { describe, expect, it } from "vitest";
import {
  type Catalogue,
  CatalogueSchema,
  checkCitation,
  instrumentStatus,
  renderCitation,
} from "../../../src/domain/basis/instrument.ts";

const citation = {
  instrument: {
    law: "《{title}》",
    administrative_regulation: "《{title}》（{number}）",
    ministry_order: "《{title}》（{number}）",
    normative_document: "《{title}》（{number}）",
    national_standard: "{number}《{title}》",
    industry_standard: "{number}《{title}》",
  },
  instrumentWithoutNumber: "《{title}》",
  clause: {
    law: "{clause}",
    administrative_regulation: "{clause}",
    ministry_order: "{clause}",
    normative_document: "{clause}",
    national_standard: "第{clause}条",
    industry_standard: "第{clause}条",
  },
  between: "；",
  betweenClauses: "、",
};

/** A small catalogue: a law, an order, a standard and the one it replaced, one without a date. */
function catalogue(): Catalogue {
  return CatalogueSchema.parse({
    citation,
    instruments: [
      {
        id: "work-safety-law",
        kind: "law",
        title: "中华人民共和国安全生产法",
        issuer: "全国人民代表大会常务委员会",
        effective: "2021-09-01",
        clauses: [
          { id: "第二十一条", summary: "主要负责人职责" },
          { id: "第四十一条", summary: "隐患排查治理" },
        ],
      },
      {
        id: "mem-order-10",
        kind: "ministry_order",
        title: "工贸企业重大事故隐患判定标准",
        number: "应急管理部令第10号",
        issuer: "应急管理部",
        effective: "2023-05-15",
        clauses: [{ id: "第十三条第（二）项", summary: "有限空间作业" }],
      },
      {
        id: "gb35181-2017",
        kind: "national_standard",
        title: "重大火灾隐患判定方法",
        number: "GB 35181-2017",
        issuer: "国家质检总局",
        supersededBy: { id: "gb35181-2025", on: "2025-11-01" },
        clauses: [{ id: "6.5", summary: "安全出口不足" }],
      },
      {
        id: "gb35181-2025",
        kind: "national_standard",
        title: "重大火灾隐患判定规则",
        number: "GB 35181-2025",
        issuer: "国家市场监督管理总局",
        effective: "2025-11-01",
        clauses: [{ id: "5", label: "第5章", summary: "直接判定要素" }],
      },
      {
        id: "old-2022",
        kind: "normative_document",
        title: "旧版",
        number: "旧〔2022〕2号",
        issuer: "部",
        supersededBy: { id: "new-2024" },
      },
      { id: "new-2024", kind: "normative_document", title: "新版", number: "新〔2024〕5号", issuer: "部" },
      { id: "guide", kind: "normative_document", title: "无文号的办法", issuer: "部" },
    ],
  });
}

describe("a citation is rendered in the usual Chinese form", () => {
  it("names a law by title, an order with its number, a standard by number and title", () => {
    expect(
      renderCitation(catalogue(), [
        { ref: "gb35181-2025", clause: "5" },
        { ref: "mem-order-10", clause: "第十三条第（二）项" },
        { ref: "work-safety-law", clause: "第四十一条" },
      ]),
    ).toBe(
      "GB 35181-2025《重大火灾隐患判定规则》第5章；《工贸企业重大事故隐患判定标准》（应急管理部令第10号）第十三条第（二）项；《中华人民共和国安全生产法》第四十一条",
    );
  });

  it("joins consecutive clauses of one instrument, and cites an instrument without a clause or number", () => {
    const c = catalogue();
    expect(
      renderCitation(c, [
        { ref: "work-safety-law", clause: "第二十一条" },
        { ref: "work-safety-law", clause: "第四十一条" },
      ]),
    ).toBe("《中华人民共和国安全生产法》第二十一条、第四十一条");
    expect(renderCitation(c, [{ ref: "gb35181-2025" }, { ref: "guide" }])).toBe(
      "GB 35181-2025《重大火灾隐患判定规则》；《无文号的办法》",
    );
  });

  it("writes a standard's clause by the kind's template unless the clause has a label", () => {
    expect(renderCitation(catalogue(), [{ ref: "gb35181-2017", clause: "6.5" }])).toBe(
      "GB 35181-2017《重大火灾隐患判定方法》第6.5条",
    );
  });
});

describe("a citation must name an instrument in force on the day checked", () => {
  it("passes a known instrument and clause in force", () => {
    expect(checkCitation(catalogue(), [{ ref: "gb35181-2025", clause: "5" }], "2026-01-01")).toEqual([]);
  });

  it("names an unknown instrument and an unknown clause", () => {
    expect(
      checkCitation(
        catalogue(),
        [{ ref: "gb99999" }, { ref: "mem-order-10", clause: "第九十九条" }],
        "2026-01-01",
      ),
    ).toEqual([
      { index: 0, field: "ref", message: 'unknown instrument "gb99999" (not in the catalogue)' },
      {
        index: 1,
        field: "clause",
        message: '应急管理部令第10号 has no clause "第九十九条" in the catalogue',
      },
    ]);
  });

  it("refuses a superseded instrument from the day it was replaced, naming the successor", () => {
    const refs = [{ ref: "gb35181-2017", clause: "6.5" }];
    expect(checkCitation(catalogue(), refs, "2025-10-31")).toEqual([]);
    expect(checkCitation(catalogue(), refs, "2025-11-01")).toEqual([
      {
        index: 0,
        field: "ref",
        message:
          "GB 35181-2017 was superseded by gb35181-2025 (GB 35181-2025《重大火灾隐患判定规则》) on 2025-11-01",
      },
    ]);
  });

  it("refuses a successor before it takes effect, and an instrument replaced on an unknown day at any day", () => {
    const c = catalogue();
    expect(checkCitation(c, [{ ref: "gb35181-2025" }], "2025-06-01")[0]?.message).toBe(
      "GB 35181-2025 is not in force until 2025-11-01 (checked at 2025-06-01)",
    );
    expect(checkCitation(c, [{ ref: "old-2022" }], "2000-01-01")[0]?.message).toBe(
      "旧〔2022〕2号 was superseded by new-2024 (《新版》（新〔2024〕5号）)",
    );
    const old = c.instruments.find((i) => i.id === "old-2022");
    expect(old && instrumentStatus(c, old, "2000-01-01")).toBe("superseded");
  });

  it("checks only the references when no day is given", () => {
    expect(checkCitation(catalogue(), [{ ref: "gb35181-2017", clause: "6.5" }])).toEqual([]);
  });
});

describe("the catalogue file", () => {
  it("rejects a successor that is not in the catalogue and an id used twice", () => {
    const raw = {
      citation,
      instruments: [
        { id: "a", kind: "law", title: "甲", issuer: "乙", supersededBy: { id: "b" } },
        { id: "a", kind: "law", title: "甲", issuer: "乙" },
      ],
    };
    const result = CatalogueSchema.safeParse(raw);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["instruments.0.supersededBy.id", 'unknown successor "b"'],
      ["instruments.1.id", '"a" is used twice'],
    ]);
  });
});
