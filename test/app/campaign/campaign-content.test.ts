import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadCampaignContent } from "../../../src/content/campaign-content.ts";
import { PROMPTS } from "./campaign-harness.ts";

/** A copy of the shipped campaign and calendar prompts with some files replaced. */
function promptsWith(files: Record<string, string | null>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "xunjian-campaigns-"));
  const prompts = path.join(dir, "prompts");
  fs.cpSync(path.join(PROMPTS, "campaigns"), path.join(prompts, "campaigns"), { recursive: true });
  fs.cpSync(path.join(PROMPTS, "calendar"), path.join(prompts, "calendar"), { recursive: true });
  for (const [name, text] of Object.entries(files)) {
    const file = path.join(prompts, name);
    if (text === null) fs.rmSync(file);
    else fs.writeFileSync(file, text);
  }
  return prompts;
}

const shipped = (name: string) => fs.readFileSync(path.join(PROMPTS, name), "utf8");

describe("campaign content", () => {
  it("loads the shipped templates and wording, and plans 2025 to 2027 without a problem", () => {
    const result = loadCampaignContent(PROMPTS, [2025, 2026, 2027]);
    expect(result.ok ? [] : result.problems).toEqual([]);
    if (!result.ok) return;
    expect(result.content.templates.map((t) => t.id).sort()).toEqual([
      "dragon_boat",
      "flood_season",
      "labour_day",
      "lianghui",
      "mid_autumn",
      "national_day",
      "new_year",
      "qingming",
      "resumption",
      "safety_month",
      "spring_festival",
      "winter_fire",
    ]);
  });

  it("names the file and the path of every problem in a template", () => {
    const broken = shipped("campaigns/templates/new_year.yaml")
      .replace('times: ["09:07"]', 'times: ["09:00"]')
      .replace('name: "{year}年{anchor}节前安全自查"', 'name: "{year}年{holiday}节前安全自查"')
      .replace("everyDays: 2 ", "everyDays: 0 ");
    const result = loadCampaignContent(promptsWith({ "campaigns/templates/new_year.yaml": broken }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => `${p.file}: ${p.path}`)).toEqual([
      "prompts/campaigns/templates/new_year.yaml: name",
      "prompts/campaigns/templates/new_year.yaml: reminders.default.everyDays",
      "prompts/campaigns/templates/new_year.yaml: reminders.default.times[0]",
    ]);
    expect(result.problems[2]?.message).toContain("off the hour");
  });

  it("refuses two templates for one holiday, and a message that lost a placeholder", () => {
    const twin = shipped("campaigns/templates/new_year.yaml").replace("id: new_year", "id: new_year_2");
    const messages = shipped("campaigns/messages.yaml").replace("{done}/{total} 家", "{done} 家");
    const result = loadCampaignContent(
      promptsWith({ "campaigns/templates/new_year_2.yaml": twin, "campaigns/messages.yaml": messages }),
    );
    expect(result.ok ? [] : result.problems).toEqual([
      { file: "prompts/campaigns/messages.yaml", path: "card.completion", message: "must contain {total}" },
      {
        file: "prompts/campaigns/templates/new_year_2.yaml",
        path: "anchor",
        message: 'holiday new_year already has template "new_year"; one campaign per holiday or period',
      },
    ]);
  });

  it("reports a plan whose dates do not work out for a year that is checked", () => {
    const late = shipped("campaigns/templates/labour_day.yaml").replace(
      "deadline: { from: start, workdays: -1 }",
      "deadline: { from: start, days: -10 }",
    );
    const result = loadCampaignContent(promptsWith({ "campaigns/templates/labour_day.yaml": late }), [2026]);
    expect(result.ok ? [] : result.problems).toEqual([
      {
        file: "prompts/campaigns/templates/labour_day.yaml",
        path: "(plan)",
        message: "2026: deadline 2026-04-21 is before the opening 2026-04-24",
      },
    ]);
  });
});
