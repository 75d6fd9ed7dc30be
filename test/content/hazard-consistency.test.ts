import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { describeProblems } from "../../src/content/content-problem.ts";
import { loadContent } from "../../src/content/load-content.ts";
import { runCli } from "../support/run-cli.ts";
import { contentDir, FIXTURES } from "../support/test-app.ts";

const checklist = fs.readFileSync(path.join(FIXTURES, "kinds-checklist.yaml"), "utf8");

type Params = Record<string, unknown>;
/** A self-check rule of the fixture checklist opening `hazard` when k_exits is "no". */
const selfCheckRule = (id: string, params: Params) => ({
  id,
  checklist: "kinds-test",
  conditions: { all: [{ fact: "answers", path: "$.k_exits", operator: "equal", value: "no" }] },
  event: {
    type: "open_ticket",
    params: {
      title: "安全出口堵塞",
      category: "消防安全",
      grade: "general",
      deadlineDays: 1,
      basis: [{ ref: "fire-law", clause: "第二十八条" }],
      responsible: "enterprise_head",
      ...params,
    },
  },
});
/** A grid-report rule classifying a report that mentions 出口 as `hazard`. */
const reportRule = (id: string, params: Params) => ({
  id,
  conditions: { all: [{ fact: "report", path: "$.description", operator: "mentionsAny", value: ["出口"] }] },
  event: {
    type: "classify_report",
    params: {
      title: "安全出口堵塞",
      category: "消防安全",
      grade: "general",
      deadlineDays: 1,
      basis: [{ ref: "fire-law", clause: "第二十八条" }],
      ...params,
    },
  },
});
const file = (scope: string, rules: object[]) => JSON.stringify({ scope, rules }, null, 2);

function problemsOf(rules: Record<string, string>): string {
  const dir = contentDir({ checklists: { "kinds.yaml": checklist }, rules });
  const result = loadContent(dir.promptsDir, dir.rulesDir);
  return result.ok ? "" : describeProblems(result.problems);
}

describe("one hazard, one grade, basis and deadline, whichever way it is found", () => {
  it("accepts a hazard two rules register alike", () => {
    expect(
      problemsOf({
        "a.json": file("self_check", [selfCheckRule("a-one", { hazard: "x.exit" })]),
        "b.json": file("grid_report", [reportRule("b-one", { hazard: "x.exit" })]),
      }),
    ).toBe("");
  });

  it("names the file, the path and the other rule when one hazard is given two grades", () => {
    const problems = problemsOf({
      "a.json": file("self_check", [
        selfCheckRule("a-general", { hazard: "x.exit" }),
        selfCheckRule("a-major", { hazard: "x.exit", grade: "major", deadlineDays: 30 }),
      ]),
    });
    expect(problems).toContain(
      'rules/a.json: rules[1].event.params.grade: hazard "x.exit" is graded major here but general by rules/a.json rules[0].event.params (a-general): one hazard has one grade',
    );
  });

  it("flags a grid report that grades a self-check hazard differently, as 危化品混放 was", () => {
    const problems = problemsOf({
      "a.json": file("self_check", [
        selfCheckRule("a-major", { hazard: "x.storage", grade: "major", deadlineDays: 7 }),
      ]),
      "b.json": file("grid_report", [reportRule("b-general", { hazard: "x.storage", deadlineDays: 3 })]),
    });
    expect(problems).toContain(
      'rules/b.json: rules[0].event.params.grade: hazard "x.storage" is graded general here but major by rules/a.json rules[0].event.params (a-major)',
    );
    expect(problems).toContain(
      'rules/b.json: rules[0].event.params: hazard "x.storage" is registered here with basis fire-law 第二十八条 and 3 days, but self-checks register it with fire-law 第二十八条 and 7 days (rules/a.json rules[0].event.params (a-major))',
    );
  });

  it("flags a grid report that gives a self-check hazard another basis", () => {
    const problems = problemsOf({
      "a.json": file("self_check", [selfCheckRule("a-one", { hazard: "x.exit" })]),
      "b.json": file("grid_report", [
        reportRule("b-one", { hazard: "x.exit", basis: [{ ref: "work-safety-law", clause: "第四十一条" }] }),
      ]),
    });
    expect(problems).toMatch(
      /rules\/b\.json: rules\[0\]\.event\.params: hazard "x\.exit" is registered here with basis work-safety-law 第四十一条/,
    );
  });

  it("checks the policy's fallback for grid reports like a rule", () => {
    const problems = problemsOf({
      "a.json": file("self_check", [
        selfCheckRule("a-major", { hazard: "report.other", grade: "major", deadlineDays: 7 }),
      ]),
    });
    expect(problems).toContain(
      'prompts/ticket-policy.yaml: gridReportFallback.grade: hazard "report.other" is graded general here but major by rules/a.json',
    );
  });

  it("requires immediate on a hazard the policy lists as 立即整改, and only there", () => {
    const problems = problemsOf({
      "a.json": file("self_check", [
        selfCheckRule("a-pit", { hazard: "cs.deep_pit", grade: "major", deadlineDays: 30 }),
        selfCheckRule("a-exit", {
          hazard: "x.exit",
          immediate: true,
          deadlineHours: 12,
          deadlineDays: undefined,
        }),
      ]),
    });
    expect(problems).toContain(
      'rules/a.json: rules[0].event.params.immediate: hazard "cs.deep_pit" is listed as 立即整改 in prompts/ticket-policy.yaml (immediate.hazards): the rule must say "immediate": true',
    );
    expect(problems).toContain(
      'rules/a.json: rules[1].event.params.immediate: hazard "x.exit" is immediate here but not listed in prompts/ticket-policy.yaml',
    );
  });

  it("refuses an immediate hazard given more than three days, and a deadline given twice or not at all", () => {
    const problems = problemsOf({
      "a.json": file("self_check", [
        selfCheckRule("a-slow", { hazard: "cs.deep_pit", grade: "major", immediate: true, deadlineDays: 30 }),
        selfCheckRule("a-twice", { hazard: "x.twice", deadlineHours: 12 }),
        selfCheckRule("a-none", { hazard: "x.none", deadlineDays: undefined }),
        selfCheckRule("a-long", { hazard: "x.long", deadlineHours: 96, deadlineDays: undefined }),
      ]),
    });
    expect(problems).toContain(
      "rules/a.json: rules[0].event.params.deadlineDays: an immediate hazard (立即整改) is due within 3 days",
    );
    expect(problems).toContain("rules/a.json: rules[1].event.params.deadlineDays: give the deadline once");
    expect(problems).toContain("rules/a.json: rules[2].event.params.deadlineDays: give the deadline once");
    expect(problems).toMatch(/rules\/a\.json: rules\[3\]\.event\.params\.deadlineHours:/);
  });

  it("makes `xunjian check` fail, naming the rule", async () => {
    const dir = contentDir({
      checklists: { "kinds.yaml": checklist },
      rules: {
        "a.json": file("self_check", [
          selfCheckRule("a-general", { hazard: "x.exit" }),
          selfCheckRule("a-major", { hazard: "x.exit", grade: "major", deadlineDays: 30 }),
        ]),
      },
    });
    const run = await runCli(["check"], { PROMPTS_DIR: dir.promptsDir, RULES_DIR: dir.rulesDir });
    expect(run.code).toBe(1);
    expect(run.err).toContain("rules[1].event.params.grade");
    expect(run.err).toContain("(a-general)");
  });
});
