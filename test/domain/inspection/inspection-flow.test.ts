import fs from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import YAML from "yaml";
import { loadInspectionContent } from "../../../src/content/inspection-content.ts";
import type { FindingClass } from "../../../src/domain/inspection/inspection.ts";
import { findingClassified } from "../../../src/domain/inspection/inspection-findings.ts";
import {
  beginInspection,
  enterpriseFound,
  stepInspection,
} from "../../../src/domain/inspection/inspection-flow.ts";
import type { InspectionCtx } from "../../../src/domain/inspection/inspection-prompts.ts";
import {
  type InspectionState,
  InspectionStateSchema,
} from "../../../src/domain/inspection/inspection-state.ts";
import type { InspectionInput, InspectionStep } from "../../../src/domain/inspection/inspection-step.ts";
import type { Role } from "../../../src/domain/people/role.ts";
import { type CommandKey, Texts, TextsFileSchema } from "../../../src/domain/texts.ts";

const prompts = fileURLToPath(new URL("../../../prompts", import.meta.url));
const texts = new Texts(
  TextsFileSchema.parse(YAML.parse(fs.readFileSync(`${prompts}/messages.yaml`, "utf8"))),
);
const content = loadInspectionContent(prompts);
const ctx = (role: Role = "leader"): InspectionCtx => ({ texts, content, role });

const START = new Date("2026-09-24T01:00:00Z");
const acme = { id: "e1", name: "华安化工有限公司" };
const people = [
  { id: "p1", name: "吴网格", role: "grid_worker" as const },
  { id: "p2", name: "方专家", role: "expert" as const },
];
const exit: FindingClass = {
  hazard: "fire.exit_blocked",
  title: "安全出口、疏散通道堵塞或锁闭",
  category: "消防安全",
  grade: "general",
  basis: "《中华人民共和国消防法》第二十八条",
  deadlineDays: 1,
  deadlineHours: null,
  immediate: false,
  ruleIds: ["report-blocked-exit"],
};

const say = (text: string): InspectionInput => ({ text, photoIds: [] });
const press = (choiceId: string): InspectionInput => ({ choiceId, photoIds: [] });
const photos = (...photoIds: string[]): InspectionInput => ({ photoIds });
const command = (key: CommandKey): InspectionInput => ({ command: key, photoIds: [] });
const text = (step: InspectionStep) => step.replies.map((r) => r.text).join("\n");

/** Runs inputs through the flow; enterprise lookups answer `acme` with `people`, classifications `exit`. */
function run(inputs: InspectionInput[], role: Role = "leader", from?: InspectionState): InspectionStep {
  let step: InspectionStep = from
    ? { state: from, replies: [], effects: [] }
    : beginInspection(ctx(role), START, { preset: null, candidates: [acme] });
  for (const input of inputs) {
    step = stepInspection(ctx(role), step.state, input);
    const effect = step.effects[0];
    if (effect?.type === "find_enterprise")
      step = enterpriseFound(ctx(role), step.state, { kind: "found", enterprise: acme, people });
    if (effect?.type === "classify") step = findingClassified(ctx(role), step.state, effect.onSpot, exit);
  }
  return step;
}

describe("the inspection flow", () => {
  it("asks the kind first, with the content's kinds as options", () => {
    const begun = beginInspection(ctx(), START, { preset: null, candidates: [acme] });
    expect(begun.state).toMatchObject({ flow: "inspection", stage: "kind", startedAt: START.toISOString() });
    expect(begun.replies[0]?.choices?.map((c) => c.id)).toEqual(content.kinds.map((k) => `kind:${k.id}`));
  });

  it("goes kind → enterprise → team → outside people → findings, keeping what was picked", () => {
    const step = run([
      press("kind:supervision"),
      say("1"),
      say("1 2"),
      press("member:2"),
      command("done"),
      say("两"),
      say("0"),
    ]);
    expect(step.state).toMatchObject({
      stage: "findings",
      kind: "supervision",
      enterprise: acme,
      memberIds: ["p1"],
      outsideExperts: 2,
      outsideStaff: 0,
    });
    expect(text(step)).toContain("请发送第 1 条隐患");
  });

  it("skips the enterprise question for a scanned code, and the team question when nobody can join", () => {
    const ctxL = ctx();
    let step = beginInspection(ctxL, START, { preset: { enterprise: acme, people: [] }, candidates: [] });
    expect(text(step)).toContain("开始对「华安化工有限公司」的现场检查");
    step = stepInspection(ctxL, step.state, press("kind:daily"));
    expect(step.state.stage).toBe("outside_experts");
  });

  it("refuses a kind the person's role may not start, and stays at the question", () => {
    const step = run([press("kind:supervision")], "grid_worker");
    expect(step.state.stage).toBe("kind");
    expect(text(step)).toContain("「督导检查」由领导、管理员发起，您是网格员");
  });

  it("takes photos and a description in either order, then classifies on 立即整改 and waits for the after photo", () => {
    const before = run([press("kind:daily"), say("1"), command("skip"), say("0"), say("0")]);
    const collected = run([say("安全出口堵塞"), photos("a1"), photos("a2")], "leader", before.state);
    expect(collected.state.draft).toEqual({ photoIds: ["a1", "a2"], description: "安全出口堵塞" });
    expect(collected.replies[0]?.choices?.map((c) => c.id)).toEqual(["on_spot", "deadline"]);
    const classifying = stepInspection(ctx(), collected.state, press("on_spot"));
    expect(classifying.effects).toEqual([{ type: "classify", onSpot: true }]);
    const waiting = run([press("on_spot")], "leader", collected.state);
    expect(waiting.state.stage).toBe("after_photo");
    expect(text(waiting)).toContain("第 1 条归类为：安全出口、疏散通道堵塞或锁闭（一般隐患，消防安全）");
    const recorded = run([photos("after1")], "leader", waiting.state);
    expect(recorded.state.findings).toEqual([
      {
        photoIds: ["a1", "a2"],
        description: "安全出口堵塞",
        classification: exit,
        onSpot: true,
        afterPhotoIds: ["after1"],
        deadlineDays: null,
      },
    ]);
    expect(recorded.state).toMatchObject({
      stage: "findings",
      pending: null,
      draft: { photoIds: [], description: null },
    });
  });

  it("lets a finding without an after photo become 限期整改, with the inspector's own deadline", () => {
    const before = run([
      press("kind:daily"),
      say("1"),
      command("skip"),
      say("0"),
      say("0"),
      say("安全出口堵塞"),
    ]);
    const step = run([press("on_spot"), press("deadline"), say("7")], "leader", before.state);
    expect(step.state.findings[0]).toMatchObject({ onSpot: false, deadlineDays: 7 });
    expect(text(step)).toContain("已记录第 1 条隐患（限期整改：7 天）");
  });

  it("refuses to register a finding with neither photo nor description", () => {
    const before = run([press("kind:daily"), say("1"), command("skip"), say("0"), say("0")]);
    for (const choice of ["on_spot", "deadline"]) {
      const step = stepInspection(ctx(), before.state, press(choice));
      expect(step.effects).toEqual([]);
      expect(text(step)).toContain("这条隐患既没有照片也没有描述，不能登记");
    }
  });

  it("keeps photos sent before the findings for the first one, and reopens the findings for a late photo", () => {
    const early = run([press("kind:daily"), photos("x1")]);
    expect(text(early)).toContain("已收到照片 1 张，将作为第一条隐患的照片");
    expect(early.state).toMatchObject({ stage: "enterprise", draft: { photoIds: ["x1"] } });
    const late = run(
      [
        say("1"),
        command("skip"),
        say("0"),
        say("0"),
        say("出口堵塞"),
        press("deadline"),
        command("skip"),
        command("done"),
        photos("y1"),
      ],
      "leader",
      early.state,
    );
    expect(late.state).toMatchObject({ stage: "findings", draft: { photoIds: ["y1"], description: null } });
    expect(late.state.findings).toHaveLength(1);
  });

  it("toggles documents and measures, asks the fine only when 罚款 is picked, and refuses one that is not a number", () => {
    const findingsDone = run(
      [press("kind:enforcement"), say("1"), command("skip"), say("0"), say("0"), command("done")],
      "inspector",
    );
    expect(findingsDone.state.stage).toBe("documents");
    const outcome = run(
      [say("1 4"), press("doc:4"), command("done"), say("1 2"), command("done")],
      "inspector",
      findingsDone.state,
    );
    expect(outcome.state).toMatchObject({
      documents: ["rectification_order"],
      measures: ["case_filed", "fine"],
      stage: "fine",
    });
    const refused = stepInspection(ctx("inspector"), outcome.state, say("很多"));
    expect(refused.state.stage).toBe("fine");
    expect(text(refused)).toContain("「很多」不是金额");
    const fined = run([say("2.5万"), command("skip")], "inspector", outcome.state);
    expect(fined.state).toMatchObject({ fineFen: 2_500_000, note: null, stage: "confirm" });
    expect(text(fined)).toContain("措施：立案、罚款 25000 元");
    expect(stepInspection(ctx("inspector"), fined.state, command("submit")).effects).toEqual([
      { type: "submit" },
    ]);
  });

  it("records a shared location at any question and asks the same question again", () => {
    const step = run([
      press("kind:daily"),
      { photoIds: [], location: { latitude: 31.3, longitude: 120.6, label: null } },
    ]);
    expect(step.state).toMatchObject({
      stage: "enterprise",
      location: { latitude: 31.3, longitude: 120.6, label: null },
    });
    expect(text(step)).toContain("已记录现场位置：31.30000,120.60000。");
  });

  it("leaves on 取消 from anywhere", () => {
    const midway = run([press("kind:daily"), say("1")]);
    expect(stepInspection(ctx(), midway.state, command("cancel")).effects).toEqual([{ type: "cancel" }]);
  });

  it("asks for the enterprise's checklist on 检查表 at the findings question, with nothing half-recorded", () => {
    const atFindings = run([press("kind:daily"), say("1"), command("skip"), say("0"), say("0")]);
    expect(atFindings.state.stage).toBe("findings");
    expect(text(atFindings)).toContain("也可回复「检查表」");
    expect(stepInspection(ctx(), atFindings.state, say("检查表")).effects).toEqual([
      { type: "start_checklist" },
    ]);
    const drafted = run([say("配电室电线私拉乱接")], "leader", atFindings.state);
    const refused = stepInspection(ctx(), drafted.state, say("检查表"));
    expect(refused.effects).toEqual([]);
    expect(text(refused)).toContain("请先为第 1 条隐患选择「立即整改」或「限期整改」。");
  });

  it("reads a state saved before the checklist existed, with no checklist running", () => {
    const saved = run([press("kind:daily"), say("1")]).state;
    const { checklist: _none, ...older } = saved;
    expect(InspectionStateSchema.parse(older).checklist).toBeNull();
  });
});
