import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { type Content, loadContent } from "../../src/content/load-content.ts";
import type { Answers, AnswerValue } from "../../src/domain/checklist/answer.ts";
import { type Checklist, questionIndex } from "../../src/domain/checklist/checklist.ts";
import { choicesOf } from "../../src/domain/checklist/parse-answer.ts";
import {
  evaluateSelfCheck,
  type HazardFinding,
  mergeFinding,
  type SelfCheckVerdict,
} from "../../src/rules/evaluate-self-check.ts";
import type { Rule } from "../../src/rules/rule-file.ts";

const promptsDir = fileURLToPath(new URL("../../prompts", import.meta.url));
const rulesDir = fileURLToPath(new URL("../../rules", import.meta.url));

const choice = (id: string): AnswerValue => ({ kind: "choice", id });
const choices = (...ids: string[]): AnswerValue => ({ kind: "choices", ids });
const num = (value: number): AnswerValue => ({ kind: "number", value });
const text = (value: string): AnswerValue => ({ kind: "text", value });
const skipped: AnswerValue = { kind: "skipped" };
const photo: AnswerValue = { kind: "photos", attachmentIds: ["att-1"] };

/** What a careful enterprise head answers to every top-level question of each shipped checklist. */
const goodAnswers: Record<string, Answers> = {
  "hazardous-chemicals-holiday": {
    hc_production_status: choice("stop_with_plan"),
    hc_major_hazard_source: choice("level_1_2"),
    hc_mhs_monitoring: choice("yes"),
    hc_mhs_responsible: choice("yes"),
    hc_emergency_shutoff: choice("yes"),
    hc_sis: choice("yes"),
    hc_gas_alarm_status: choice("all_normal"),
    hc_gas_alarm_calibrated: choice("yes"),
    hc_storage_issues: choices("none"),
    hc_special_work: choice("none"),
    hc_loading: choice("na"),
    hc_loading_arm: choice("na"),
    hc_qualified_staff: choice("yes"),
    hc_emergency_supplies: choices("scba", "chem_suit", "gas_detector"),
    hc_emergency_drill: choice("within_6_months"),
    hc_duty_count: num(3),
    hc_site_photo: photo,
    hc_other_issues: skipped,
  },
  "industry-trade-holiday": {
    it_production_status: choice("stop_with_measures"),
    it_dust_cleaning: choice("yes"),
    it_dust_explosion_control: choice("yes"),
    it_dust_electrical: choice("yes"),
    it_prestop_checks: choices(
      "dust_cleanup",
      "power_off",
      "material_sealed",
      "equipment_check",
      "fire_check",
    ),
    it_ammonia_alarm: choice("na"),
    it_ammonia_shutoff: choice("na"),
    it_ammonia_direct: choice("not_involved"),
    it_freezer_workers: skipped,
    it_confined_ledger: choice("all_done"),
    it_confined_work: choice("no_work"),
    it_hot_work: choice("none"),
    it_special_equipment: choice("yes"),
    it_special_operators: choice("yes"),
    it_contractor: choice("na"),
    it_duty_count: num(2),
    it_duty_phone: text("0571-88880000"),
    it_site_photo: skipped,
  },
  "construction-site-holiday": {
    cs_holiday_status: choice("full_stop"),
    cs_deep_pit: choice("none"),
    cs_formwork: choice("none"),
    cs_cranes: choice("yes"),
    cs_crane_parking: choice("yes"),
    cs_scaffold: choice("compliant"),
    cs_edge_protection: choice("yes"),
    cs_temp_power_issues: choices("none"),
    cs_power_off: choice("yes"),
    cs_confined_space: choice("na"),
    cs_special_operators: choice("yes"),
    cs_dorm_issues: choices("none"),
    cs_dorm_photo: skipped,
    cs_watch_count: num(2),
    cs_resume_plan: choice("yes"),
    cs_weather_measures: skipped,
  },
  "crowded-places-holiday": {
    cp_place_type: choice("mall"),
    cp_exits_clear: choice("yes"),
    cp_exit_capacity: choice("yes"),
    cp_emergency_lighting: choice("yes"),
    cp_fire_systems: choice("all_normal"),
    cp_control_room_staff: num(2),
    cp_control_room_certified: choice("yes"),
    cp_extinguishers_ok: choice("yes"),
    cp_ebike: choice("outdoor_area"),
    cp_renovation: choice("none"),
    cp_emergency_ready: choices("plan", "drill", "patrol"),
    cp_peak_visitors: num(5000),
    cp_crowd_control: choice("yes"),
    cp_windows_clear: choice("yes"),
    cp_issue_photo: skipped,
    cp_duty_contact: skipped,
  },
  "urban-gas-holiday": {
    ug_pipeline_patrol: choice("completed"),
    ug_pipeline_encroached: choice("no"),
    ug_third_party_work: choice("yes"),
    ug_regulator_protection: choice("yes"),
    ug_station_monitoring: choice("yes"),
    ug_station_cutoff: choice("yes"),
    ug_leak_alarm: choice("normal"),
    ug_user_check_system: choice("yes"),
    ug_commercial_check_rate: num(100),
    ug_user_hazards: choices("none"),
    ug_lpg_filling: choice("compliant"),
    ug_lpg_delivery: choice("yes"),
    ug_repair_staff: num(4),
    ug_repair_ready: choices("hotline", "vehicle", "detector"),
    ug_drill: choice("done"),
    ug_site_photo: skipped,
    ug_notes: skipped,
  },
  "small-venues-holiday": {
    sv_venue_type: choice("restaurant"),
    sv_fuels: choices("lpg"),
    sv_gas_alarm: choice("yes"),
    sv_gas_hose: choice("good"),
    sv_lpg_storage: choice("compliant"),
    sv_wiring_issues: choices("none"),
    sv_extinguishers: num(4),
    sv_three_in_one: choice("none"),
    sv_ebike: choice("outside"),
    sv_exits_clear: choice("yes"),
    sv_window_grilles: choice("with_escape"),
    sv_closing_check: choice("yes"),
    sv_fire_skills: choice("yes"),
    sv_kitchen_photo: skipped,
    sv_notes: skipped,
  },
};

/** What a verdict opens, as the person would read it: hazard, grade, deadline, and which rules. */
const opened = (v: SelfCheckVerdict) =>
  v.hazards
    .map((h) => ({
      hazard: h.hazard,
      grade: h.grade,
      deadlineDays: h.deadlineDays,
      ruleIds: [...h.ruleIds].sort(),
    }))
    .sort((a, b) => a.hazard.localeCompare(b.hazard));

describe("self-check rules over the shipped content", () => {
  let content: Content;
  const checklist = (id: string): Checklist => {
    const c = content.checklists.find((x) => x.id === id);
    if (!c) throw new Error(`no checklist ${id}`);
    return c;
  };
  /** Good answers for a checklist, with a few of them changed. */
  const evaluate = (id: string, patch: Answers = {}, supervisionClass: string | null = "C") => {
    const c = checklist(id);
    return evaluateSelfCheck(content.rules, {
      answers: { ...goodAnswers[id], ...patch },
      enterprise: { id: "ent-1", industry: c.industries[0] ?? "", supervisionClass, areaId: "area-1" },
      checklist: c,
      campaign: null,
    });
  };

  beforeAll(() => {
    const result = loadContent(promptsDir, rulesDir);
    if (!result.ok) throw new Error(JSON.stringify(result.problems, null, 2));
    content = result.content;
  });

  describe.each(Object.keys(goodAnswers))("%s", (id) => {
    it("is answered here with an offered option for every top-level question", () => {
      const c = checklist(id);
      const answers = goodAnswers[id] ?? {};
      expect(Object.keys(answers).sort()).toEqual(c.questions.map((q) => q.id).sort());
      const index = questionIndex(c);
      for (const [qid, a] of Object.entries(answers)) {
        const q = index.get(qid);
        const offered = q ? choicesOf(q, content.texts).map((x) => x.id) : [];
        if (a.kind === "choice") expect(offered, qid).toContain(a.id);
        if (a.kind === "choices") for (const x of a.ids) expect(offered, qid).toContain(x);
      }
    });

    it("opens no ticket and notifies nobody when every answer is good", async () => {
      const verdict = await evaluate(id);
      expect(verdict).toEqual({ hazards: [], notifications: [] });
    });
  });

  describe("hazardous chemicals", () => {
    it("opens a major storage hazard for mixed storage, announced by its registration, not by a rule", async () => {
      const verdict = await evaluate("hazardous-chemicals-holiday", { hc_storage_issues: choices("mixed") });
      expect(opened(verdict)).toEqual([
        {
          hazard: "hc.storage",
          grade: "major",
          deadlineDays: 7,
          ruleIds: ["hc-storage-overstock-or-mixed"],
        },
      ]);
      expect(verdict.notifications).toEqual([]);
    });

    it("opens one general ticket per missing kind of preparation", async () => {
      const verdict = await evaluate("hazardous-chemicals-holiday", {
        hc_emergency_supplies: choices("scba", "chem_suit"),
        hc_emergency_drill: choice("over_6_months"),
      });
      expect(opened(verdict)).toEqual([
        {
          hazard: "hc.emergency_drill",
          grade: "general",
          deadlineDays: 15,
          ruleIds: ["hc-emergency-drill-overdue"],
        },
        {
          hazard: "hc.emergency_supplies",
          grade: "general",
          deadlineDays: 7,
          ruleIds: ["hc-emergency-supplies-missing"],
        },
      ]);
      expect(verdict.notifications).toEqual([]);
    });

    it("merges the shared duty rule and the major-hazard-source duty rule into one ticket", async () => {
      const verdict = await evaluate("hazardous-chemicals-holiday", { hc_duty_count: num(0) });
      expect(opened(verdict)).toEqual([
        {
          hazard: "common.holiday_duty",
          grade: "general",
          deadlineDays: 1,
          ruleIds: ["common-holiday-duty-missing", "hc-duty-understaffed-mhs"],
        },
      ]);
      expect(verdict.notifications).toEqual([
        { role: "grid_worker", message: "notify.ticket_opened", hazard: "common.holiday_duty" },
      ]);
    });

    it("opens the understaffing ticket for one person on duty only at a level 1-2 hazard source", async () => {
      const levelOneTwo = await evaluate("hazardous-chemicals-holiday", { hc_duty_count: num(1) });
      expect(opened(levelOneTwo).map((h) => h.ruleIds)).toEqual([["hc-duty-understaffed-mhs"]]);
      const levelThreeFour = await evaluate("hazardous-chemicals-holiday", {
        hc_duty_count: num(1),
        hc_major_hazard_source: choice("level_3_4"),
      });
      expect(levelThreeFour.hazards).toEqual([]);
    });

    it("registers a level 1-2 tank farm without shut-off as the major hazard with its own 60 days, and others as general", async () => {
      const verdict = await evaluate("hazardous-chemicals-holiday", { hc_emergency_shutoff: choice("no") });
      expect(opened(verdict)).toEqual([
        {
          hazard: "hc.emergency_shutoff_mhs",
          grade: "major",
          deadlineDays: 60,
          ruleIds: ["hc-emergency-shutoff-major"],
        },
      ]);
      expect(verdict.hazards[0]?.title).toBe("一、二级重大危险源罐区紧急切断未投用");
      const levelThreeFour = await evaluate("hazardous-chemicals-holiday", {
        hc_emergency_shutoff: choice("no"),
        hc_major_hazard_source: choice("level_3_4"),
      });
      expect(opened(levelThreeFour)).toEqual([
        {
          hazard: "hc.emergency_shutoff",
          grade: "general",
          deadlineDays: 7,
          ruleIds: ["hc-emergency-shutoff-fault"],
        },
      ]);
    });

    it("tells the grid worker about faulty gas detectors only at an A or B class enterprise", async () => {
      const patch = { hc_gas_alarm_status: choice("some_fault") };
      const classB = await evaluate("hazardous-chemicals-holiday", patch, "B");
      const classC = await evaluate("hazardous-chemicals-holiday", patch, "C");
      expect(opened(classB)).toEqual(opened(classC));
      expect(opened(classC)).toEqual([
        { hazard: "hc.gas_detection", grade: "general", deadlineDays: 3, ruleIds: ["hc-gas-alarm-fault"] },
      ]);
      expect(classB.notifications).toEqual([
        { role: "grid_worker", message: "notify.ticket_opened", hazard: "hc.gas_detection" },
      ]);
      expect(classC.notifications).toEqual([]);
    });
  });

  describe("industry and trade", () => {
    it("grades a confined-space ledger by how much of it is missing", async () => {
      const partly = await evaluate("industry-trade-holiday", { it_confined_ledger: choice("partly") });
      const none = await evaluate("industry-trade-holiday", { it_confined_ledger: choice("none_done") });
      expect(opened(partly)).toEqual([
        {
          hazard: "it.confined_ledger",
          grade: "general",
          deadlineDays: 7,
          ruleIds: ["it-confined-ledger-partial"],
        },
      ]);
      expect(opened(none)).toEqual([
        {
          hazard: "it.confined_ledger_none",
          grade: "major",
          deadlineDays: 30,
          ruleIds: ["it-confined-ledger-missing"],
        },
      ]);
    });

    it("keeps uncleaned dust (major) and unplanned cleaning (general) as two hazards of their own grades", async () => {
      const unplanned = await evaluate("industry-trade-holiday", {
        it_prestop_checks: choices("power_off", "equipment_check"),
      });
      expect(opened(unplanned)).toEqual([
        {
          hazard: "it.dust_cleanup_plan",
          grade: "general",
          deadlineDays: 3,
          ruleIds: ["it-dust-cleanup-not-planned"],
        },
      ]);
      const both = await evaluate("industry-trade-holiday", {
        it_prestop_checks: choices("power_off", "equipment_check"),
        it_dust_cleaning: choice("no"),
      });
      expect(opened(both)).toEqual([
        {
          hazard: "it.dust_accumulation",
          grade: "major",
          deadlineDays: 7,
          ruleIds: ["it-dust-accumulation"],
        },
        {
          hazard: "it.dust_cleanup_plan",
          grade: "general",
          deadlineDays: 3,
          ruleIds: ["it-dust-cleanup-not-planned"],
        },
      ]);
      expect(both.notifications).toEqual([]);
    });

    it("treats more than nine people in a freezing room as major and immediate, and nine as fine", async () => {
      expect((await evaluate("industry-trade-holiday", { it_freezer_workers: num(9) })).hazards).toEqual([]);
      const ten = await evaluate("industry-trade-holiday", { it_freezer_workers: num(10) });
      expect(opened(ten)).toEqual([
        {
          hazard: "it.ammonia_freezer",
          grade: "major",
          deadlineDays: 1,
          ruleIds: ["it-freezer-overcrowded"],
        },
      ]);
      expect(ten.hazards[0]).toMatchObject({ immediate: true, deadlineHours: 24 });
    });
  });

  describe("construction", () => {
    it("grades a scaffold by whether single ties or a whole layer are missing", async () => {
      const partly = await evaluate("construction-site-holiday", { cs_scaffold: choice("partly_missing") });
      const layer = await evaluate("construction-site-holiday", { cs_scaffold: choice("layer_missing") });
      expect(opened(partly)).toEqual([
        { hazard: "cs.scaffold", grade: "general", deadlineDays: 7, ruleIds: ["cs-scaffold-partly-missing"] },
      ]);
      expect(opened(layer)).toEqual([
        {
          hazard: "cs.scaffold_layer",
          grade: "major",
          deadlineDays: 3,
          ruleIds: ["cs-scaffold-layer-missing"],
        },
      ]);
    });

    it("opens separate tickets for two power problems that are different hazards", async () => {
      const verdict = await evaluate("construction-site-holiday", {
        cs_temp_power_issues: choices("no_safety_voltage", "no_rcd"),
      });
      expect(opened(verdict)).toEqual([
        { hazard: "cs.safety_voltage", grade: "major", deadlineDays: 30, ruleIds: ["cs-safety-voltage"] },
        { hazard: "cs.temp_power", grade: "general", deadlineDays: 3, ruleIds: ["cs-temp-power"] },
      ]);
    });

    it("merges wires on the ground and power left on into one temporary-power ticket due in a day", async () => {
      const verdict = await evaluate("construction-site-holiday", {
        cs_temp_power_issues: choices("wires_on_ground"),
        cs_power_off: choice("no"),
      });
      expect(opened(verdict)).toEqual([
        {
          hazard: "cs.temp_power",
          grade: "general",
          deadlineDays: 1,
          ruleIds: ["cs-power-not-cut", "cs-temp-power"],
        },
      ]);
    });
  });

  describe("crowded places", () => {
    it("makes too few exits major in a mall with the major rule's own 60 days, and general elsewhere", async () => {
      const mall = await evaluate("crowded-places-holiday", { cp_exit_capacity: choice("no") });
      expect(opened(mall)).toEqual([
        {
          hazard: "cp.exit_capacity_major",
          grade: "major",
          deadlineDays: 60,
          ruleIds: ["cp-exit-capacity-major"],
        },
      ]);
      expect(mall.notifications).toEqual([]);
      const other = await evaluate("crowded-places-holiday", {
        cp_exit_capacity: choice("no"),
        cp_place_type: choice("other"),
      });
      expect(opened(other)).toEqual([
        { hazard: "cp.exit_capacity", grade: "general", deadlineDays: 15, ruleIds: ["cp-exit-capacity"] },
      ]);
      expect(other.notifications).toEqual([]);
    });

    it("opens the plan ticket when drills are missing and the patrol ticket when patrols are", async () => {
      const noDrill = await evaluate("crowded-places-holiday", {
        cp_emergency_ready: choices("plan", "patrol"),
      });
      expect(opened(noDrill)).toEqual([
        {
          hazard: "cp.emergency_plan",
          grade: "general",
          deadlineDays: 15,
          ruleIds: ["cp-emergency-plan-missing"],
        },
      ]);
      const noPatrol = await evaluate("crowded-places-holiday", {
        cp_emergency_ready: choices("plan", "drill"),
      });
      expect(opened(noPatrol)).toEqual([
        { hazard: "cp.fire_patrol", grade: "general", deadlineDays: 1, ruleIds: ["cp-fire-patrol-missing"] },
      ]);
    });

    it("asks for crowd control only above 2000 visitors", async () => {
      const noControl = { cp_crowd_control: choice("no") };
      expect(
        (await evaluate("crowded-places-holiday", { ...noControl, cp_peak_visitors: num(2000) })).hazards,
      ).toEqual([]);
      const busy = await evaluate("crowded-places-holiday", { ...noControl, cp_peak_visitors: num(2001) });
      expect(opened(busy)).toEqual([
        {
          hazard: "cp.crowd_control",
          grade: "general",
          deadlineDays: 3,
          ruleIds: ["cp-crowd-control-missing"],
        },
      ]);
    });
  });

  describe("urban gas", () => {
    it("grades the pipeline patrol by how much of it was done", async () => {
      const partial = await evaluate("urban-gas-holiday", { ug_pipeline_patrol: choice("partial") });
      const notDone = await evaluate("urban-gas-holiday", { ug_pipeline_patrol: choice("not_done") });
      expect(opened(partial)).toEqual([
        {
          hazard: "ug.pipeline_patrol",
          grade: "general",
          deadlineDays: 7,
          ruleIds: ["ug-pipeline-patrol-partial"],
        },
      ]);
      expect(opened(notDone)).toEqual([
        {
          hazard: "ug.pipeline_patrol",
          grade: "general",
          deadlineDays: 3,
          ruleIds: ["ug-pipeline-patrol-not-done"],
        },
      ]);
    });

    it("keeps a missing check system (major) apart from low coverage (general)", async () => {
      const low = await evaluate("urban-gas-holiday", { ug_commercial_check_rate: num(79) });
      expect(opened(low)).toEqual([
        {
          hazard: "ug.user_checks",
          grade: "general",
          deadlineDays: 15,
          ruleIds: ["ug-commercial-check-low"],
        },
      ]);
      const both = await evaluate("urban-gas-holiday", {
        ug_commercial_check_rate: num(79),
        ug_user_check_system: choice("no"),
      });
      expect(opened(both)).toEqual([
        {
          hazard: "ug.user_check_system",
          grade: "major",
          deadlineDays: 30,
          ruleIds: ["ug-user-check-system-missing"],
        },
        {
          hazard: "ug.user_checks",
          grade: "general",
          deadlineDays: 15,
          ruleIds: ["ug-commercial-check-low"],
        },
      ]);
      expect(both.hazards.find((h) => h.grade === "major")?.title).toBe("未建立燃气用户定期安全检查制度");
    });

    it("tells the grid worker when fewer than two people stand by for repairs", async () => {
      const verdict = await evaluate("urban-gas-holiday", { ug_repair_staff: num(1) });
      expect(opened(verdict)).toEqual([
        {
          hazard: "ug.emergency_repair",
          grade: "general",
          deadlineDays: 1,
          ruleIds: ["ug-repair-understaffed"],
        },
      ]);
      expect(verdict.notifications).toEqual([
        { role: "grid_worker", message: "notify.ticket_opened", hazard: "ug.emergency_repair" },
      ]);
    });
  });

  describe("small venues", () => {
    it("gives a restaurant on bottled gas without an alarm three days and tells the grid worker", async () => {
      const restaurant = await evaluate("small-venues-holiday", { sv_gas_alarm: choice("no") });
      expect(opened(restaurant)).toEqual([
        {
          hazard: "sv.gas_alarm",
          grade: "general",
          deadlineDays: 3,
          ruleIds: ["sv-gas-alarm-missing", "sv-gas-alarm-missing-lpg-restaurant"],
        },
      ]);
      expect(restaurant.notifications).toEqual([
        { role: "grid_worker", message: "notify.ticket_opened", hazard: "sv.gas_alarm" },
      ]);
      const shop = await evaluate("small-venues-holiday", {
        sv_gas_alarm: choice("no"),
        sv_venue_type: choice("shop"),
      });
      expect(opened(shop)).toEqual([
        { hazard: "sv.gas_alarm", grade: "general", deadlineDays: 7, ruleIds: ["sv-gas-alarm-missing"] },
      ]);
      expect(shop.notifications).toEqual([]);
    });

    it("opens both the living-quarters ticket and the window ticket for an unseparated shop with closed grilles", async () => {
      const verdict = await evaluate("small-venues-holiday", {
        sv_three_in_one: choice("unseparated"),
        sv_window_grilles: choice("no_escape"),
      });
      expect(opened(verdict)).toEqual([
        {
          hazard: "sv.three_in_one",
          grade: "general",
          deadlineDays: 3,
          ruleIds: ["sv-three-in-one-no-escape", "sv-three-in-one-unseparated"],
        },
        { hazard: "sv.window_grilles", grade: "general", deadlineDays: 7, ruleIds: ["sv-window-no-escape"] },
      ]);
    });

    it("opens an immediate major ticket, due in 24 hours, for bottled gas in a basement", async () => {
      const verdict = await evaluate("small-venues-holiday", { sv_lpg_storage: choice("basement") });
      expect(opened(verdict)).toEqual([
        { hazard: "sv.lpg_basement", grade: "major", deadlineDays: 1, ruleIds: ["sv-lpg-basement"] },
      ]);
      expect(verdict.hazards[0]).toMatchObject({ immediate: true, deadlineHours: 24 });
      expect(verdict.notifications).toEqual([]);
    });
  });

  it("applies only the rules of the submitted checklist, even to an answer id another checklist uses", async () => {
    const verdict = await evaluate("urban-gas-holiday", { cs_deep_pit: choice("warning_signs") });
    expect(verdict).toEqual({ hazards: [], notifications: [] });
  });

  it("carries a rule's ticket details through to the finding", async () => {
    const verdict = await evaluate("construction-site-holiday", { cs_scaffold: choice("layer_missing") });
    expect(verdict.hazards).toEqual([
      {
        hazard: "cs.scaffold_layer",
        title: "脚手架连墙件整层缺失或防坠装置失效",
        category: "脚手架",
        grade: "major",
        deadlineDays: 3,
        deadlineHours: 72,
        immediate: true,
        basis: "《房屋市政工程生产安全重大事故隐患判定标准（2024版）》（建质规〔2024〕5号）",
        basisRefs: [{ ref: "construction-major-2024" }],
        responsible: "enterprise_head",
        evidenceQuestions: ["cs_scaffold_layer_photo"],
        descriptionQuestions: [],
        ruleIds: ["cs-scaffold-layer-missing"],
      },
    ]);
  });
});

describe("merging two findings of the same hazard", () => {
  const finding = (over: Partial<HazardFinding>): HazardFinding => ({
    hazard: "x.hazard",
    title: "一般",
    category: "类别",
    grade: "general",
    deadlineDays: 7,
    basis: "依据",
    basisRefs: [],
    responsible: "enterprise_head",
    ruleIds: ["rule-a"],
    evidenceQuestions: [],
    descriptionQuestions: [],
    ...over,
  });

  it("takes the first finding as it is", () => {
    const hit = finding({});
    expect(mergeFinding(undefined, hit)).toBe(hit);
  });

  it("keeps the graver finding's details and its own deadline, never a general rule's shorter one", () => {
    const general = finding({ deadlineDays: 3, ruleIds: ["rule-general"] });
    const major = finding({ title: "重大", grade: "major", deadlineDays: 30, ruleIds: ["rule-major"] });
    expect(mergeFinding(general, major)).toEqual({ ...major, ruleIds: ["rule-general", "rule-major"] });
    expect(mergeFinding(major, general)).toEqual({ ...major, ruleIds: ["rule-major", "rule-general"] });
  });

  it("keeps the earlier finding's details when both are equally grave, with the shorter deadline", () => {
    const first = finding({ title: "先", deadlineDays: 7, ruleIds: ["rule-1"] });
    const second = finding({ title: "后", deadlineDays: 1, ruleIds: ["rule-2"] });
    expect(mergeFinding(first, second)).toEqual({ ...first, deadlineDays: 1, ruleIds: ["rule-1", "rule-2"] });
  });

  it("compares hours with days by the longest a day deadline can be, and keeps immediate", () => {
    const days = finding({ deadlineDays: 1, ruleIds: ["days"] });
    const hours = finding({ deadlineDays: 2, deadlineHours: 36, immediate: true, ruleIds: ["hours"] });
    expect(mergeFinding(days, hours)).toMatchObject({ deadlineDays: 2, deadlineHours: 36, immediate: true });
    const today = finding({ deadlineDays: 0, ruleIds: ["today"] });
    expect(mergeFinding(hours, today)).toMatchObject({ deadlineDays: 0, immediate: true });
    expect(mergeFinding(hours, today).deadlineHours).toBeUndefined();
  });
});

describe("a general and a major rule on one hazard, evaluated together", () => {
  const checklist: Checklist = {
    id: "merge-test",
    version: 1,
    title: "合并",
    intro: "",
    industries: ["hazardous_chemicals"],
    questions: [
      { id: "m_q", text: "问题", kind: "yes_no", required: true },
      { id: "m_level", text: "级别", kind: "yes_no", required: true },
      { id: "m_photo", text: "照片", kind: "photo", required: false },
      { id: "m_desc", text: "说明", kind: "text", required: false },
      { id: "m_where", text: "位置", kind: "text", required: false },
    ],
  } as Checklist;
  const ticketRule = (id: string, grade: "general" | "major", deadlineDays: number, extra: object): Rule => ({
    id,
    checklist: "merge-test",
    // The major rule is slower to decide (two conditions) and of a higher priority, as shipped rules are.
    ...(grade === "major" ? { priority: 10 } : {}),
    conditions: {
      all: [
        { fact: "answers", path: "$.m_q", operator: "equal", value: "no" },
        ...(grade === "major"
          ? [{ fact: "answers", path: "$.m_level", operator: "equal" as const, value: "yes" }]
          : []),
      ],
    },
    event: {
      type: "open_ticket",
      params: {
        hazard: "m.hazard",
        title: grade === "major" ? "重大" : "一般",
        category: "类别",
        grade,
        deadlineDays,
        basis: grade,
        basisRefs: [],
        responsible: "enterprise_head",
        ...extra,
      },
    },
  });
  const rules = [
    ticketRule("general-first", "general", 7, { evidenceQuestion: "m_photo", descriptionQuestion: "m_desc" }),
    ticketRule("major-second", "major", 60, { descriptionQuestion: "m_where" }),
  ];
  const run = (answers: Answers) =>
    evaluateSelfCheck(rules, {
      answers,
      enterprise: { id: "e", industry: "hazardous_chemicals", supervisionClass: null, areaId: "a" },
      checklist,
      campaign: null,
    });

  it("gives the major rule's 60 days, rule ids in file order, and the questions of both hits", async () => {
    const { hazards } = await run({ m_q: choice("no"), m_level: choice("yes") });
    expect(hazards).toHaveLength(1);
    expect(hazards[0]).toMatchObject({
      grade: "major",
      title: "重大",
      deadlineDays: 60,
      basis: "major",
      ruleIds: ["general-first", "major-second"],
      evidenceQuestions: ["m_photo"],
      descriptionQuestions: ["m_desc", "m_where"],
    });
  });

  it("gives the same finding however often it runs", async () => {
    const answers = { m_q: choice("no"), m_level: choice("yes") };
    const first = await run(answers);
    for (let i = 0; i < 5; i++) expect(await run(answers)).toEqual(first);
  });
});
