import { defineChannel, type RegisteredChannel } from "../channel.ts";
import { WEB_CHANNEL } from "./web-channel.ts";

/**
 * The chat simulator of the office console (`/simulator`), when it is on: by default only when the
 * HTTP server listens on a loopback address, or with SIMULATOR_ENABLED=true (see config.ts).
 * No platform, so no rate limits.
 */
export function webChannel(): RegisteredChannel {
  return defineChannel<true>({
    id: WEB_CHANNEL,
    settings: (config) => (config.web.simulator ? true : undefined),
    rateLimits: {},
    create: async (rt) => {
      const { WebChannel } = await import("./web-channel.ts");
      return new WebChannel(rt);
    },
  });
}
