import type { RateLimits } from "../outbox/rate-limiter.ts";
import type { RegisteredChannel } from "./channel.ts";
import { telegramChannel } from "./telegram/telegram-definition.ts";
import { webChannel } from "./web/web-definition.ts";
import { wechatChannel } from "./wechat/wechat-definition.ts";
import { wecomChannel } from "./wecom/wecom-definition.ts";

/**
 * Every chat channel the product can run, in start order. A channel is a folder that exports its
 * definition (see `defineChannel`); adding one is that folder and one line here.
 */
export const channelRegistry: readonly RegisteredChannel[] = [
  telegramChannel(),
  wechatChannel(),
  wecomChannel(),
  webChannel(),
];

/** The send limits of the channels of a registry, by channel id. */
export function rateLimitsOf(registry: readonly RegisteredChannel[]): RateLimits {
  return Object.fromEntries(registry.map((c) => [c.id, c.rateLimits]));
}

/**
 * The platforms' published limits (see DOMAIN.md, "Platform realities"), from the registry;
 * the console, which is no platform, has none.
 */
export const DEFAULT_RATE_LIMITS: RateLimits = { console: {}, ...rateLimitsOf(channelRegistry) };
