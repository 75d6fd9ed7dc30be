import type { WechatConfig } from "../../config.ts";
import type { ChannelLimits } from "../../outbox/rate-limiter.ts";
import { defineChannel, type RegisteredChannel } from "../channel.ts";
import type { WechatOptions } from "./wechat-channel.ts";

export const WECHAT_CHANNEL = "wechat";

/**
 * A personal account through web protocols has no published limit: a cautious pace, since bursts
 * are what get accounts banned.
 */
export const WECHAT_RATE_LIMITS: ChannelLimits = {
  global: [{ limit: 20, perMs: 60_000 }],
  perRecipient: [{ limit: 1, perMs: 3_000 }],
};

/**
 * WeChat through wechaty, when WECHATY_PUPPET names a puppet (see config.ts) or `options` hand one
 * over (tests: wechaty-puppet-mock).
 */
export function wechatChannel(options: WechatOptions = {}): RegisteredChannel {
  return defineChannel<{ config: WechatConfig | undefined }>({
    id: WECHAT_CHANNEL,
    settings: (config) =>
      config.wechat !== undefined || options.puppet !== undefined ? { config: config.wechat } : undefined,
    rateLimits: WECHAT_RATE_LIMITS,
    texts: "wechat",
    create: async (rt, settings) => {
      const { WechatChannel } = await import("./wechat-channel.ts");
      return new WechatChannel(rt, settings.config, options);
    },
  });
}
