import fs from "node:fs";
import { describe, expect, it } from "vitest";
import YAML from "yaml";
import { type CommandKey, Texts, TextsFileSchema } from "../../../src/domain/texts.ts";
import {
  beginGridReport,
  type GridReportInput,
  type GridReportState,
  type GridReportStep,
  gridReportPrompt,
  stepGridReport,
} from "../../../src/domain/ticket/grid-report-flow.ts";

const texts = new Texts(
  TextsFileSchema.parse(
    YAML.parse(fs.readFileSync(new URL("../../../prompts/messages.yaml", import.meta.url), "utf8")),
  ),
);

const enterprise = (id: string, name: string) => ({ id, name });
const huaanChem = enterprise("e1", "华安化工有限公司");
const huaanLogistics = enterprise("e2", "华安物流有限公司");
const hongda = enterprise("e3", "宏达机械厂");
const ctx = { texts, enterprises: [huaanChem, huaanLogistics, hongda] };
const ctxWith = (enterprises: { id: string; name: string }[]) => ({ texts, enterprises });

const say = (text: string): GridReportInput => ({ text, photoIds: [] });
const photos = (...photoIds: string[]): GridReportInput => ({ photoIds });
/** A control word as the router hands it to this flow: the command, without its text. */
const command = (key: CommandKey): GridReportInput => ({ command: key, photoIds: [] });

function converse(c: typeof ctx, first: GridReportInput, ...inputs: GridReportInput[]): GridReportStep[] {
  const steps = [beginGridReport(c, first)];
  for (const input of inputs) {
    const prev = steps.at(-1);
    if (!prev) throw new Error("no step");
    steps.push(stepGridReport(c, prev.state, input));
  }
  return steps;
}
const end = (steps: GridReportStep[]): GridReportStep => {
  const step = steps.at(-1);
  if (!step) throw new Error("no step");
  return step;
};

const listText =
  "请选择隐患所在企业（回复序号，或发送企业名称中的几个字搜索）：\n" +
  "1. 华安化工有限公司\n2. 华安物流有限公司\n3. 宏达机械厂";

/** A report standing at a stage with photo and description already collected. */
const atStage = (stage: GridReportState["stage"], over: Partial<GridReportState> = {}): GridReportState => ({
  flow: "grid_report",
  stage,
  photoIds: ["att-1"],
  description: "消防通道堆放杂物",
  candidates: stage === "collect" ? [] : ctx.enterprises,
  enterprise: stage === "location" || stage === "confirm" ? hongda : null,
  location: null,
  ...over,
});

describe("collecting photos and a description", () => {
  it("asks for photos and a description when started without either", () => {
    expect(beginGridReport(ctx, photos())).toEqual({
      state: {
        flow: "grid_report",
        stage: "collect",
        photoIds: [],
        description: null,
        candidates: [],
        enterprise: null,
        location: null,
      },
      replies: [{ text: "请发送隐患现场照片和文字描述（先后不限）。发送「取消」退出。", expects: "photo" }],
      effects: [],
    });
  });

  it("acknowledges a first photo and asks for the description", () => {
    const step = beginGridReport(ctx, photos("att-1"));
    expect(step.state.stage).toBe("collect");
    expect(step.state.photoIds).toEqual(["att-1"]);
    expect(step.replies).toEqual([{ text: "已收到照片 1 张。\n请用一句话描述隐患情况。", expects: "text" }]);
  });

  it("records a first description and asks for a photo", () => {
    const step = beginGridReport(ctx, say("  消防通道堆放杂物 "));
    expect(step.state.description).toBe("消防通道堆放杂物");
    expect(step.replies).toEqual([
      { text: "已记录描述：消防通道堆放杂物\n还需要至少一张现场照片。", expects: "photo" },
    ]);
  });

  it("reaches the same enterprise list whether the photo or the description comes first", () => {
    const photoFirst = end(converse(ctx, photos("att-1"), say("消防通道堆放杂物")));
    const textFirst = end(converse(ctx, say("消防通道堆放杂物"), photos("att-1")));
    expect(photoFirst.state).toEqual(textFirst.state);
    expect(photoFirst.state).toEqual(atStage("enterprise"));
    expect(photoFirst.replies[0]?.text).toBe(`已记录描述：消防通道堆放杂物\n${listText}`);
    expect(textFirst.replies[0]?.text).toBe(`已收到照片 1 张。\n${listText}`);
  });

  it("takes a photo with a caption as both at once and lists the enterprises as buttons", () => {
    const step = beginGridReport(ctx, { text: "消防通道堆放杂物", photoIds: ["att-1", "att-2"] });
    expect(step.state.stage).toBe("enterprise");
    expect(step.replies).toEqual([
      {
        text: `已收到照片 2 张。\n已记录描述：消防通道堆放杂物\n${listText}`,
        expects: "choice",
        choices: [
          { id: "ent:1", label: "华安化工有限公司" },
          { id: "ent:2", label: "华安物流有限公司" },
          { id: "ent:3", label: "宏达机械厂" },
        ],
      },
    ]);
  });

  it("adds up photos sent one by one and keeps the latest description", () => {
    const steps = converse(ctx, photos("att-1"), photos("att-2"), say("出口上锁"));
    expect(steps[1]?.replies[0]?.text).toBe("已收到照片 2 张。\n请用一句话描述隐患情况。");
    expect(end(steps).state.photoIds).toEqual(["att-1", "att-2"]);
    const replaced = stepGridReport(ctx, atStage("collect", { photoIds: [] }), say("改：出口上锁"));
    expect(replaced.state.description).toBe("改：出口上锁");
  });

  it("says so and stays when the grid worker has no enterprise to report on", () => {
    const step = beginGridReport(ctxWith([]), { text: "消防通道堆放杂物", photoIds: ["att-1"] });
    expect(step.state.stage).toBe("collect");
    expect(step.replies).toEqual([{ text: "您负责的网格内还没有企业，请联系安委办。", expects: "none" }]);
  });
});

describe("choosing the enterprise", () => {
  it("takes the number of a listed enterprise and asks for the location", () => {
    const step = stepGridReport(ctx, atStage("enterprise"), say("2"));
    expect(step.state.stage).toBe("location");
    expect(step.state.enterprise).toEqual(huaanLogistics);
    expect(step.replies).toEqual([
      { text: "请描述具体位置（如：2号车间东侧消防通道），或回复「跳过」。", expects: "text" },
    ]);
  });

  it("takes a part of a name that only one enterprise has", () => {
    const step = stepGridReport(ctx, atStage("enterprise"), say("宏达"));
    expect(step.state.enterprise).toEqual(hongda);
    expect(step.state.stage).toBe("location");
  });

  it("narrows the list to the enterprises whose names share the part, renumbered from 1", () => {
    const narrowed = stepGridReport(ctx, atStage("enterprise"), say("华安"));
    expect(narrowed.state.stage).toBe("enterprise");
    expect(narrowed.state.candidates).toEqual([huaanChem, huaanLogistics]);
    expect(narrowed.replies[0]?.text).toBe(
      "请选择隐患所在企业（回复序号，或发送企业名称中的几个字搜索）：\n1. 华安化工有限公司\n2. 华安物流有限公司",
    );
    const picked = stepGridReport(ctx, narrowed.state, say("2"));
    expect(picked.state.enterprise).toEqual(huaanLogistics);
  });

  it("says nothing matched and shows the list again", () => {
    const here = atStage("enterprise");
    const step = stepGridReport(ctx, here, say("永兴"));
    expect(step.state).toEqual(here);
    expect(step.replies[0]?.text).toBe(
      `没有找到名称包含「永兴」的企业，请换个关键词，或回复序号。\n${listText}`,
    );
  });

  it("lists at most fifteen enterprises, and reads a number beyond them as part of a name", () => {
    const many = Array.from({ length: 20 }, (_, i) =>
      enterprise(`e${i + 1}`, `第${String(i + 1).padStart(2, "0")}号厂`),
    );
    const list = beginGridReport(ctxWith(many), { text: "出口堵塞", photoIds: ["att-1"] });
    expect(list.state.candidates).toHaveLength(15);
    expect(list.replies[0]?.choices?.at(-1)).toEqual({ id: "ent:15", label: "第15号厂" });
    const step = stepGridReport(ctxWith(many), list.state, say("18"));
    expect(step.state.enterprise).toEqual(enterprise("e18", "第18号厂"));
  });

  it("adds a photo sent while choosing and shows the full list again", () => {
    const narrowed = atStage("enterprise", { candidates: [huaanChem, huaanLogistics] });
    const step = stepGridReport(ctx, narrowed, photos("att-2"));
    expect(step.state.photoIds).toEqual(["att-1", "att-2"]);
    expect(step.state.candidates).toEqual(ctx.enterprises);
    expect(step.replies[0]?.text).toBe(listText);
  });

  it("shows the list again when nothing is said", () => {
    const step = stepGridReport(ctx, atStage("enterprise"), say("   "));
    expect(step.state).toEqual(atStage("enterprise"));
    expect(step.replies[0]?.text).toBe(listText);
  });
});

describe("location, confirmation and submission", () => {
  const confirmText = (location: string, count: number) =>
    `请确认上报内容：\n企业：宏达机械厂\n描述：消防通道堆放杂物\n位置：${location}\n照片：${count} 张\n` +
    "回复「提交」上报，回复「取消」放弃。";

  it("records the location and asks for confirmation", () => {
    const step = stepGridReport(ctx, atStage("location"), say(" 2号车间东侧 "));
    expect(step.state.location).toBe("2号车间东侧");
    expect(step.state.stage).toBe("confirm");
    expect(step.replies).toEqual([
      {
        text: confirmText("2号车间东侧", 1),
        expects: "choice",
        choices: [
          { id: "submit", label: "提交" },
          { id: "cancel", label: "取消" },
        ],
      },
    ]);
  });

  it("lets the location be skipped and shows a dash for it", () => {
    const step = stepGridReport(ctx, atStage("location"), command("skip"));
    expect(step.state.location).toBeNull();
    expect(step.state.stage).toBe("confirm");
    expect(step.replies[0]?.text).toBe(confirmText("—", 1));
  });

  it("asks for the location again on a blank reply", () => {
    const step = stepGridReport(ctx, atStage("location"), say(" "));
    expect(step.state).toEqual(atStage("location"));
    expect(step.replies[0]?.text).toBe("请描述具体位置（如：2号车间东侧消防通道），或回复「跳过」。");
  });

  it("adds a late photo at the confirmation and shows the new count", () => {
    const step = stepGridReport(ctx, atStage("confirm", { location: "东门" }), photos("att-2"));
    expect(step.state.photoIds).toEqual(["att-1", "att-2"]);
    expect(step.replies[0]?.text).toBe(confirmText("东门", 2));
    expect(step.effects).toEqual([]);
  });

  it("submits on 提交 at the confirmation with no reply of its own", () => {
    const here = atStage("confirm", { location: "东门" });
    expect(stepGridReport(ctx, here, command("submit"))).toEqual({
      state: here,
      replies: [],
      effects: [{ type: "submit" }],
    });
  });

  it("repeats the confirmation for anything else", () => {
    const here = atStage("confirm");
    const step = stepGridReport(ctx, here, say("好"));
    expect(step.state).toEqual(here);
    expect(step.effects).toEqual([]);
    expect(step.replies[0]?.text).toBe(confirmText("—", 1));
  });

  it("walks a whole report from a photo to the submission", () => {
    const steps = converse(
      ctx,
      photos("att-1"),
      say("消防通道堆放杂物"),
      say("宏达"),
      say("仓库北门"),
      command("submit"),
    );
    expect(end(steps).effects).toEqual([{ type: "submit" }]);
    expect(end(steps).state).toEqual(atStage("confirm", { location: "仓库北门" }));
  });

  it.each(["collect", "enterprise", "location", "confirm"] as const)(
    "cancels from the %s stage without a reply of its own",
    (stage) => {
      const here = atStage(stage);
      expect(stepGridReport(ctx, here, command("cancel"))).toEqual({
        state: here,
        replies: [],
        effects: [{ type: "cancel" }],
      });
    },
  );

  it("prompts each stage with what it waits for", () => {
    expect(gridReportPrompt(ctx, atStage("collect", { photoIds: [] })).expects).toBe("photo");
    expect(gridReportPrompt(ctx, atStage("collect", { description: null })).expects).toBe("text");
    expect(gridReportPrompt(ctx, atStage("enterprise")).expects).toBe("choice");
    expect(gridReportPrompt(ctx, atStage("location")).expects).toBe("text");
  });
});

describe("photos and digits at later stages", () => {
  it("keeps a photo sent at the location question and still asks for the location", () => {
    const step = stepGridReport(ctx, atStage("location"), photos("att-2"));
    expect(step.state.photoIds).toEqual(["att-1", "att-2"]);
    expect(step.state.stage).toBe("location");
  });

  it("keeps a photo sent with the location as its caption", () => {
    const step = stepGridReport(ctx, atStage("location"), { text: "东门", photoIds: ["att-2"] });
    expect(step.state.photoIds).toEqual(["att-1", "att-2"]);
    expect(step.state.location).toBe("东门");
  });

  it("reads a full-width number at the enterprise list", () => {
    const step = stepGridReport(ctx, atStage("enterprise"), say("２"));
    expect(step.state.enterprise).toEqual(huaanLogistics);
  });
});
