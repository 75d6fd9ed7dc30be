import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { type Content, loadContent } from "../../src/content/load-content.ts";
import type { Answers, AnswerValue } from "../../src/domain/checklist/answer.ts";
import {
  type Checklist,
  type LeafQuestion,
  type Question,
  QuestionKinds,
  questionIndex,
} from "../../src/domain/checklist/checklist.ts";
import { activeQuestions, conditionHolds } from "../../src/domain/checklist/sequence.ts";
import { Industries } from "../../src/domain/industry.ts";
import { evaluateSelfCheck, type SelfCheckVerdict } from "../../src/rules/evaluate-self-check.ts";
import { type Condition, leafConditions } from "../../src/rules/rule-file.ts";

const promptsDir = fileURLToPath(new URL("../../prompts", import.meta.url));
const rulesDir = fileURLToPath(new URL("../../rules", import.meta.url));

const choice = (id: string): AnswerValue => ({ kind: "choice", id });
const choices = (...ids: string[]): AnswerValue => ({ kind: "choices", ids });
const num = (value: number): AnswerValue => ({ kind: "number", value });

/** Answers that are "good" but cannot be derived from the question alone: lists and numbers. */
const goodOverrides: Record<string, AnswerValue> = {
  hc_storage_issues: choices("none"),
  hc_emergency_supplies: choices("scba", "chem_suit", "gas_detector", "absorbent", "eyewash"),
  hc_duty_count: num(3),
  it_prestop_checks: choices("dust_cleanup", "power_off", "material_sealed", "equipment_check", "fire_check"),
  it_freezer_workers: num(6),
  it_duty_count: num(2),
  cs_temp_power_issues: choices("none"),
  cs_dorm_issues: choices("none"),
  cs_watch_count: num(2),
  cp_control_room_staff: num(2),
  cp_emergency_ready: choices("plan", "drill", "patrol", "broadcast", "fire_station"),
  cp_peak_visitors: num(5000),
  ug_commercial_check_rate: num(100),
  ug_user_hazards: choices("none"),
  ug_repair_staff: num(4),
  ug_repair_ready: choices("hotline", "vehicle", "detector", "explosion_proof_tools", "materials"),
  sv_fuels: choices("lpg"),
  sv_wiring_issues: choices("none"),
  sv_extinguishers: num(4),
};

/** The first option that opens no follow-up; options are written best first. */
function firstQuietOption(q: Question, ids: string[]): AnswerValue {
  const quiet = ids.map(choice).find((a) => !(q.followUps ?? []).some((f) => conditionHolds(f.when, a)));
  if (!quiet) throw new Error(`every option of ${q.id} opens a follow-up`);
  return quiet;
}

function goodAnswer(q: Question): AnswerValue {
  const override = goodOverrides[q.id];
  if (override) return override;
  if (!q.required) return { kind: "skipped" };
  switch (q.kind) {
    case "yes_no":
      return firstQuietOption(q, q.allowNotApplicable ? ["yes", "no", "na"] : ["yes", "no"]);
    case "single":
      return firstQuietOption(
        q,
        (q.options ?? []).map((o) => o.id),
      );
    case "text":
      return { kind: "text", value: "无" };
    case "photo":
      return { kind: "photos", attachmentIds: ["att-good"] };
    default:
      throw new Error(`no good answer for ${q.kind} question ${q.id}: add it to goodOverrides`);
  }
}

function goodAnswers(checklist: Checklist): Answers {
  return Object.fromEntries(checklist.questions.map((q) => [q.id, goodAnswer(q)]));
}

/** The option ids a rule may compare a choice answer with. */
function optionIds(q: LeafQuestion): string[] {
  if (q.kind === "yes_no") return q.allowNotApplicable ? ["yes", "no", "na"] : ["yes", "no"];
  return (q.options ?? []).map((o) => o.id);
}

/** The same condition with every `any` narrowed to its first branch: one way to make it hold. */
function firstBranches(c: Condition): Condition {
  if ("all" in c) return { all: c.all.map(firstBranches) };
  if ("any" in c) return firstBranches(c.any[0] as Condition);
  return c;
}

describe("shipped checklists and rules", () => {
  let content: Content;
  const checklist = (id: string): Checklist => {
    const c = content.checklists.find((x) => x.id === id);
    if (!c) throw new Error(`no checklist ${id}`);
    return c;
  };
  const questionsOf = (checklistId: string | undefined): Map<string, LeafQuestion> =>
    checklistId
      ? questionIndex(checklist(checklistId))
      : new Map(content.checklists.flatMap((c) => [...questionIndex(c).entries()]));
  const evaluate = (
    checklistId: string,
    patch: Answers,
    supervisionClass: string | null = "C",
    industry?: string,
  ): Promise<SelfCheckVerdict> => {
    const c = checklist(checklistId);
    return evaluateSelfCheck(content.rules, {
      answers: { ...goodAnswers(c), ...patch },
      enterprise: {
        id: "ent-1",
        industry: industry ?? c.industries[0] ?? "",
        supervisionClass,
        areaId: "area-1",
      },
      checklist: c,
      campaign: null,
    });
  };

  beforeAll(() => {
    const result = loadContent(promptsDir, rulesDir);
    if (!result.ok) throw new Error(JSON.stringify(result.problems, null, 2));
    content = result.content;
  });

  it("loads the shipped content without problems", () => {
    expect(loadContent(promptsDir, rulesDir).ok).toBe(true);
  });

  // The holiday checklists (节前自查); the periods' own (汛期, 冬季防火, 复工复产) are shorter by design.
  const holiday = () => content.checklists.filter((c) => c.occasion === "holiday");

  it("ships at least six checklists of at least twelve questions covering every industry", () => {
    expect(holiday().length).toBeGreaterThanOrEqual(6);
    for (const c of holiday()) expect(c.questions.length, c.id).toBeGreaterThanOrEqual(12);
    const covered = holiday().flatMap((c) => c.industries);
    expect([...covered].sort()).toEqual([...Industries].sort());
  });

  it("uses every question kind, and each checklist asks a number, a list and a free-form question", () => {
    const kindsOf = (c: Checklist) => new Set([...questionIndex(c).values()].map((q) => q.kind));
    const all = new Set(content.checklists.flatMap((c) => [...kindsOf(c)]));
    expect([...all].sort()).toEqual([...QuestionKinds].sort());
    for (const c of holiday()) {
      const kinds = kindsOf(c);
      expect(kinds.has("number") && kinds.has("multi"), c.id).toBe(true);
      expect(kinds.has("text") || kinds.has("photo"), c.id).toBe(true);
      expect(
        c.questions.some((q) => !q.required),
        c.id,
      ).toBe(true);
    }
  });

  it("keeps question ids unique across all checklists so rules can name them", () => {
    const ids = content.checklists.flatMap((c) => [...questionIndex(c).keys()]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("ships at least 25 rules, some of them major, several sharing one hazard", () => {
    expect(content.rules.length).toBeGreaterThanOrEqual(25);
    const tickets = content.rules.flatMap((r) => (r.event.type === "open_ticket" ? [r.event.params] : []));
    expect(tickets.some((p) => p.grade === "major")).toBe(true);
    const perHazard = new Map<string, number>();
    for (const p of tickets) perHazard.set(p.hazard, (perHazard.get(p.hazard) ?? 0) + 1);
    expect([...perHazard.values()].filter((n) => n > 1).length).toBeGreaterThanOrEqual(2);
  });

  it("marks the imminent dangers immediate: stop work, a deadline in hours or at most 3 days", () => {
    const immediate = [...content.rules, ...content.reportRules].flatMap((r) =>
      (r.event.type === "open_ticket" || r.event.type === "classify_report") && r.event.params.immediate
        ? [r.event.params]
        : [],
    );
    for (const p of immediate) {
      expect(p.grade, p.hazard).toBe("major");
      expect(p.deadlineHours ?? p.deadlineDays * 24, p.hazard).toBeLessThanOrEqual(72);
    }
    const hazards = new Set(immediate.map((p) => p.hazard));
    for (const hazard of [
      "cs.deep_pit", // 深基坑出现坍塌征兆未处理
      "cs.formwork_overload", // 高支模荷载超设计值
      "cs.crane_safety_devices", // 起重机械安全装置失效
      "ug.station_cutoff", // 燃气场站超压切断或放散装置失效
      "sv.lpg_basement", // 地下/半地下存放使用液化气
      "cs.confined_space",
      "it.confined_space",
    ])
      expect(hazards, hazard).toContain(hazard);
    expect([...hazards].sort()).toEqual([...content.policy.immediate.hazards].sort());
  });

  it("gives every hazard one grade, and a hazard both sources register one basis and deadline", () => {
    const grades = new Map<string, Set<string>>();
    for (const r of [...content.rules, ...content.reportRules]) {
      if (r.event.type !== "open_ticket" && r.event.type !== "classify_report") continue;
      const { hazard, grade } = r.event.params;
      grades.set(hazard, new Set([...(grades.get(hazard) ?? []), grade]));
    }
    for (const [hazard, set] of grades) expect(set.size, hazard).toBe(1);
    expect(grades.get("hc.storage")).toEqual(new Set(["major"]));
    expect(grades.get("cp.evacuation")).toEqual(new Set(["general"]));
  });

  it("takes ticket photos from photo questions and descriptions from text questions", () => {
    const byId = new Map(content.checklists.flatMap((c) => [...questionIndex(c).entries()]));
    for (const rule of content.rules) {
      if (rule.event.type !== "open_ticket") continue;
      const { evidenceQuestion, descriptionQuestion } = rule.event.params;
      if (evidenceQuestion) expect(byId.get(evidenceQuestion)?.kind, rule.id).toBe("photo");
      if (descriptionQuestion) expect(byId.get(descriptionQuestion)?.kind, rule.id).toBe("text");
    }
  });

  it("notifies only about hazards that a ticket rule of the same checklist opens", () => {
    for (const rule of content.rules) {
      if (rule.event.type !== "notify_role") continue;
      const { hazard } = rule.event.params;
      const opened = content.rules.some(
        (r) =>
          r.event.type === "open_ticket" &&
          r.event.params.hazard === hazard &&
          r.checklist === rule.checklist,
      );
      expect(opened, rule.id).toBe(true);
    }
  });

  it("compares answers only with option ids the question offers, and numbers with numbers", () => {
    for (const rule of content.rules) {
      const questions = questionsOf(rule.checklist);
      for (const { leaf } of leafConditions(rule.conditions, [])) {
        if (leaf.fact !== "answers") continue;
        const q = questions.get(leaf.path?.slice(2) ?? "");
        expect(q, `${rule.id} ${leaf.path}`).toBeDefined();
        if (!q) continue;
        if (q.kind === "number") {
          expect(typeof leaf.value, `${rule.id} ${q.id}`).toBe("number");
          continue;
        }
        const offered = optionIds(q);
        const values = Array.isArray(leaf.value) ? leaf.value : [leaf.value];
        for (const v of values) expect(offered, `${rule.id} ${q.id}`).toContain(v);
      }
    }
  });

  it("fires every rule on answers built from its own conditions", async () => {
    for (const rule of content.rules) {
      const leaves = leafConditions(firstBranches(rule.conditions), []).map((x) => x.leaf);
      const questionIds = leaves.flatMap((l) => (l.fact === "answers" && l.path ? [l.path.slice(2)] : []));
      const owner =
        rule.checklist ?? content.checklists.find((c) => questionIndex(c).has(questionIds[0] ?? ""))?.id;
      if (!owner) throw new Error(`no checklist for ${rule.id}`);
      const base = goodAnswers(checklist(owner));
      const patch: Answers = {};
      let supervisionClass: string | null = "C";
      let industry: string | undefined;
      for (const leaf of leaves) {
        if (leaf.fact === "enterprise") {
          const v = String(Array.isArray(leaf.value) ? leaf.value[0] : leaf.value);
          // A rule of a checklist several industries answer names the industry it is for.
          if (leaf.path === "$.industry") industry = v;
          else supervisionClass = v;
          continue;
        }
        const id = leaf.path?.slice(2) ?? "";
        const value = leaf.value as string | number | string[];
        const current = patch[id] ?? base[id];
        const ids = current?.kind === "choices" ? current.ids : [];
        if (leaf.operator === "equal")
          patch[id] = typeof value === "number" ? num(value) : choice(String(value));
        else if (leaf.operator === "in") patch[id] = choice(String((value as string[])[0]));
        else if (leaf.operator === "contains")
          patch[id] = choices(...ids.filter((x) => x !== "none"), String(value));
        else if (leaf.operator === "doesNotContain") patch[id] = choices(...ids.filter((x) => x !== value));
        else if (leaf.operator === "notIn") {
          const q = questionsOf(owner).get(id);
          const other = q ? optionIds(q).find((o) => !(value as string[]).includes(o)) : undefined;
          if (!other) throw new Error(`${rule.id}: no option of ${id} outside ${String(value)}`);
          patch[id] = choice(other);
        } else if (leaf.operator === "lessThan") patch[id] = num(Number(value) - 1);
        else if (leaf.operator === "greaterThan") patch[id] = num(Number(value) + 1);
        else throw new Error(`${rule.id}: no answer for operator ${leaf.operator}`);
      }
      const verdict = await evaluate(owner, patch, supervisionClass, industry);
      if (rule.event.type === "open_ticket")
        expect(
          verdict.hazards.flatMap((h) => h.ruleIds),
          rule.id,
        ).toContain(rule.id);
      else expect(verdict.notifications, rule.id).toContainEqual(rule.event.params);
    }
  });

  describe.each([
    "hazardous-chemicals-holiday",
    "industry-trade-holiday",
    "construction-site-holiday",
    "crowded-places-holiday",
    "urban-gas-holiday",
    "small-venues-holiday",
    "flood-season",
    "winter-fire",
    "resumption",
  ])("%s", (id) => {
    it("opens no follow-up and no ticket when every answer is good, even for an A-class enterprise", async () => {
      const c = checklist(id);
      expect(activeQuestions(c, goodAnswers(c)).length).toBe(c.questions.length);
      for (const cls of ["A", "B", "C", "D", null]) {
        const verdict = await evaluate(id, {}, cls);
        expect(verdict.hazards).toEqual([]);
        expect(verdict.notifications).toEqual([]);
      }
    });
  });

  it.each([
    [
      "hazardous-chemicals-holiday",
      "gas alarms missing or bypassed",
      { hc_gas_alarm_status: choice("missing_or_bypassed") },
      "hc.gas_detection_missing",
      "major",
    ],
    [
      "hazardous-chemicals-holiday",
      "a leaking store",
      { hc_storage_issues: choices("leak", "no_label") },
      "hc.leak",
      "general",
    ],
    [
      "hazardous-chemicals-holiday",
      "hot work without a permit",
      { hc_special_work: choice("not_approved") },
      "hc.special_work",
      "major",
    ],
    [
      "industry-trade-holiday",
      "dust not cleaned",
      { it_dust_cleaning: choice("no") },
      "it.dust_accumulation",
      "major",
    ],
    [
      "industry-trade-holiday",
      "12 people in the freezing room",
      { it_freezer_workers: num(12) },
      "it.ammonia_freezer",
      "major",
    ],
    [
      "industry-trade-holiday",
      "a broken ammonia alarm",
      { it_ammonia_alarm: choice("no") },
      "it.ammonia_alarm",
      "general",
    ],
    [
      "construction-site-holiday",
      "a pit showing collapse signs",
      { cs_deep_pit: choice("warning_signs") },
      "cs.deep_pit",
      "major",
    ],
    [
      "construction-site-holiday",
      "no residual-current protection",
      { cs_temp_power_issues: choices("no_rcd") },
      "cs.temp_power",
      "general",
    ],
    ["crowded-places-holiday", "a locked exit", { cp_exits_clear: choice("no") }, "cp.evacuation", "general"],
    [
      "crowded-places-holiday",
      "one person in the fire control room",
      { cp_control_room_staff: num(1) },
      "cp.control_room",
      "general",
    ],
    [
      "urban-gas-holiday",
      "a building over a gas main",
      { ug_pipeline_encroached: choice("yes") },
      "ug.pipeline_encroachment",
      "major",
    ],
    [
      "urban-gas-holiday",
      "no repair hotline",
      { ug_repair_ready: choices("vehicle", "detector") },
      "ug.emergency_repair",
      "general",
    ],
    ["small-venues-holiday", "one extinguisher", { sv_extinguishers: num(1) }, "sv.extinguishers", "general"],
    [
      "small-venues-holiday",
      "people sleeping beside flammables",
      { sv_three_in_one: choice("with_flammables") },
      "sv.three_in_one_flammables",
      "major",
    ],
  ] as const)("%s: %s opens a ticket for %s (%s)", async (id, _label, patch, hazard, grade) => {
    const verdict = await evaluate(id, patch as Answers);
    expect(verdict.hazards.map((h) => [h.hazard, h.grade])).toContainEqual([hazard, grade]);
  });

  it("merges two rules on the same hazard into one finding with the shorter deadline", async () => {
    const verdict = await evaluate("construction-site-holiday", {
      cs_temp_power_issues: choices("wires_on_ground"),
      cs_power_off: choice("no"),
    });
    const findings = verdict.hazards.filter((h) => h.hazard === "cs.temp_power");
    expect(findings).toHaveLength(1);
    expect(findings[0]?.grade).toBe("general");
    expect(findings[0]?.deadlineDays).toBe(1);
    expect(findings[0]?.ruleIds).toEqual(["cs-temp-power", "cs-power-not-cut"]);
  });

  it("leaves major hazards to their registration and tells grid workers about a risky general one", async () => {
    const major = await evaluate("urban-gas-holiday", { ug_pipeline_encroached: choice("yes") });
    expect(major.notifications).toEqual([]);
    const general = await evaluate("small-venues-holiday", { sv_ebike: choice("indoor") });
    expect(general.notifications).toEqual([
      { role: "grid_worker", message: "notify.ticket_opened", hazard: "sv.ebike" },
    ]);
  });

  it("shortens the deadline for an A-class enterprise with the same hazard", async () => {
    const patch = { hc_mhs_monitoring: choice("no") };
    const classC = await evaluate("hazardous-chemicals-holiday", patch, "C");
    const classA = await evaluate("hazardous-chemicals-holiday", patch, "A");
    const deadline = (v: SelfCheckVerdict) =>
      v.hazards.find((h) => h.hazard === "hc.mhs_monitoring")?.deadlineDays;
    expect(deadline(classC)).toBe(7);
    expect(deadline(classA)).toBe(3);
    expect(classA.hazards.filter((h) => h.hazard === "hc.mhs_monitoring")).toHaveLength(1);
  });

  it("grades a missing sprinkler system as major only where GB 35181 makes it so", async () => {
    const notInstalled = { cp_fire_systems: choice("not_installed") };
    const hotel = await evaluate("crowded-places-holiday", {
      ...notInstalled,
      cp_place_type: choice("hotel"),
    });
    const other = await evaluate("crowded-places-holiday", {
      ...notInstalled,
      cp_place_type: choice("other"),
    });
    const found = (v: SelfCheckVerdict) => v.hazards.map((h) => [h.hazard, h.grade, h.deadlineDays]);
    // A hotel is one of the places GB 35181 names: the major hazard with its own 90 days, nothing else.
    expect(found(hotel)).toEqual([["cp.fire_system_missing_major", "major", 90]]);
    expect(found(other)).toEqual([["cp.fire_system_missing", "general", 30]]);
  });

  it("reports a site with nobody on duty once, from the shared duty rule", async () => {
    const verdict = await evaluate("construction-site-holiday", { cs_watch_count: num(0) });
    expect(verdict.hazards.map((h) => h.hazard)).toEqual(["common.holiday_duty"]);
    expect(verdict.notifications).toContainEqual({
      role: "grid_worker",
      message: "notify.ticket_opened",
      hazard: "common.holiday_duty",
    });
  });
});
