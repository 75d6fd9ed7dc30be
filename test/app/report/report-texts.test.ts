import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadReportTexts } from "../../../src/content/report-texts.ts";
import { ROOT } from "../../support/test-app.ts";

function promptsWith(edit: (yaml: string) => string): string {
  const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "xunjian-report-texts-")), "prompts");
  fs.mkdirSync(dir);
  fs.writeFileSync(
    path.join(dir, "report.yaml"),
    edit(fs.readFileSync(path.join(ROOT, "prompts", "report.yaml"), "utf8")),
  );
  return dir;
}

describe("prompts/report.yaml", () => {
  it("has a label for every status and source and a header for every ledger column", () => {
    const texts = loadReportTexts(path.join(ROOT, "prompts"));
    expect(texts.status.closed).toBe("已销号");
    expect(texts.source.grid_report).toBe("网格员上报");
    expect(texts.ledger.columns.contingencyPlan).toBe("应急预案");
    expect(texts.ledger.columns.inspectionNumber).toBe("检查编号");
    expect(texts.ledger.inspections.sheet).toBe("检查记录");
    expect(texts.markdown.inspections.clauses.industryFine).toBe("实施经济处罚{fine}万元");
  });

  it("is refused with the file and the path of the problem", () => {
    const missing = promptsWith((y) => y.replace(/^ {2}closed: .*\n/m, ""));
    expect(() => loadReportTexts(missing)).toThrow("prompts/report.yaml: status.closed:");
    const typo = promptsWith((y) => y.replace("{hazardsFound}", "{hazards}"));
    expect(() => loadReportTexts(typo)).toThrow(/markdown\.totals: unknown placeholder \{hazards\}/);
    const inspection = promptsWith((y) => y.replace("查处隐患问题{hazardsFound}项", "查处隐患问题{found}项"));
    expect(() => loadReportTexts(inspection)).toThrow(
      /markdown\.inspections\.industry: unknown placeholder \{found\}/,
    );
    const clause = promptsWith((y) =>
      y.replace("industry_clauses: [casesFiled,", "industry_clauses: [cases,"),
    );
    expect(() => loadReportTexts(clause)).toThrow("markdown.inspections.industry_clauses[0]: Invalid option");
  });
});
