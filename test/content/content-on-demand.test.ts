/**
 * A one-off command (`report`, `chat`) opens the app with content read on demand: each section is
 * read and validated when first used, by the same loaders start-up runs, and a malformed file
 * still stops the command with its file and path. `completeContent` validates the rest.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { completeContent, contentOnDemand } from "../../src/content/content-on-demand.ts";
import { validateAllContent } from "../../src/content/validate-all-content.ts";
import { AppError } from "../../src/domain/app-error.ts";
import { contentDir, ROOT } from "../support/test-app.ts";

const TODAY = "2026-09-24";

/** A copy of the shipped content tree, to break. */
function shippedCopy() {
  const dir = contentDir({});
  for (const f of fs.readdirSync(path.join(ROOT, "prompts", "checklists")))
    fs.copyFileSync(path.join(ROOT, "prompts", "checklists", f), path.join(dir.promptsDir, "checklists", f));
  fs.cpSync(path.join(ROOT, "rules"), dir.rulesDir, { recursive: true });
  return dir;
}

function refusal(read: () => unknown): AppError {
  try {
    read();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error("expected the content to be refused");
}

describe("content on demand", () => {
  it("gives each section as validating everything gives it", () => {
    const { promptsDir, rulesDir } = shippedCopy();
    const all = validateAllContent(promptsDir, rulesDir, [], TODAY);
    if (!all.ok) throw new Error(all.problems.join("\n"));
    const lazy = contentOnDemand(promptsDir, rulesDir, TODAY);
    expect(lazy.report).toEqual(all.content.report);
    expect(lazy.inspections).toEqual(all.content.inspections);
    expect(lazy.channels).toEqual(all.content.channels);
    expect(lazy.web).toEqual(all.content.web);
    expect(lazy.checklists).toEqual(all.content.checklists);
    expect(lazy.rules).toEqual(all.content.rules);
    expect(lazy.policy).toEqual(all.content.policy);
    expect(lazy.texts.label("industry", "small_venues")).toBe(
      all.content.texts.label("industry", "small_venues"),
    );
    expect(lazy.campaigns.templates).toEqual(all.content.campaigns.templates);
  });

  it("refuses a malformed section with its file and path, and serves the others", () => {
    const { promptsDir, rulesDir } = shippedCopy();
    const file = path.join(promptsDir, "checklists", "small-venues.yaml");
    fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace(/^version: .*$/m, "version: many"));
    const lazy = contentOnDemand(promptsDir, rulesDir, TODAY);
    // A report needs no checklist: its sections load.
    expect(lazy.report.markdown).toBeDefined();
    expect(lazy.texts.label("industry", "small_venues")).not.toBe("");
    const e = refusal(() => lazy.checklists);
    expect(e.code).toBe("invalid_content");
    expect(e.message).toContain("Content files are invalid");
    expect(e.message).toMatch(/prompts\/checklists\/small-venues\.yaml: version: /);
    // Asked again, it is refused again: a broken section never turns into an empty one.
    expect(refusal(() => lazy.rules).message).toContain("small-venues.yaml");
  });

  it("refuses a malformed report.yaml when the report wording is first used", () => {
    const { promptsDir, rulesDir } = shippedCopy();
    fs.writeFileSync(path.join(promptsDir, "report.yaml"), "markdown: [unclosed\n");
    const lazy = contentOnDemand(promptsDir, rulesDir, TODAY);
    expect(lazy.checklists.length).toBeGreaterThan(0);
    const e = refusal(() => lazy.report);
    expect(e.code).toBe("invalid_content");
    expect(e.message).toContain("report.yaml: (file):");
  });

  it("completeContent validates every file, and refuses with every problem", () => {
    const { promptsDir, rulesDir } = shippedCopy();
    const good = contentOnDemand(promptsDir, rulesDir, TODAY);
    expect(good.report).toBeDefined();
    completeContent(good, promptsDir, rulesDir, TODAY);
    // Completed: sections come from the validation just done, not from a later read of the files.
    fs.writeFileSync(path.join(promptsDir, "web.yaml"), "broken: [\n");
    expect(good.web).toBeDefined();

    const other = shippedCopy();
    fs.writeFileSync(path.join(other.promptsDir, "channels.yaml"), "broken: [\n");
    const rule = path.join(other.rulesDir, "small-venues.json");
    fs.writeFileSync(
      rule,
      fs.readFileSync(rule, "utf8").replace('"operator": "equal"', '"operator": "nearly"'),
    );
    const lazy = contentOnDemand(other.promptsDir, other.rulesDir, TODAY);
    const e = refusal(() => completeContent(lazy, other.promptsDir, other.rulesDir, TODAY));
    expect(e.code).toBe("invalid_content");
    expect(e.message).toContain("channels.yaml");
    expect(e.message).toMatch(/rules\/small-venues\.json: rules\[\d+\]\.conditions/);
  });
});
