import { DEFAULT_RATE_LIMITS } from "../channels/registry.ts";
import type { Config } from "../config.ts";
import { alertAdminsOfDeadMessages } from "./dead-letter-alerts.ts";
import type { DispatcherOptions } from "./dispatcher.ts";
import { mergeRateLimits, type RateLimits } from "./rate-limiter.ts";

/**
 * Options of the product's dispatcher: attempts and the send timeout from the configuration, the platforms' rate limits
 * (from the channel registry; channels overridden by `rateLimits`), and admin alerts for dead messages worded by `deadAlert`
 * (`alerts.dead` of prompts/campaigns/messages.yaml).
 */
export function productDispatcherOptions(
  config: Pick<Config, "outboxMaxAttempts"> & Partial<Pick<Config, "outboxSendTimeoutMs">>,
  deadAlert: string,
  rateLimits: RateLimits = {},
): Partial<DispatcherOptions> {
  return {
    maxAttempts: config.outboxMaxAttempts,
    ...(config.outboxSendTimeoutMs !== undefined ? { sendTimeoutMs: config.outboxSendTimeoutMs } : {}),
    rateLimits: mergeRateLimits(rateLimits, DEFAULT_RATE_LIMITS),
    onDead: alertAdminsOfDeadMessages(deadAlert),
  };
}
