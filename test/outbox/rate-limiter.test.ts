import { describe, expect, it } from "vitest";
import { DEFAULT_RATE_LIMITS } from "../../src/channels/registry.ts";
import { mergeRateLimits, RateLimiter, rateLimitsSchema } from "../../src/outbox/rate-limiter.ts";

describe("rate limits", () => {
  it("defaults to the platforms' published limits", () => {
    expect(DEFAULT_RATE_LIMITS.telegram?.global).toEqual([{ limit: 30, perMs: 1_000 }]);
    expect(DEFAULT_RATE_LIMITS.telegram?.perRecipient).toEqual([{ limit: 1, perMs: 1_000 }]);
    expect(DEFAULT_RATE_LIMITS.wecom?.perRecipient).toEqual([
      { limit: 30, perMs: 60_000 },
      { limit: 1_000, perMs: 3_600_000 },
    ]);
    expect(DEFAULT_RATE_LIMITS.console).toEqual({});
  });

  it("lets a telegram bot send 30 a second overall and 1 a second per chat", () => {
    const limiter = new RateLimiter(DEFAULT_RATE_LIMITS);
    for (let i = 0; i < 30; i++) {
      expect(limiter.delayFor("telegram", `chat${i}`, 0)).toBe(0);
      limiter.record("telegram", `chat${i}`, 0);
    }
    expect(limiter.channelDelay("telegram", 0)).toBe(1_000);
    expect(limiter.delayFor("telegram", "chat99", 999)).toBe(1);
    expect(limiter.delayFor("telegram", "chat99", 1_000)).toBe(0);
    expect(limiter.delayFor("telegram", "chat0", 500)).toBe(500);
  });

  it("holds a telegram group to 20 a minute, and a wecom member to 30 a minute", () => {
    const limiter = new RateLimiter(DEFAULT_RATE_LIMITS);
    for (let i = 0; i < 20; i++) limiter.record("telegram", "-100123", i * 1_000);
    expect(limiter.delayFor("telegram", "-100123", 20_000)).toBe(40_000);
    expect(limiter.delayFor("telegram", "42", 20_000)).toBe(0);
    for (let i = 0; i < 30; i++) limiter.record("wecom", "zhangsan", i * 100);
    expect(limiter.delayFor("wecom", "zhangsan", 3_000)).toBe(57_000);
    expect(limiter.delayFor("wecom", "lisi", 3_000)).toBe(0);
  });

  it("pauses a recipient until a platform's retry_after has passed", () => {
    const limiter = new RateLimiter({});
    limiter.pause("telegram", "42", 5_000);
    expect(limiter.delayFor("telegram", "42", 1_000)).toBe(4_000);
    expect(limiter.delayFor("telegram", "43", 1_000)).toBe(0);
    expect(limiter.delayFor("telegram", "42", 5_000)).toBe(0);
  });

  it("does not limit channels it has no limits for", () => {
    const limiter = new RateLimiter(DEFAULT_RATE_LIMITS);
    for (let i = 0; i < 1_000; i++) limiter.record("console", "13900000001", 0);
    expect(limiter.delayFor("console", "13900000001", 0)).toBe(0);
  });

  it("reads overrides as JSON and merges them over the defaults by channel", () => {
    const overrides = rateLimitsSchema.parse(
      JSON.parse('{"wecom":{"perRecipient":[{"limit":10,"perMs":60000}]}}'),
    );
    const merged = mergeRateLimits(overrides, DEFAULT_RATE_LIMITS);
    expect(merged.wecom).toEqual({ perRecipient: [{ limit: 10, perMs: 60_000 }] });
    expect(merged.telegram).toBe(DEFAULT_RATE_LIMITS.telegram);
    expect(rateLimitsSchema.safeParse({ wecom: { perRecipient: [{ limit: 0, perMs: 1 }] } }).success).toBe(
      false,
    );
  });
});
