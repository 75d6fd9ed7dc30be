import fs from "node:fs";
import { describe, expect, it } from "vitest";
import YAML from "yaml";
import { type Checklist, ChecklistSchema } from "../../../src/domain/checklist/checklist.ts";
import {
  beginSelfCheck,
  currentPrompt,
  type FlowInput,
  type FlowStep,
  type SelfCheckState,
  stepSelfCheck,
} from "../../../src/domain/self-check/self-check-flow.ts";
import { type CommandKey, Texts, TextsFileSchema } from "../../../src/domain/texts.ts";

const readYaml = (relative: string): unknown =>
  YAML.parse(fs.readFileSync(new URL(relative, import.meta.url), "utf8"));

const texts = new Texts(TextsFileSchema.parse(readYaml("../../../prompts/messages.yaml")));
// The fixture's hazard hints cite no instrument, so its file form is already the app's form.
const checklist = ChecklistSchema.parse(readYaml("../../fixtures/kinds-checklist.yaml")) as Checklist;
const ctx = { checklist, texts };

const CONTROLS: readonly CommandKey[] = ["back", "skip", "pause", "submit", "done", "cancel"];

/** What a person types, read the way the router reads it: a control word keeps its text. */
function say(text: string): FlowInput {
  const key = texts.command(text)?.key;
  return { text, photoIds: [], ...(key && CONTROLS.includes(key) ? { command: key } : {}) };
}
const press = (choiceId: string): FlowInput => ({ choiceId, photoIds: [] });
const photos = (...photoIds: string[]): FlowInput => ({ photoIds });

/** Feeds inputs one after another from a state and returns every step. */
function converse(from: SelfCheckState, ...inputs: FlowInput[]): FlowStep[] {
  const steps: FlowStep[] = [];
  let state = from;
  for (const input of inputs) {
    const step = stepSelfCheck(ctx, state, input);
    steps.push(step);
    state = step.state;
  }
  return steps;
}
const last = (steps: FlowStep[]): FlowStep => {
  const step = steps.at(-1);
  if (!step) throw new Error("no step");
  return step;
};
const replyText = (step: FlowStep): string => step.replies.map((r) => r.text).join("\n---\n");

const fresh = (): SelfCheckState => beginSelfCheck(ctx, "run-1");
/** A run that stands at a given question with some answers already given. */
const at = (current: string | null, answers: SelfCheckState["answers"] = {}): SelfCheckState => ({
  ...fresh(),
  answers,
  current,
});

const allAnswered: SelfCheckState["answers"] = {
  k_exits: { kind: "choice", id: "yes" },
  k_storage: { kind: "choice", id: "cabinet" },
  k_measures: { kind: "choices", ids: ["duty", "patrol"] },
  k_staff: { kind: "number", value: 3 },
  k_note: { kind: "skipped" },
  k_site_photo: { kind: "photos", attachmentIds: ["att-1", "att-2"] },
};

describe("starting a self-check", () => {
  it("starts a fresh, unpaused run at the first question with nothing answered", () => {
    expect(beginSelfCheck(ctx, "run-7")).toEqual({
      flow: "self_check",
      runId: "run-7",
      checklistId: "kinds-test",
      checklistVersion: 1,
      answers: {},
      current: "k_exits",
      paused: false,
    });
  });

  it("asks the first yes/no question with its position, 是/否 buttons and the control words", () => {
    expect(currentPrompt(ctx, fresh())).toEqual({
      text: "第 1/6 题：安全出口是否畅通？\n可发送「上一题」返回、「暂停」稍后继续。",
      expects: "choice",
      choices: [
        { id: "yes", label: "是" },
        { id: "no", label: "否" },
      ],
    });
  });
});

describe("answering each kind of question", () => {
  it.each([
    ["a pressed button", press("yes")],
    ["the option number", say("1")],
    ["the option label", say("是")],
    ["a yes synonym in any case", say("Y")],
  ])("takes %s as the answer to a yes/no question and moves on", (_how, input) => {
    const step = stepSelfCheck(ctx, fresh(), input);
    expect(step.state.answers).toEqual({ k_exits: { kind: "choice", id: "yes" } });
    expect(step.state.current).toBe("k_storage");
    expect(step.effects).toEqual([{ type: "answer", questionId: "k_exits" }]);
    expect(step.replies).toHaveLength(1);
    expect(step.replies[0]?.text).toMatch(/^第 2\/6 题：危险物品储存方式？/);
    expect(step.replies[0]?.choices?.map((c) => c.id)).toEqual(["cabinet", "open", "none"]);
  });

  it("re-asks a yes/no question after an answer it cannot read, listing the allowed options", () => {
    const step = stepSelfCheck(ctx, fresh(), say("也许吧"));
    expect(step.state).toEqual(fresh());
    expect(step.effects).toEqual([]);
    expect(step.replies).toHaveLength(1);
    expect(step.replies[0]?.text).toBe(
      "无法识别「也许吧」。请从以下选项中选择（回复序号或选项文字）：1.是  2.否\n\n" +
        "第 1/6 题：安全出口是否畅通？\n可发送「上一题」返回、「暂停」稍后继续。",
    );
    expect(step.replies[0]?.choices).toHaveLength(2);
  });

  it("reads a single choice by number, by label, and 无 as the option whose id is none", () => {
    const here = at("k_storage", { k_exits: { kind: "choice", id: "yes" } });
    const picked = (input: FlowInput) => stepSelfCheck(ctx, here, input).state.answers.k_storage;
    expect(picked(say("2"))).toEqual({ kind: "choice", id: "open" });
    expect(picked(say("露天堆放"))).toEqual({ kind: "choice", id: "open" });
    expect(picked(say("无"))).toEqual({ kind: "choice", id: "none" });
    expect(picked(say("２"))).toEqual({ kind: "choice", id: "open" });
  });

  it("re-asks a single choice given an option number that does not exist", () => {
    const here = at("k_storage", { k_exits: { kind: "choice", id: "yes" } });
    const step = stepSelfCheck(ctx, here, say("4"));
    expect(step.state).toEqual(here);
    expect(step.replies[0]?.text).toMatch(
      /^无法识别「4」。请从以下选项中选择（回复序号或选项文字）：1\.专用柜 {2}2\.露天堆放 {2}3\.无危险物品\n\n第 2\/6 题/,
    );
  });

  it("reads several choices separated by commas, full-width commas or spaces, once each", () => {
    const here = at("k_measures", allAnswered);
    const picked = (text: string) => stepSelfCheck(ctx, here, say(text)).state.answers.k_measures;
    expect(picked("1,3")).toEqual({ kind: "choices", ids: ["duty", "drill"] });
    expect(picked("3，1")).toEqual({ kind: "choices", ids: ["drill", "duty"] });
    expect(picked("值班值守 巡查")).toEqual({ kind: "choices", ids: ["duty", "patrol"] });
    expect(picked("2、2")).toEqual({ kind: "choices", ids: ["patrol"] });
  });

  it("hints how to answer a multiple choice and rejects the whole reply if one part is unknown", () => {
    const here = at("k_measures", { k_exits: { kind: "choice", id: "yes" } });
    expect(currentPrompt(ctx, here).text).toContain("可多选：发送选项序号，用逗号或空格分隔，例如「1,3」。");
    const step = stepSelfCheck(ctx, here, say("1,5"));
    expect(step.state).toEqual(here);
    expect(step.replies[0]?.text).toMatch(
      /^无法识别「1,5」。请回复选项序号，多个用逗号分隔：1\.值班值守 {2}2\.巡查 {2}3\.应急演练\n\n/,
    );
  });

  it("reads a number with its unit, in full-width digits or in Chinese numerals", () => {
    const here = at("k_staff", { k_exits: { kind: "choice", id: "yes" } });
    expect(currentPrompt(ctx, here).text).toContain("请回复 0～50 之间的整数（单位：人）。");
    expect(currentPrompt(ctx, here).expects).toBe("number");
    expect(stepSelfCheck(ctx, here, say("3人")).state.answers.k_staff).toEqual({ kind: "number", value: 3 });
    expect(stepSelfCheck(ctx, here, say("１２")).state.answers.k_staff).toEqual({
      kind: "number",
      value: 12,
    });
    for (const [text, value] of [
      ["三", 3],
      ["十二", 12],
      ["三个", 3],
      ["两名", 2],
      ["二十人", 20],
    ] as const)
      expect(stepSelfCheck(ctx, here, say(text)).state.answers.k_staff, text).toEqual({
        kind: "number",
        value,
      });
  });

  it.each([
    ["above the maximum", "51"],
    ["below the minimum", "-1"],
    ["not a whole number", "2.5"],
    ["not a number at all", "很多"],
    ["a Chinese numeral above the maximum", "五十一"],
  ])("re-asks a number %s with the allowed range and unit", (_why, text) => {
    const here = at("k_staff", { k_exits: { kind: "choice", id: "yes" } });
    const step = stepSelfCheck(ctx, here, say(text));
    expect(step.state).toEqual(here);
    expect(step.effects).toEqual([]);
    expect(step.replies[0]?.text).toMatch(
      new RegExp(`^「${text}」不是有效的数字，请回复 0～50 之间的整数（单位：人）。`),
    );
  });

  it("takes free text, and refuses text longer than the question allows", () => {
    const here = at("k_exits_note", {
      k_exits: { kind: "choice", id: "no" },
      k_exits_photo: { kind: "skipped" },
    });
    const ok = stepSelfCheck(ctx, here, say("  杂物堆在北侧出口  "));
    expect(ok.state.answers.k_exits_note).toEqual({ kind: "text", value: "杂物堆在北侧出口" });
    expect(ok.state.current).toBe("k_storage");

    const tooLong = stepSelfCheck(ctx, here, say("堵".repeat(51)));
    expect(tooLong.state).toEqual(here);
    expect(tooLong.replies[0]?.text).toMatch(
      /^回复内容不能为空，且不超过 50 个字。\n\n第 1\/6 题（补充 2\/2）：请简要说明情况/,
    );
  });
});

describe("follow-up questions", () => {
  it("asks the follow-ups a 否 opens, counted under their question so the total holds, marking the optional one", () => {
    const step = stepSelfCheck(ctx, fresh(), say("否"));
    expect(step.state.current).toBe("k_exits_photo");
    expect(step.replies[0]).toEqual({
      text:
        "第 1/6 题（补充 1/2）（选填）：请拍摄堵塞的安全出口\n" +
        "请发送现场照片，可连续发送多张，发完后回复「完成」。\n" +
        "可发送「上一题」返回、「暂停」稍后继续、「跳过」跳过。",
      expects: "photo",
    });
  });

  it("skips no follow-up when the answer does not open it", () => {
    const step = stepSelfCheck(ctx, fresh(), say("是"));
    expect(step.state.current).toBe("k_storage");
    expect(Object.keys(step.state.answers)).toEqual(["k_exits"]);
  });

  it("drops the follow-up answers when the parent answer is changed so that they no longer apply", () => {
    const steps = converse(
      fresh(),
      say("否"),
      say("跳过"),
      say("杂物堵塞"),
      say("上一题"),
      say("上一题"),
      say("上一题"),
    );
    const backAtParent = last(steps).state;
    expect(backAtParent.current).toBe("k_exits");
    expect(Object.keys(backAtParent.answers).sort()).toEqual(["k_exits", "k_exits_note", "k_exits_photo"]);

    const changed = stepSelfCheck(ctx, backAtParent, say("是"));
    expect(changed.state.answers).toEqual({ k_exits: { kind: "choice", id: "yes" } });
    expect(changed.state.current).toBe("k_storage");
  });
});

describe("back, skip and pause", () => {
  it("skips an optional question and records that it was skipped", () => {
    const here = at("k_note", { k_exits: { kind: "choice", id: "yes" } });
    const step = stepSelfCheck(ctx, here, say("跳过"));
    expect(step.state.answers.k_note).toEqual({ kind: "skipped" });
    expect(step.effects).toEqual([{ type: "answer", questionId: "k_note" }]);
  });

  it("refuses to skip a required question and asks it again", () => {
    const step = stepSelfCheck(ctx, fresh(), say("跳过"));
    expect(step.state).toEqual(fresh());
    expect(step.effects).toEqual([]);
    expect(step.replies[0]?.text).toMatch(/^本题为必答题，不能跳过。\n\n第 1\/6 题/);
  });

  it("offers 跳过 only on optional questions", () => {
    expect(currentPrompt(ctx, fresh()).text).not.toContain("跳过");
    expect(currentPrompt(ctx, at("k_note")).text).toContain("「跳过」跳过");
    expect(currentPrompt(ctx, at("k_note")).text).toMatch(
      /^第 5\/6 题（选填）：其他需要说明的情况\n请用文字回复。/,
    );
  });

  it("goes back to the previous question without changing any answer", () => {
    const here = at("k_measures", {
      k_exits: { kind: "choice", id: "yes" },
      k_storage: { kind: "choice", id: "open" },
    });
    const step = stepSelfCheck(ctx, here, say("返回"));
    expect(step.state).toEqual({ ...here, current: "k_storage" });
    expect(step.effects).toEqual([]);
    expect(step.replies[0]?.text).toMatch(/^第 2\/6 题：危险物品储存方式？/);
  });

  it("says there is no previous question on the first one", () => {
    const step = stepSelfCheck(ctx, fresh(), press("back"));
    expect(step.state).toEqual(fresh());
    expect(step.replies[0]?.text).toMatch(/^已经是第一题了。\n\n第 1\/6 题/);
  });

  it("goes back from the summary to the last question", () => {
    const step = stepSelfCheck(ctx, at(null, allAnswered), press("back"));
    expect(step.state.current).toBe("k_site_photo");
    expect(step.replies[0]?.text).toMatch(/^第 6\/6 题：请拍摄一张值班室照片/);
  });

  it("pauses where it is, keeping the answers, and tells how many were answered", () => {
    const here = at("k_measures", {
      k_exits: { kind: "choice", id: "yes" },
      k_storage: { kind: "choice", id: "open" },
    });
    const step = stepSelfCheck(ctx, here, say("暂停"));
    expect(step.state).toEqual({ ...here, paused: true });
    expect(step.effects).toEqual([{ type: "pause" }]);
    expect(step.replies).toEqual([
      { text: "已暂停，进度已保存（已答 2 题）。随时发送「自查」从断点继续。", expects: "none" },
    ]);
  });

  it("moves on from a question the checklist no longer has, without recording an answer", () => {
    const here = at("k_removed", { k_exits: { kind: "choice", id: "yes" } });
    const step = stepSelfCheck(ctx, here, say("随便"));
    expect(step.state.current).toBe("k_storage");
    expect(step.state.answers).toEqual(here.answers);
    expect(step.effects).toEqual([]);
  });
});

describe("photos", () => {
  const beforePhoto = (): SelfCheckState => {
    const { k_site_photo: _drop, ...answers } = allAnswered;
    return at("k_site_photo", answers);
  };

  it("collects photos over several messages on the same question until 完成", () => {
    const [first, second, done] = converse(
      beforePhoto(),
      photos("att-1"),
      photos("att-2", "att-3"),
      say("完成"),
    );
    expect(first?.state.current).toBe("k_site_photo");
    expect(first?.replies).toEqual([
      { text: "已收到 1 张照片。可继续发送，或回复「完成」进入下一题。", expects: "photo" },
    ]);
    expect(first?.effects).toEqual([{ type: "answer", questionId: "k_site_photo" }]);
    expect(second?.state.answers.k_site_photo).toEqual({
      kind: "photos",
      attachmentIds: ["att-1", "att-2", "att-3"],
    });
    expect(second?.replies[0]?.text).toBe("已收到 3 张照片。可继续发送，或回复「完成」进入下一题。");
    expect(done?.state.current).toBeNull();
    expect(done?.replies[0]?.text).toMatch(/^全部 6 题已答完/);
  });

  it("does not let a required photo question be finished or skipped without a photo", () => {
    const done = stepSelfCheck(ctx, beforePhoto(), say("完成"));
    expect(done.state).toEqual(beforePhoto());
    expect(done.replies[0]?.text).toMatch(
      /^本题需要照片，请直接发送照片；发完后回复「完成」。\n\n第 6\/6 题/,
    );
    const skip = stepSelfCheck(ctx, beforePhoto(), say("跳过"));
    expect(skip.replies[0]?.text).toMatch(/^本题为必答题，不能跳过。/);
    const typed = stepSelfCheck(ctx, beforePhoto(), say("照片稍后补"));
    expect(typed.state).toEqual(beforePhoto());
    expect(typed.replies[0]?.text).toMatch(/^本题需要照片，请直接发送照片/);
  });

  it("records an optional photo question finished with 完成 and no photo as skipped", () => {
    const here = at("k_exits_photo", { k_exits: { kind: "choice", id: "no" } });
    const step = stepSelfCheck(ctx, here, say("完成"));
    expect(step.state.answers.k_exits_photo).toEqual({ kind: "skipped" });
    expect(step.state.current).toBe("k_exits_note");
  });

  it("refuses a photo sent to a question that is not a photo question and stores nothing", () => {
    const step = stepSelfCheck(ctx, fresh(), photos("att-9"));
    expect(step.state).toEqual(fresh());
    expect(step.effects).toEqual([]);
    expect(step.replies[0]?.text).toMatch(/^本题不需要照片，请按题目要求回复。\n\n第 1\/6 题/);
  });

  it("keeps earlier photos when the person comes back to the question and adds more", () => {
    const back = at("k_site_photo", allAnswered);
    const step = stepSelfCheck(ctx, back, photos("att-3"));
    expect(step.state.answers.k_site_photo).toEqual({
      kind: "photos",
      attachmentIds: ["att-1", "att-2", "att-3"],
    });
    expect(step.replies[0]?.text).toBe("已收到 3 张照片。可继续发送，或回复「完成」进入下一题。");
  });
});

describe("the summary", () => {
  it("lists every active question with its answer and offers 提交 and 上一题", () => {
    expect(currentPrompt(ctx, at(null, allAnswered))).toEqual({
      text:
        "全部 6 题已答完，请核对：\n" +
        "1. 安全出口是否畅通？ —— 是\n" +
        "2. 危险物品储存方式？ —— 专用柜\n" +
        "3. 节日期间已落实哪些措施？ —— 值班值守、巡查\n" +
        "4. 节日期间值班人数 —— 3人\n" +
        "5. 其他需要说明的情况 —— （已跳过）\n" +
        "6. 请拍摄一张值班室照片 —— 2 张照片\n\n" +
        "确认无误请回复「提交」；回复「上一题」可返回修改。",
      expects: "choice",
      choices: [
        { id: "submit", label: "提交" },
        { id: "back", label: "上一题" },
      ],
    });
  });

  it("reaches the summary after the last answer of a whole scripted run", () => {
    const steps = converse(
      fresh(),
      say("是"),
      say("1"),
      say("1 2"),
      say("3"),
      say("跳过"),
      photos("att-1", "att-2"),
      say("好了"),
    );
    const end = last(steps);
    expect(end.state.current).toBeNull();
    expect(end.state.answers).toEqual(allAnswered);
    expect(end.state.paused).toBe(false);
    expect(replyText(end)).toBe(currentPrompt(ctx, at(null, allAnswered)).text);
  });

  it.each([
    ["typed", say("确认提交")],
    ["pressed", press("submit")],
  ])("asks for the submission when 提交 is %s at the summary", (_how, input) => {
    const summary = at(null, allAnswered);
    const step = stepSelfCheck(ctx, summary, input);
    expect(step).toEqual({ state: summary, replies: [], effects: [{ type: "submit" }] });
  });

  it("answers anything but 提交 or 上一题 at the summary by asking for confirmation", () => {
    const summary = at(null, allAnswered);
    const step = stepSelfCheck(ctx, summary, say("好的"));
    expect(step.state).toEqual(summary);
    expect(step.effects).toEqual([]);
    expect(step.replies[0]?.text).toMatch(
      /^请回复「提交」确认提交，或回复「上一题」返回修改。\n\n全部 6 题已答完/,
    );
  });

  it("does not submit on 提交 typed in the middle of the checklist", () => {
    const step = stepSelfCheck(ctx, fresh(), say("提交"));
    expect(step.effects).toEqual([]);
    expect(step.state).toEqual(fresh());
    expect(step.replies[0]?.text).toMatch(/^无法识别「提交」/);
  });
});
