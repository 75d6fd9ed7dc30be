import path from "node:path";
import { describe, expect, it } from "vitest";
import { renderWecom, splitBytes } from "../../../src/channels/wecom/wecom-render.ts";
import { loadChannelTexts } from "../../../src/content/channel-texts.ts";
import { ROOT } from "../../support/test-app.ts";

const texts = loadChannelTexts(path.join(ROOT, "prompts")).wecom;
const yesNo = [
  { id: "yes", label: "是" },
  { id: "no", label: "否" },
];

describe("WeCom rendering", () => {
  it("puts a short question on a card: its first line as the title", () => {
    const [part] = renderWecom(
      { text: "第 1/6 题：出口畅通？\n可发送「暂停」。", choices: yesNo, expects: "choice" },
      texts,
    );
    expect(part).toEqual({
      kind: "card",
      card: {
        card_type: "button_interaction",
        main_title: { title: "第 1/6 题：出口畅通？" },
        sub_title_text: "可发送「暂停」。",
        button_list: [
          { text: "是", key: "c2:k%3Ayes:%E6%98%AF" },
          { text: "否", key: "c2:k%3Ano:%E5%90%A6" },
        ],
      },
    });
  });

  it("puts a question with a long first line in the card's body", () => {
    const question = `第 1/25 题：${"危险化学品是否按规定分类分区存放".repeat(2)}？`;
    const [part] = renderWecom({ text: question, choices: yesNo, expects: "choice" }, texts);
    expect(part?.kind === "card" && part.card.main_title).toEqual({});
    expect(part?.kind === "card" && part.card.sub_title_text).toBe(question);
  });

  it("sends what a card would cut off as text first, then a short card with the buttons", () => {
    const long = `全部 20 题已答完，请核对：\n${"1. 安全出口是否畅通？ —— 是\n".repeat(10)}`;
    const parts = renderWecom({ text: long, choices: yesNo, expects: "choice" }, texts);
    expect(parts.map((p) => p.kind)).toEqual(["text", "card"]);
    expect(parts[1]?.kind === "card" && parts[1].card.main_title).toEqual({
      title: "全部 20 题已答完，请核对：",
    });
  });

  it("sends a long leader card as markdown with a short card for 已阅, and one without buttons as markdown only", () => {
    const card = {
      title: "安全生产提示卡",
      lines: Array.from({ length: 8 }, (_, i) => ({
        label: `项目${i}`,
        value: i === 7 ? "1. 值班\n2. 巡查" : "内容".repeat(6),
      })),
      choices: [{ id: "ack:k", label: "已阅" }],
    };
    const parts = renderWecom({ text: "请关注。", card, expects: "choice" }, texts);
    expect(parts.map((p) => p.kind)).toEqual(["markdown", "card"]);
    expect(parts[0]?.kind === "markdown" && parts[0].content).toContain("> 项目7：1. 值班\n> 2. 巡查");
    expect(parts[1]?.kind === "card" && parts[1].card.main_title).toEqual({ title: "安全生产提示卡" });
    const plain = renderWecom({ text: "请关注。", card: { ...card, choices: [] }, expects: "none" }, texts);
    expect(plain.map((p) => p.kind)).toEqual(["markdown"]);
  });

  it("numbers choices that cannot be buttons (more than six)", () => {
    const choices = Array.from({ length: 7 }, (_, i) => ({ id: `o${i}`, label: `选项${i + 1}` }));
    const [part] = renderWecom({ text: "请选择", choices, expects: "choice" }, texts);
    expect(part).toEqual({
      kind: "text",
      content: `请选择\n\n${choices.map((c, i) => `${i + 1}. ${c.label}`).join("\n")}\n请回复序号或选项文字。`,
    });
  });

  it("splits text into pieces of at most 2048 bytes", () => {
    const text = "隐患".repeat(1500);
    const pieces = splitBytes(text);
    expect(pieces.join("")).toBe(text);
    expect(pieces.every((p) => Buffer.byteLength(p) <= 2048)).toBe(true);
  });
});
