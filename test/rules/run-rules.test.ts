import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { type Content, loadContent } from "../../src/content/load-content.ts";
import type { Rule } from "../../src/rules/rule-file.ts";
import { type RuleHit, runRules } from "../../src/rules/run-rules.ts";

const promptsDir = fileURLToPath(new URL("../../prompts", import.meta.url));
const rulesDir = fileURLToPath(new URL("../../rules", import.meta.url));

const ids = (hits: RuleHit[]) => hits.map((h) => h.ruleId);

/** A small self-check rule on one answer, for properties of the runner itself. */
const rule = (id: string, value: string, priority?: number): Rule => ({
  id,
  ...(priority ? { priority } : {}),
  conditions: { all: [{ fact: "answers", path: "$.q", operator: "equal", value }] },
  event: {
    type: "notify_role",
    params: { role: "leader", message: "notify.major_hazard", hazard: id },
  },
});

describe("running rules", () => {
  let content: Content;
  const report = (description: string | undefined, industry: string) =>
    runRules(content.reportRules, {
      report: description === undefined ? {} : { description },
      enterprise: { industry },
    });
  const sweep = (ticket: Record<string, unknown>) =>
    runRules(content.sweepRules, {
      ticket: {
        status: "open",
        overdue: false,
        daysToDeadline: 5,
        daysOverdue: 0,
        grade: "general",
        source: "self_check",
        ...ticket,
      },
      enterprise: {},
    });

  beforeAll(() => {
    const result = loadContent(promptsDir, rulesDir);
    if (!result.ok) throw new Error(JSON.stringify(result.problems, null, 2));
    content = result.content;
  });

  it("classifies a locked exit in a crowded place as major first, then as the general exit rule", async () => {
    const hits = await report("商场二楼安全出口被上锁", "crowded_places");
    expect(ids(hits)).toEqual(["report-blocked-exit-crowded", "report-blocked-exit"]);
    expect(hits[0]?.event).toEqual({
      type: "classify_report",
      params: expect.objectContaining({ hazard: "fire.exit_blocked", grade: "major", deadlineDays: 1 }),
    });
  });

  it("classifies the same locked exit at a factory only by the general rule", async () => {
    expect(ids(await report("车间安全出口被上锁", "industry_trade"))).toEqual(["report-blocked-exit"]);
  });

  it("needs a keyword from each list of a mentionsAny rule", async () => {
    expect(ids(await report("安全出口标志不亮", "industry_trade"))).toEqual([]);
    expect(ids(await report("楼道里电动车充电", "small_venues"))).toEqual(["report-electrical"]);
    expect(ids(await report("焊接作业无人监护", "construction"))).toEqual(["report-hot-work"]);
  });

  it("applies industry-only report rules to that industry alone", async () => {
    expect(ids(await report("仓库内酸碱混放", "hazardous_chemicals"))).toEqual(["report-chemicals-storage"]);
    expect(ids(await report("仓库内酸碱混放", "small_venues"))).toEqual([]);
  });

  it("finds nothing when the report has no description", async () => {
    expect(await report(undefined, "crowded_places")).toEqual([]);
  });

  it("reminds the head one day before the deadline and no earlier", async () => {
    expect(ids(await sweep({ daysToDeadline: 1 }))).toEqual(["sweep-deadline-soon"]);
    expect(ids(await sweep({ daysToDeadline: 2 }))).toEqual([]);
    expect(ids(await sweep({ daysToDeadline: 1, status: "submitted" }))).toEqual([]);
  });

  it("escalates an overdue ticket to the grid worker, and after three days to the leaders", async () => {
    const overdue = { overdue: true, daysToDeadline: -1, daysOverdue: 1 };
    expect(ids(await sweep(overdue))).toEqual(["sweep-overdue-grid-worker"]);
    expect(ids(await sweep({ ...overdue, daysToDeadline: -3, daysOverdue: 3 }))).toEqual([
      "sweep-overdue-grid-worker",
      "sweep-overdue-leaders",
    ]);
    expect(ids(await sweep({ ...overdue, daysOverdue: 5, status: "submitted" }))).toEqual([]);
  });

  it("tells the leaders of a major hazard that did not come from a self-check", async () => {
    const hits = await sweep({ grade: "major", source: "grid_report" });
    expect(hits).toEqual([
      {
        ruleId: "sweep-major-leaders",
        event: {
          type: "escalate",
          params: { step: "major", role: "leader", message: "notify.major_hazard" },
        },
      },
    ]);
    expect(await sweep({ grade: "major", source: "self_check" })).toEqual([]);
  });

  it("returns hits in priority order, highest first", async () => {
    const rules = [rule("low", "x", 1), rule("high", "x", 50), rule("mid", "x", 10)];
    expect(ids(await runRules(rules, { answers: { q: "x" } }))).toEqual(["high", "mid", "low"]);
  });

  it("shares no facts between runs over the same rules", async () => {
    const rules = [rule("on-x", "x")];
    expect(ids(await runRules(rules, { answers: { q: "x" } }))).toEqual(["on-x"]);
    expect(ids(await runRules(rules, { answers: { q: "y" } }))).toEqual([]);
    expect(ids(await runRules(rules, {}))).toEqual([]);
  });
});
