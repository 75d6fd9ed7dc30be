import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { startChannels } from "../../../src/channels/start-channels.ts";
import { WechatChannel } from "../../../src/channels/wechat/wechat-channel.ts";
import { loadConfig } from "../../../src/config.ts";
import { createTestApp, kindsContent, ROOT } from "../../support/test-app.ts";

describe("WeChat settings", () => {
  it("starts WeChat only when WECHATY_PUPPET names a puppet", () => {
    expect(loadConfig({}).wechat).toBeUndefined();
    expect(loadConfig({ WECHATY_PUPPET: "wechaty-puppet-wechat4u" }).wechat).toEqual({
      puppet: "wechaty-puppet-wechat4u",
    });
    expect(
      loadConfig({
        WECHATY_PUPPET: "wechaty-puppet-service",
        WECHATY_PUPPET_SERVICE_TOKEN: "puppet_workpro_x",
      }).wechat,
    ).toEqual({ puppet: "wechaty-puppet-service", puppetToken: "puppet_workpro_x" });
  });

  it("refuses a token without a puppet, and puppet-service without its token", () => {
    expect(() => loadConfig({ WECHATY_PUPPET_SERVICE_TOKEN: "t" })).toThrow(
      "WECHATY_PUPPET: required because WECHATY_PUPPET_SERVICE_TOKEN is set",
    );
    expect(() => loadConfig({ WECHATY_PUPPET: "wechaty-puppet-service" })).toThrow(
      "WECHATY_PUPPET_SERVICE_TOKEN: required by wechaty-puppet-service",
    );
  });
});

describe("the WeChat channel by WECHATY_PUPPET", () => {
  it("loads the puppet package WECHATY_PUPPET names", async () => {
    const dirs = kindsContent();
    fs.copyFileSync(path.join(ROOT, "prompts", "channels.yaml"), path.join(dirs.promptsDir, "channels.yaml"));
    const app = await createTestApp({
      ...dirs,
      seed: false,
      env: { WECHATY_PUPPET: "wechaty-puppet-mock", SIMULATOR_ENABLED: "false" },
    });
    const registered: string[] = [];
    const channels = await startChannels(app.deps, {
      register: (s) => registered.push(s.id),
      drain: async () => 0,
    });
    try {
      expect(registered).toEqual(["wechat"]);
      expect(channels.find(WechatChannel)?.puppetName).toBe("PuppetMock");
      expect(channels.http).toBeUndefined();
    } finally {
      await channels.stop();
      await app.close();
    }
  });
});
