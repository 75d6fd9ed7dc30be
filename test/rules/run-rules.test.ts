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
    params: { role: "leader", message: "notify.ticket_opened", hazard: id },
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

  it("classifies a locked exit in a crowded place as the self-check's general cp.evacuation, and at a factory as fire.exit_blocked", async () => {
    const hits = await report("商场二楼安全出口被上锁", "crowded_places");
    expect(ids(hits)).toEqual(["report-blocked-exit-crowded"]);
    expect(hits[0]?.event).toEqual({
      type: "classify_report",
      params: expect.objectContaining({ hazard: "cp.evacuation", grade: "general", deadlineDays: 1 }),
    });
    expect(ids(await report("车间安全出口被上锁", "industry_trade"))).toEqual(["report-blocked-exit"]);
    expect(ids(await report("楼道安全出口被上锁", "small_venues"))).toEqual([
      "report-blocked-exit-small-venue",
    ]);
  });

  it("needs a keyword from each list of a mentionsAny rule", async () => {
    expect(ids(await report("安全出口旁边有人", "industry_trade"))).toEqual([]);
    expect(ids(await report("楼道里电动车充电", "small_venues"))).toEqual(["report-electrical"]);
    expect(ids(await report("焊接作业无人监护", "construction"))).toEqual(["report-hot-work"]);
  });

  it("reads a cleared exit and dark emergency lighting as an emergency-lighting hazard, not a blocked exit", async () => {
    const said = "疏散通道已清理，未见堵塞，但楼梯间应急照明不亮";
    expect(ids(await report(said, "industry_trade"))).toEqual(["report-emergency-lighting"]);
    expect(ids(await report(said, "crowded_places"))).toEqual(["report-emergency-lighting-crowded"]);
    expect(ids(await report("安全出口标志不亮", "industry_trade"))).toEqual(["report-emergency-lighting"]);
  });

  it("does not read a denied state as present, in one sentence or several", async () => {
    for (const said of [
      "安全出口没有堵塞。",
      "消防通道无杂物堆放，安全出口未上锁",
      "检查了疏散通道，未发现占用。楼梯间畅通。",
      "不存在安全出口锁闭的情况",
      "已清理通道内堆放的纸箱",
    ])
      expect(ids(await report(said, "industry_trade")), said).toEqual([]);
    for (const said of [
      "疏散通道未见堵塞，但二楼安全出口被锁",
      "消防通道无照明。安全出口堆放纸箱！",
      "安全出口被堵没有清理",
    ])
      expect(ids(await report(said, "industry_trade")), said).toEqual(["report-blocked-exit"]);
  });

  it("applies industry-only report rules to that industry alone", async () => {
    const mixed = await report("仓库内酸碱混放", "hazardous_chemicals");
    expect(ids(mixed)).toEqual(["report-chemicals-storage"]);
    // The same grade, basis and deadline as the self-check's mixed-storage rule.
    expect(mixed[0]?.event.params).toMatchObject({ hazard: "hc.storage", grade: "major", deadlineDays: 7 });
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

  it("leaves major hazards to their registration: no sweep step announces them", async () => {
    expect(await sweep({ grade: "major", source: "grid_report" })).toEqual([]);
    expect(await sweep({ grade: "major", source: "self_check" })).toEqual([]);
  });

  it("returns hits in priority order, highest first", async () => {
    const rules = [rule("low", "x", 1), rule("high", "x", 50), rule("mid", "x", 10)];
    expect(ids(await runRules(rules, { answers: { q: "x" } }))).toEqual(["high", "mid", "low"]);
  });

  it("returns hits of one priority in the order the rules were given, whichever finished first", async () => {
    // A condition on a fact computed later: its rule finishes after the others.
    const slow: Rule = {
      id: "slow",
      conditions: { all: [{ fact: "late", operator: "equal", value: true }] },
      event: {
        type: "notify_role",
        params: { role: "leader", message: "notify.ticket_opened", hazard: "slow" },
      },
    };
    const facts = {
      answers: { q: "x" },
      late: () => new Promise((resolve) => setTimeout(() => resolve(true), 5)),
    };
    expect(ids(await runRules([slow, rule("quick", "x")], facts))).toEqual(["slow", "quick"]);
  });

  it("shares no facts between runs over the same rules", async () => {
    const rules = [rule("on-x", "x")];
    expect(ids(await runRules(rules, { answers: { q: "x" } }))).toEqual(["on-x"]);
    expect(ids(await runRules(rules, { answers: { q: "y" } }))).toEqual([]);
    expect(ids(await runRules(rules, {}))).toEqual([]);
  });
});
