/**
 * `report` and `ledger` open the app with the report's sections alone (`content: "report"`): the
 * report wording, the labels and the inspection catalogue, read as the full content reads them; the
 * other sections' loaders are not loaded, and reading one of those sections is a defect.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { completeContent, contentOnDemand } from "../../src/content/content-on-demand.ts";
import { sectionsOnDemand } from "../../src/content/sections-on-demand.ts";
import type { AppError } from "../../src/domain/app-error.ts";
import { ROOT } from "../support/test-app.ts";

const TODAY = "2026-09-24";
const PROMPTS = path.join(ROOT, "prompts");
const RULES = path.join(ROOT, "rules");

describe("the report's content sections", () => {
  it("gives the report wording, the labels and the inspection catalogue as the full content does", () => {
    const full = contentOnDemand(PROMPTS, RULES, TODAY);
    const report = sectionsOnDemand(PROMPTS, RULES, TODAY, null);
    expect(report.report).toEqual(full.report);
    expect(report.inspections).toEqual(full.inspections);
    expect(report.texts.label("industry", "small_venues")).toBe(full.texts.label("industry", "small_venues"));
  });

  it("refuses the other sections and completing as a defect", () => {
    const report = sectionsOnDemand(PROMPTS, RULES, TODAY, null);
    for (const read of [
      () => report.checklists,
      () => report.campaigns,
      () => report.channels,
      () => report.web,
      () => completeContent(report, PROMPTS, RULES, TODAY),
    ])
      expect(read).toThrow(expect.objectContaining({ code: "internal" }) as AppError);
  });
});
