import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { describeProblems } from "../../src/content/content-problem.ts";
import { loadContent } from "../../src/content/load-content.ts";
import { contentDir, createTestApp, FIXTURES } from "../support/test-app.ts";

const checklist = fs.readFileSync(path.join(FIXTURES, "kinds-checklist.yaml"), "utf8");
const rules = fs.readFileSync(path.join(FIXTURES, "kinds-rules.json"), "utf8");

/** The fixture content, with the first rule citing `basis` instead of its own. */
function citing(basis: unknown) {
  const parsed = JSON.parse(rules);
  parsed.rules[0].event.params.basis = basis;
  return contentDir({
    checklists: { "kinds.yaml": checklist },
    rules: { "kinds.json": JSON.stringify(parsed) },
  });
}

function problems(dir: { promptsDir: string; rulesDir: string }, at: string): string {
  const result = loadContent(dir.promptsDir, dir.rulesDir, { at });
  return result.ok ? "" : describeProblems(result.problems);
}

describe("rules cite instruments of the catalogue that are in force", () => {
  it("renders a rule's references to the Chinese citation the app sees, keeping the references", () => {
    const dir = citing([{ ref: "gb35181-2025" }, { ref: "fire-law", clause: "第二十八条" }]);
    const result = loadContent(dir.promptsDir, dir.rulesDir, { at: "2026-09-24" });
    if (!result.ok) throw new Error(describeProblems(result.problems));
    const event = result.content.rules[0]?.event;
    expect(event?.type === "open_ticket" && event.params).toMatchObject({
      basis: "GB 35181-2025《重大火灾隐患判定规则》；《中华人民共和国消防法》第二十八条",
      basisRefs: [{ ref: "gb35181-2025" }, { ref: "fire-law", clause: "第二十八条" }],
    });
  });

  it("refuses a rule citing GB 35181-2017, naming the file, the path and the successor", () => {
    const dir = citing([
      { ref: "fire-law", clause: "第二十八条" },
      { ref: "gb35181-2017", clause: "6.5" },
    ]);
    expect(problems(dir, "2026-09-24")).toBe(
      "rules/kinds.json: rules[0].event.params.basis[1].ref: GB 35181-2017 was superseded by gb35181-2025 " +
        "(GB 35181-2025《重大火灾隐患判定规则》) on 2025-11-01",
    );
    // Before the new standard took effect the old one was right.
    expect(problems(dir, "2025-10-31")).toBe("");
  });

  it("refuses an unknown instrument or clause, and a free-text basis", () => {
    expect(problems(citing([{ ref: "gb35181-2025", clause: "9.9" }]), "2026-09-24")).toBe(
      'rules/kinds.json: rules[0].event.params.basis[0].clause: GB 35181-2025 has no clause "9.9" in the catalogue',
    );
    expect(problems(citing([{ ref: "fire-code" }]), "2026-09-24")).toContain(
      'rules[0].event.params.basis[0].ref: unknown instrument "fire-code"',
    );
    expect(problems(citing("《消防法》第二十八条"), "2026-09-24")).toContain(
      "rules/kinds.json: rules[0].event.params.basis: must be a list of references",
    );
  });

  it("checks checklist hints and the ticket policy's fallback at their path", () => {
    const dir = contentDir({
      checklists: {
        "kinds.yaml": checklist.replace(
          "hazard: { category: 消防安全, grade: general }",
          "hazard: { category: 消防安全, grade: general, basis: [{ ref: gb35181-2017 }] }",
        ),
      },
      rules: { "kinds.json": rules },
    });
    const policy = path.join(dir.promptsDir, "ticket-policy.yaml");
    fs.writeFileSync(policy, fs.readFileSync(policy, "utf8").replace(/basis: .*/, "basis: [{ ref: nope }]"));
    const text = problems(dir, "2026-09-24");
    expect(text).toMatch(
      /^prompts\/checklists\/kinds\.yaml: questions\[0\]\.hazard\.basis\[0\]\.ref: GB 35181-2017 was superseded by gb35181-2025/m,
    );
    expect(text).toContain(
      'prompts/ticket-policy.yaml: gridReportFallback.basis[0].ref: unknown instrument "nope"',
    );
  });

  it("names a broken catalogue file", () => {
    const dir = citing([{ ref: "fire-law" }]);
    const file = path.join(dir.promptsDir, "basis", "instruments.yaml");
    fs.writeFileSync(
      file,
      fs
        .readFileSync(file, "utf8")
        .replace("supersededBy: { id: gb35181-2025", "supersededBy: { id: gb35181-2030"),
    );
    expect(problems(dir, "2026-09-24")).toMatch(
      /^prompts\/basis\/instruments\.yaml: instruments\[\d+\]\.supersededBy\.id: unknown successor "gb35181-2030"$/m,
    );
  });

  it("stops start-up on a superseded citation on the day the bot starts", async () => {
    const dir = citing([{ ref: "gb35181-2017" }]);
    await expect(createTestApp({ ...dir, at: "2026-09-24T09:00:00+08:00" })).rejects.toThrow(
      /rules\/kinds\.json: rules\[0\]\.event\.params\.basis\[0\]\.ref: GB 35181-2017 was superseded by gb35181-2025/,
    );
  });
});
