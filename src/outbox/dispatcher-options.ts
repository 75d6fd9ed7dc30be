import { DEFAULT_RATE_LIMITS } from "../channels/registry.ts";
import type { Config } from "../config.ts";
import { type AlertTemplates, alertAdminsOfDeadMessages } from "./dead-letter-alerts.ts";
import type { DispatcherOptions } from "./dispatcher.ts";
import { mergeRateLimits, type RateLimits } from "./rate-limiter.ts";

/**
 * Options of the product's dispatcher: attempts, the send timeout and what to do with a send in
 * doubt from the configuration, the platforms' rate limits (from the channel registry; channels
 * overridden by `rateLimits`), and admin alerts for dead and unconfirmed messages worded by
 * `alerts` (`alerts` of prompts/campaigns/messages.yaml).
 */
export function productDispatcherOptions(
  config: Pick<Config, "outboxMaxAttempts"> & Partial<Pick<Config, "outboxSendTimeoutMs" | "outboxInDoubt">>,
  alerts: AlertTemplates,
  rateLimits: RateLimits = {},
): Partial<DispatcherOptions> {
  return {
    maxAttempts: config.outboxMaxAttempts,
    ...(config.outboxSendTimeoutMs !== undefined ? { sendTimeoutMs: config.outboxSendTimeoutMs } : {}),
    ...(config.outboxInDoubt !== undefined ? { inDoubt: config.outboxInDoubt } : {}),
    rateLimits: mergeRateLimits(rateLimits, DEFAULT_RATE_LIMITS),
    onDead: alertAdminsOfDeadMessages(alerts),
  };
}
