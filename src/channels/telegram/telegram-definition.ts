import type { TelegramConfig } from "../../config.ts";
import type { ChannelLimits } from "../../outbox/rate-limiter.ts";
import { defineChannel, type RegisteredChannel } from "../channel.ts";
import type { TelegramOptions } from "./telegram-channel.ts";
import { TELEGRAM_CHANNEL } from "./telegram-inbound.ts";

/** The Bot API's published limits: about 30 messages a second overall, 1 a second per chat, 20 a minute per group. */
export const TELEGRAM_RATE_LIMITS: ChannelLimits = {
  global: [{ limit: 30, perMs: 1_000 }],
  perRecipient: [{ limit: 1, perMs: 1_000 }],
  groups: { pattern: "^-", limits: [{ limit: 20, perMs: 60_000 }] },
};

/** Telegram, when TELEGRAM_BOT_TOKEN is set (see config.ts); `options` tune it (tests poll briefly). */
export function telegramChannel(options: TelegramOptions = {}): RegisteredChannel {
  return defineChannel<TelegramConfig>({
    id: TELEGRAM_CHANNEL,
    settings: (config) => config.telegram,
    rateLimits: TELEGRAM_RATE_LIMITS,
    texts: "telegram",
    create: async (rt, settings) => {
      const { TelegramChannel } = await import("./telegram-channel.ts");
      return new TelegramChannel(rt, settings, options);
    },
  });
}
