import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { renderWechat } from "../../../src/channels/wechat/wechat-render.ts";
import { loadChannelTexts } from "../../../src/content/channel-texts.ts";
import { ROOT } from "../../support/test-app.ts";

const texts = loadChannelTexts(path.join(ROOT, "prompts")).wechat;

describe("WeChat rendering", () => {
  it("writes a card as clean text with numbered options", () => {
    const parts = renderWechat(
      {
        text: "请关注整改进度。",
        card: {
          title: "安全生产提示卡",
          lines: [
            { label: "活动", value: "国庆节" },
            { label: "重大隐患", value: "无" },
          ],
          choices: [{ id: "ack:x", label: "已阅" }],
        },
        expects: "choice",
      },
      texts,
    );
    expect(parts).toEqual([
      {
        kind: "text",
        text: "【安全生产提示卡】\n活动：国庆节\n重大隐患：无\n\n请关注整改进度。\n\n1. 已阅\n请回复序号或选项文字。",
      },
    ]);
  });

  it("sends an image before its text", () => {
    expect(renderWechat({ text: "整改后", image: "att1", expects: "none" }, texts)).toEqual([
      { kind: "image", attachmentId: "att1" },
      { kind: "text", text: "整改后" },
    ]);
  });
});

// The shipped wording file must stay loadable.
it("prompts/channels.yaml is valid", () => {
  expect(fs.existsSync(path.join(ROOT, "prompts", "channels.yaml"))).toBe(true);
  expect(() => loadChannelTexts(path.join(ROOT, "prompts"))).not.toThrow();
});
