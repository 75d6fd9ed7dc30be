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
  });

  it("is refused with the file and the path of the problem", () => {
    const missing = promptsWith((y) => y.replace(/^ {2}closed: .*\n/m, ""));
    expect(() => loadReportTexts(missing)).toThrow("prompts/report.yaml: status.closed:");
    const typo = promptsWith((y) => y.replace("{hazardsFound}", "{hazards}"));
    expect(() => loadReportTexts(typo)).toThrow(/markdown\.totals: unknown placeholder \{hazards\}/);
  });
});
