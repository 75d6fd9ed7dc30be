import type { WecomConfig } from "../../config.ts";
import type { ChannelLimits } from "../../outbox/rate-limiter.ts";
import { defineChannel, type RegisteredChannel } from "../channel.ts";

// The id as a literal: wecom-inbound.ts loads the XML parser, which only a configured WeCom needs.
const WECOM_CHANNEL = "wecom";

/** A self-built app's published limits: 30 messages a minute and 1000 an hour per member. */
export const WECOM_RATE_LIMITS: ChannelLimits = {
  perRecipient: [
    { limit: 30, perMs: 60_000 },
    { limit: 1_000, perMs: 3_600_000 },
  ],
};

/** WeCom (企业微信), when all five WECOM_ settings are present (see config.ts). */
export function wecomChannel(): RegisteredChannel {
  return defineChannel<WecomConfig>({
    id: WECOM_CHANNEL,
    settings: (config) => config.wecom,
    rateLimits: WECOM_RATE_LIMITS,
    texts: "wecom",
    create: async (rt, settings) => {
      const { WecomChannel } = await import("./wecom-channel.ts");
      return new WecomChannel(rt, settings);
    },
  });
}
