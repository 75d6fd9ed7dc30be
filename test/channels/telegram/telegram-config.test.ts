import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../../src/config.ts";

const TOKEN = "123456:ABC-def_123";

describe("Telegram settings", () => {
  it("leaves Telegram off when no TELEGRAM_ setting is present (an empty value counts as absent)", () => {
    const config = loadConfig({ TELEGRAM_BOT_TOKEN: "" });
    expect(config.telegram).toBeUndefined();
    expect(config.http).toEqual({ host: "127.0.0.1", port: 8080 });
  });

  it("polls with just a token, and uses a webhook when its URL and secret are set", () => {
    expect(loadConfig({ TELEGRAM_BOT_TOKEN: TOKEN }).telegram).toEqual({ token: TOKEN });
    expect(
      loadConfig({
        TELEGRAM_BOT_TOKEN: TOKEN,
        TELEGRAM_API_ROOT: "http://127.0.0.1:8081/",
        TELEGRAM_WEBHOOK_URL: "https://bot.example.org/telegram/webhook",
        TELEGRAM_WEBHOOK_SECRET: "abc_DEF-123",
      }).telegram,
    ).toEqual({
      token: TOKEN,
      apiRoot: "http://127.0.0.1:8081",
      webhook: { url: "https://bot.example.org/telegram/webhook", secret: "abc_DEF-123" },
    });
  });

  it("refuses half a configuration, naming what is missing", () => {
    expect(() => loadConfig({ TELEGRAM_API_ROOT: "http://127.0.0.1:8081" })).toThrow(
      "TELEGRAM_BOT_TOKEN: required because TELEGRAM_API_ROOT is set",
    );
    expect(() =>
      loadConfig({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_URL: "https://bot.example.org/hook" }),
    ).toThrow("TELEGRAM_WEBHOOK_URL and TELEGRAM_WEBHOOK_SECRET: set both");
    expect(() => loadConfig({ TELEGRAM_BOT_TOKEN: "not a token" })).toThrow(ConfigError);
    expect(() =>
      loadConfig({
        TELEGRAM_BOT_TOKEN: TOKEN,
        TELEGRAM_WEBHOOK_URL: "https://x.org/h",
        TELEGRAM_WEBHOOK_SECRET: "has space",
      }),
    ).toThrow(/TELEGRAM_WEBHOOK_SECRET: must be 1-256 characters/);
  });
});
