import fs from "node:fs";
import { describe, expect, it } from "vitest";
import YAML from "yaml";
import { type CommandKey, Texts, TextsFileSchema } from "../../../src/domain/texts.ts";
import {
  beginRectification,
  type EvidencePhoto,
  type RectificationInput,
  type RectificationState,
  type RectificationStep,
  rectificationPrompt,
  stepRectification,
} from "../../../src/domain/ticket/rectification-flow.ts";

const texts = new Texts(
  TextsFileSchema.parse(
    YAML.parse(fs.readFileSync(new URL("../../../prompts/messages.yaml", import.meta.url), "utf8")),
  ),
);

const ticket = (over: Partial<Parameters<typeof beginRectification>[1]> = {}) => ({
  ticketId: "t-1",
  number: "YH-2026-000042",
  title: "安全出口堵塞",
  needsPlan: false,
  minPhotos: 2,
  ...over,
});

/** The clock of these conversations: 2026-09-24 09:00 in Shanghai. */
const NOW = new Date("2026-09-24T09:00:00+08:00");
const say = (text: string): RectificationInput => ({ text, photos: [], now: NOW });
const command = (key: CommandKey): RectificationInput => ({ command: key, photos: [], now: NOW });
const fresh = (id: string): EvidencePhoto => ({ id, sameAsBefore: false });
const same = (id: string): EvidencePhoto => ({ id, sameAsBefore: true });
const send = (...photos: EvidencePhoto[]): RectificationInput => ({ photos, now: NOW });

function converse(from: RectificationState, ...inputs: RectificationInput[]): RectificationStep[] {
  const steps: RectificationStep[] = [];
  let state = from;
  for (const input of inputs) {
    const step = stepRectification(texts, state, input);
    steps.push(step);
    state = step.state;
  }
  return steps;
}
const finalState = (steps: RectificationStep[]): RectificationState => {
  const step = steps.at(-1);
  if (!step) throw new Error("no step");
  return step.state;
};

/** A rectification standing at a stage, with what was entered before it. */
const atStage = (
  stage: RectificationState["stage"],
  over: Partial<RectificationState> = {},
): RectificationState => ({
  ...beginRectification(texts, ticket()).state,
  stage,
  description: stage === "photos" || stage === "confirm" ? "已清理出口杂物" : null,
  ...over,
});

const planAnswers = ["拆除占压建筑", "分段施工", "经费 20 万元", "安全部牵头", "30 日内完成", "设专人监护"];

describe("starting a rectification", () => {
  it("asks a general hazard's fix at once", () => {
    const step = beginRectification(texts, ticket());
    expect(step.state).toEqual({
      flow: "rectification",
      ticketId: "t-1",
      number: "YH-2026-000042",
      title: "安全出口堵塞",
      stage: "description",
      plan: {},
      description: null,
      photoIds: [],
      minPhotos: 2,
    });
    expect(step.replies).toEqual([
      { text: "开始整改隐患 YH-2026-000042：安全出口堵塞。请用文字说明采取的整改措施。", expects: "text" },
    ]);
    expect(step.effects).toEqual([]);
  });

  it("begins a major hazard without a plan with the first of six plan parts", () => {
    const step = beginRectification(texts, ticket({ needsPlan: true }));
    expect(step.state.stage).toBe("plan");
    expect(step.replies).toEqual([
      {
        text: "隐患 YH-2026-000042 为重大隐患，已挂牌督办。请先按六项内容录入治理方案。",
        expects: "none",
      },
      { text: "治理方案 1/6：请填写「治理的目标和任务」。", expects: "text" },
    ]);
  });
});

describe("the treatment plan of a major hazard", () => {
  const planStart = () => beginRectification(texts, ticket({ needsPlan: true })).state;

  it("asks the six parts in order and records each answer under its part", () => {
    const steps = converse(planStart(), ...planAnswers.slice(0, 3).map(say));
    expect(steps.map((s) => s.replies[0]?.text)).toEqual([
      "治理方案 2/6：请填写「采取的方法和措施」。",
      "治理方案 3/6：请填写「经费和物资的落实」。",
      "治理方案 4/6：请填写「负责治理的机构和人员」。",
    ]);
    expect(finalState(steps).plan).toEqual({
      goal: "拆除占压建筑",
      methods: "分段施工",
      funds: "经费 20 万元",
    });
    expect(steps.flatMap((s) => s.effects)).toEqual([]);
  });

  it("hands over the complete plan after the sixth part and goes on to the description", () => {
    const steps = converse(planStart(), ...planAnswers.map(say));
    const end = steps.at(-1);
    expect(end?.effects).toEqual([
      {
        type: "plan_complete",
        plan: {
          goal: "拆除占压建筑",
          methods: "分段施工",
          funds: "经费 20 万元",
          organisation: "安全部牵头",
          timeLimit: "30 日内完成",
          safety: "设专人监护",
        },
        // 30 days from 2026-09-24: the end of 2026-10-24 in Shanghai.
        deadline: "2026-10-24T15:59:00.000Z",
      },
    ]);
    expect(end?.state.stage).toBe("description");
    expect(end?.replies).toEqual([
      { text: "治理方案已保存，按治理时限整改期限定为 2026-10-24。", expects: "none" },
      { text: "开始整改隐患 YH-2026-000042：安全出口堵塞。请用文字说明采取的整改措施。", expects: "text" },
    ]);
  });

  it("asks the time limit again, with an example, until it reads as a date or a span", () => {
    const atTimeLimit = finalState(converse(planStart(), ...planAnswers.slice(0, 4).map(say)));
    for (const unreadable of ["尽快完成", "2026-09-20 前完成", "三年内完成"]) {
      const step = stepRectification(texts, atTimeLimit, say(unreadable));
      expect(step.state, unreadable).toBe(atTimeLimit);
      expect(step.effects).toEqual([]);
      expect(step.replies[0]?.text).toBe(
        `没能从「${unreadable}」读出治理时限。请写明今天之后、一年以内的完成日期或期限，例如：「2026-10-24 前完成」或「30天内完成」。\n治理方案 5/6：请填写「治理的时限和要求」。`,
      );
    }
    const read = stepRectification(texts, atTimeLimit, say("2026年11月15日前完成"));
    expect(read.state.plan.timeLimit).toBe("2026年11月15日前完成");
    expect(read.state.planDeadline).toBe("2026-11-15T15:59:00.000Z");
    const end = stepRectification(texts, read.state, say("设专人监护"));
    expect(end.effects).toEqual([
      expect.objectContaining({ type: "plan_complete", deadline: "2026-11-15T15:59:00.000Z" }),
    ]);
  });

  it("asks the same part again when the reply is blank, a photo or a control word", () => {
    const start = planStart();
    for (const input of [say("   "), send(fresh("p-1")), command("done")]) {
      const step = stepRectification(texts, start, input);
      expect(step.state).toEqual(start);
      expect(step.effects).toEqual([]);
      expect(step.replies).toEqual([
        { text: "请用文字回复。\n治理方案 1/6：请填写「治理的目标和任务」。", expects: "text" },
      ]);
    }
  });
});

describe("description and photos", () => {
  it("takes the description as trimmed text and then asks for photos with the minimum", () => {
    const step = stepRectification(texts, atStage("description"), say("  已清理出口杂物  "));
    expect(step.state.description).toBe("已清理出口杂物");
    expect(step.state.stage).toBe("photos");
    expect(step.replies).toEqual([
      { text: "请发送整改后的现场照片（至少 2 张），可连续发送多张，发完后回复「完成」。", expects: "photo" },
    ]);
  });

  it("insists on a text description, keeping a photo that came first", () => {
    const step = stepRectification(texts, atStage("description"), send(fresh("p-1")));
    expect(step.state).toEqual(atStage("description", { photoIds: ["p-1"] }));
    expect(step.replies.at(-1)?.text).toBe(
      "开始整改隐患 YH-2026-000042：安全出口堵塞。请用文字说明采取的整改措施。",
    );
  });

  it("collects photos over several messages and counts them", () => {
    const steps = converse(atStage("photos"), send(fresh("p-1")), send(fresh("p-2"), fresh("p-3")));
    expect(finalState(steps).photoIds).toEqual(["p-1", "p-2", "p-3"]);
    expect(steps.map((s) => s.replies)).toEqual([
      [{ text: "已收到整改照片 1 张。可继续发送，或回复「完成」。", expects: "photo" }],
      [{ text: "已收到整改照片 3 张。可继续发送，或回复「完成」。", expects: "photo" }],
    ]);
    expect(finalState(steps).stage).toBe("photos");
  });

  it("refuses a photo identical to the hazard's own photo and keeps the others of the same message", () => {
    const step = stepRectification(texts, atStage("photos"), send(same("p-old"), fresh("p-new")));
    expect(step.state.photoIds).toEqual(["p-new"]);
    expect(step.replies).toEqual([
      {
        text:
          "这张照片与隐患登记时的照片完全相同，不能作为整改证据，请拍摄整改后的现场。\n" +
          "已收到整改照片 1 张。可继续发送，或回复「完成」。",
        expects: "photo",
      },
    ]);
  });

  it("says only the refusal when every photo is the hazard's own", () => {
    const step = stepRectification(texts, atStage("photos"), send(same("p-old")));
    expect(step.state.photoIds).toEqual([]);
    expect(step.replies).toEqual([
      {
        text: "这张照片与隐患登记时的照片完全相同，不能作为整改证据，请拍摄整改后的现场。",
        expects: "photo",
      },
    ]);
  });

  it.each(["done", "submit"] as const)(
    "will not leave the photos on %s with fewer than the minimum",
    (key) => {
      const here = atStage("photos", { photoIds: ["p-1"] });
      const step = stepRectification(texts, here, command(key));
      expect(step.state).toEqual(here);
      expect(step.effects).toEqual([]);
      expect(step.replies[0]?.text).toBe(
        "还需要整改后照片：至少 2 张，目前 1 张。\n" +
          "请发送整改后的现场照片（至少 2 张），可连续发送多张，发完后回复「完成」。",
      );
    },
  );

  it("asks for photos again when text arrives instead", () => {
    const here = atStage("photos", { photoIds: ["p-1"] });
    const step = stepRectification(texts, here, say("拍好了"));
    expect(step.state).toEqual(here);
    expect(step.replies[0]?.text).toBe(
      "请发送整改后的现场照片（至少 2 张），可连续发送多张，发完后回复「完成」。",
    );
  });

  it("lets a policy of zero photos go straight to confirmation", () => {
    const here = atStage("photos", { minPhotos: 0 });
    expect(stepRectification(texts, here, command("done")).state.stage).toBe("confirm");
  });
});

describe("confirming, submitting and cancelling", () => {
  it("shows what will be submitted once enough photos are in", () => {
    const step = stepRectification(texts, atStage("photos", { photoIds: ["p-1", "p-2"] }), command("done"));
    expect(step.state.stage).toBe("confirm");
    expect(step.effects).toEqual([]);
    expect(step.replies).toEqual([
      {
        text:
          "请确认整改信息：\n隐患：YH-2026-000042 安全出口堵塞\n整改措施：已清理出口杂物\n整改照片：2 张\n" +
          "回复「提交」提交复查，回复「取消」退出（已填写内容不会提交）。",
        expects: "choice",
        choices: [
          { id: "submit", label: "提交" },
          { id: "cancel", label: "取消" },
        ],
      },
    ]);
  });

  it("submits the description and the photos on 提交 at the confirmation", () => {
    const here = atStage("confirm", { photoIds: ["p-1", "p-2"] });
    expect(stepRectification(texts, here, command("submit"))).toEqual({
      state: here,
      replies: [],
      effects: [{ type: "submit", description: "已清理出口杂物", photoIds: ["p-1", "p-2"] }],
    });
  });

  it("needs a second 提交 when 提交 ends the photos", () => {
    const steps = converse(
      atStage("photos"),
      send(fresh("p-1"), fresh("p-2")),
      command("submit"),
      command("submit"),
    );
    expect(steps.map((s) => s.effects)).toEqual([
      [],
      [],
      [{ type: "submit", description: "已清理出口杂物", photoIds: ["p-1", "p-2"] }],
    ]);
  });

  it("repeats the confirmation for anything but 提交 or 取消", () => {
    const here = atStage("confirm", { photoIds: ["p-1", "p-2"] });
    const step = stepRectification(texts, here, say("好的"));
    expect(step.state).toEqual(here);
    expect(step.effects).toEqual([]);
    expect(step.replies[0]?.text).toMatch(/^请确认整改信息：/);
  });

  it.each<[RectificationState["stage"], Partial<RectificationState>]>([
    ["plan", { plan: { goal: "拆除" } }],
    ["description", {}],
    ["photos", { photoIds: ["p-1"] }],
    ["confirm", { photoIds: ["p-1", "p-2"] }],
  ])("cancels from the %s stage without replies, leaving the words to the caller", (stage, over) => {
    const here = atStage(stage, over);
    expect(stepRectification(texts, here, command("cancel"))).toEqual({
      state: here,
      replies: [],
      effects: [{ type: "cancel" }],
    });
  });

  it("prompts for each stage as the person would see it after a pause in the chat", () => {
    expect(rectificationPrompt(texts, atStage("plan", { plan: { goal: "a", methods: "b" } })).text).toBe(
      "治理方案 3/6：请填写「经费和物资的落实」。",
    );
    expect(rectificationPrompt(texts, atStage("photos")).expects).toBe("photo");
    expect(rectificationPrompt(texts, atStage("confirm")).expects).toBe("choice");
  });
});

describe("photos sent at any stage are kept", () => {
  it("keeps a photo sent together with the description", () => {
    const step = stepRectification(texts, atStage("description"), {
      text: "修好了",
      photos: [fresh("p-1")],
      now: NOW,
    });
    expect(step.state.description).toBe("修好了");
    expect(step.state.photoIds).toEqual(["p-1"]);
    expect(step.state.stage).toBe("photos");
    expect(step.replies.map((r) => r.text).join("\n")).toContain("已收到整改照片 1 张");
  });

  it("keeps a photo sent before the description and still asks for the description", () => {
    const step = stepRectification(texts, atStage("description"), send(fresh("p-1")));
    expect(step.state.photoIds).toEqual(["p-1"]);
    expect(step.state.stage).toBe("description");
  });

  it("adds a photo sent at the confirmation and shows the new count", () => {
    const step = stepRectification(texts, atStage("confirm", { photoIds: ["p-0"] }), send(fresh("p-2")));
    expect(step.state.photoIds).toEqual(["p-0", "p-2"]);
    expect(step.state.stage).toBe("confirm");
    expect(step.replies.at(-1)?.text).toContain("2 张");
  });
});
