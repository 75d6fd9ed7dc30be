import { describe, expect, it } from "vitest";
import { startChannels } from "../../../src/channels/start-channels.ts";
import { loadConfig } from "../../../src/config.ts";
import type { Dispatcher } from "../../../src/outbox/dispatcher.ts";
import { createTestApp } from "../../support/test-app.ts";

const WECOM = {
  WECOM_CORP_ID: "ww7f3a9c2e5b1d4680",
  WECOM_AGENT_ID: "1000002",
  WECOM_SECRET: "s",
  WECOM_TOKEN: "Token123",
  WECOM_AES_KEY: "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG",
};

describe("WeCom settings", () => {
  it("starts WeCom with all five settings, on the official host unless WECOM_API_ROOT says otherwise", () => {
    expect(loadConfig(WECOM).wecom).toEqual({
      corpId: "ww7f3a9c2e5b1d4680",
      agentId: 1000002,
      secret: "s",
      token: "Token123",
      aesKey: "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG",
      apiRoot: "https://qyapi.weixin.qq.com",
      callbackMaxAgeMs: 300_000,
    });
    expect(loadConfig({ ...WECOM, WECOM_CALLBACK_MAX_AGE_SECONDS: "60" }).wecom?.callbackMaxAgeMs).toBe(
      60_000,
    );
    expect(loadConfig({ ...WECOM, WECOM_API_ROOT: "http://127.0.0.1:9/" }).wecom?.apiRoot).toBe(
      "http://127.0.0.1:9",
    );
  });

  it("refuses part of the settings, naming the missing ones", () => {
    expect(() => loadConfig({ WECOM_CORP_ID: "ww1", WECOM_SECRET: "s" })).toThrow(
      "WECOM_AGENT_ID, WECOM_TOKEN, WECOM_AES_KEY: required because WECOM_CORP_ID, WECOM_SECRET are set",
    );
    expect(() => loadConfig({ ...WECOM, WECOM_AES_KEY: "short" })).toThrow(
      "WECOM_AES_KEY: must be the 43-character EncodingAESKey",
    );
  });

  it("starts nothing (and no HTTP server) when no chat app is configured", async () => {
    const app = await createTestApp({ seed: false, env: { SIMULATOR_ENABLED: "false" } });
    try {
      const registered: string[] = [];
      const channels = await startChannels(app.deps, {
        register: (s) => registered.push(s.id),
        drain: async () => 0,
      } as Pick<Dispatcher, "register" | "drain">);
      expect(registered).toEqual([]);
      expect(channels.http).toBeUndefined();
      await channels.stop();
    } finally {
      await app.close();
    }
  });
});
