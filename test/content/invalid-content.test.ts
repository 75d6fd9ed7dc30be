import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { describeProblems } from "../../src/content/content-problem.ts";
import { loadContent } from "../../src/content/load-content.ts";
import { contentDir, createTestApp, FIXTURES } from "../support/test-app.ts";

const checklist = fs.readFileSync(path.join(FIXTURES, "kinds-checklist.yaml"), "utf8");
const rules = fs.readFileSync(path.join(FIXTURES, "kinds-rules.json"), "utf8");

function problemsOf(files: { checklists?: Record<string, string>; rules?: Record<string, string> }): string {
  const dir = contentDir(files);
  const result = loadContent(dir.promptsDir, dir.rulesDir);
  if (result.ok) throw new Error("expected problems");
  return describeProblems(result.problems);
}

describe("malformed content is rejected with the file and the path inside it", () => {
  it("accepts the fixture content", () => {
    const dir = contentDir({ checklists: { "k.yaml": checklist }, rules: { "k.json": rules } });
    expect(loadContent(dir.promptsDir, dir.rulesDir).ok).toBe(true);
  });

  it("names a bad question kind, a missing option list and a duplicate id", () => {
    const broken = checklist
      .replace("kind: number", "kind: slider")
      .replace("    kind: multi\n", "    kind: multi\n    options_missing: true\n")
      .replace("id: k_note", "id: k_staff");
    const problems = problemsOf({ checklists: { "kinds.yaml": broken }, rules: {} });
    expect(problems).toContain("prompts/checklists/kinds.yaml: questions[3].kind:");
    expect(problems).toContain("prompts/checklists/kinds.yaml: questions[2]:");
    expect(problems).toMatch(/duplicate question id "k_staff"|Unrecognized key/);
  });

  it("names a YAML syntax error", () => {
    const problems = problemsOf({ checklists: { "bad.yaml": "id: [unclosed\n" } });
    expect(problems).toMatch(/^prompts\/checklists\/bad\.yaml: \(file\):/m);
  });

  it("rejects an unknown event type, an unknown question and an unknown fact", () => {
    const parsed = JSON.parse(rules);
    parsed.rules[0].event.type = "send_email";
    parsed.rules[1].conditions.all[0].path = "$.k_nope";
    parsed.rules[2].conditions.any[0].fact = "weather";
    const problems = problemsOf({
      checklists: { "kinds.yaml": checklist },
      rules: { "r.json": JSON.stringify(parsed) },
    });
    expect(problems).toContain("rules/r.json: rules[0].event.type:");
    expect(problems).toContain(
      'rules/r.json: rules[1].conditions.all[0].path: no question "k_nope" in kinds-test',
    );
    expect(problems).toContain('rules/r.json: rules[2].conditions.any[0].fact: unknown fact "weather"');
  });

  it("rejects a broken JSON rule file and a missing message key", () => {
    const dir = contentDir({ checklists: { "kinds.yaml": checklist }, rules: { "r.json": "{ not json" } });
    const messages = path.join(dir.promptsDir, "messages.yaml");
    fs.writeFileSync(messages, fs.readFileSync(messages, "utf8").replace(/^ {2}bind\.ok:.*$/m, ""));
    const result = loadContent(dir.promptsDir, dir.rulesDir);
    const text = result.ok ? "" : describeProblems(result.problems);
    expect(text).toContain("rules/r.json: (file):");
    expect(text).toContain("prompts/messages.yaml: messages.bind.ok:");
  });

  it("stops start-up with every problem listed", async () => {
    const dir = contentDir({
      checklists: { "kinds.yaml": checklist.replace("version: 1", "version: zero") },
    });
    await expect(createTestApp(dir)).rejects.toThrow(/prompts\/checklists\/kinds\.yaml: version:/);
  });
});
