import type { AppDeps } from "../app/app-deps.ts";
import { channelServices } from "../app/channels/channel-services.ts";
import { recordFailedInbound } from "../app/channels/record-failed-inbound.ts";
import { handleInboundMessage } from "../app/handle-inbound-message.ts";
import {
  type HttpHandler,
  type HttpRoute,
  type RunningHttpServer,
  startHttpServer,
} from "../http/http-server.ts";
import type { Dispatcher } from "../outbox/dispatcher.ts";
import type { Channel, ChannelRuntime, Inbox, RegisteredChannel } from "./channel.ts";
import { DrainKicker } from "./drain-kicker.ts";
import { DEFAULT_INBOUND_RETRY, handleWithRetry, type InboundRetry } from "./inbound-retry.ts";
import { channelRegistry } from "./registry.ts";

export type StartChannelsOptions = {
  /** The channels to consider; the product's registry by default (tests pass tuned or extra entries). */
  registry?: readonly RegisteredChannel[];
  /** Answers every HTTP path no channel route takes (the office console); the HTTP server then always starts. */
  fallback?: HttpHandler;
  /** How often a failing inbound message is tried before it is recorded as failed (tests shorten it). */
  inboundRetry?: InboundRetry;
  /**
   * On a database shared by several instances: an "exclusive" channel (one receiving connection,
   * see `Channel.scope`) is handed here instead of being started, to start once this instance
   * holds its role. Started at once when not given.
   */
  startExclusive?: (channel: Channel, start: () => Promise<void>) => void;
  /** Whether the database answers, for `GET /healthz`. */
  health?: () => Promise<boolean>;
};

export type RunningChannels = {
  /** The started channels, in registry order. */
  readonly channels: readonly Channel[];
  /** A started channel by id. */
  get(id: string): Channel | undefined;
  /** The started channel of a class (for what only that platform has, e.g. WeChat's login state). */
  find<C extends Channel>(type: abstract new (...args: never[]) => C): C | undefined;
  http?: RunningHttpServer;
  /** Resolves when the outbox drains asked for by inbound messages are done. */
  settled(): Promise<void>;
  stop(): Promise<void>;
};

/**
 * Starts every channel of the registry whose settings are present (see config.ts), registers it
 * with the dispatcher, and starts the HTTP server when a channel has routes (Telegram webhook,
 * WeCom callback). Each channel hands its messages to the app through one inbox, which tries a
 * failing message again and records it as failed (answered 「系统繁忙」) after the last try; replies are
 * drained as soon as a message was handled, besides the dispatcher's own ticks. `stop()` stops
 * them in reverse order.
 */
export async function startChannels(
  deps: AppDeps,
  dispatcher: Pick<Dispatcher, "register" | "drain">,
  options: StartChannelsOptions = {},
): Promise<RunningChannels> {
  const { config } = deps;
  const log = deps.log.child({ part: "channels" });
  const wanted = (options.registry ?? channelRegistry).flatMap((entry) => {
    const create = entry.configured(config);
    return create ? [{ id: entry.id, create }] : [];
  });
  const serve = (routes: HttpRoute[]) =>
    routes.length || options.fallback
      ? startHttpServer({
          ...config.http,
          routes,
          ...(options.fallback ? { fallback: options.fallback } : {}),
          ...(options.health ? { health: options.health } : {}),
          log: deps.log.child({ part: "http" }),
        })
      : undefined;
  if (wanted.length === 0) {
    log.info("no chat app configured (TELEGRAM_*, WECHATY_*, WECOM_*): console only");
    const http = await serve([]);
    return {
      channels: [],
      get: () => undefined,
      find: () => undefined,
      ...(http ? { http } : {}),
      settled: async () => undefined,
      stop: async () => {
        await http?.close();
      },
    };
  }
  const texts = deps.content.channels;
  const kicker = new DrainKicker(dispatcher, log);
  const byId = new Map<string, Channel>();
  // Aborted at stop: a message still being retried is then left for the platform to deliver again.
  const stopping = new AbortController();
  const inbox: Inbox = async (message) => {
    const outcome = await handleWithRetry(
      message,
      () => handleInboundMessage(deps, message),
      () => recordFailedInbound(deps, message),
      { retry: options.inboundRetry ?? DEFAULT_INBOUND_RETRY, signal: stopping.signal, log },
    );
    if (outcome === "processed" || outcome === "failed") kicker.kick();
    return outcome;
  };
  const runtime = (id: string): ChannelRuntime => ({
    log: deps.log,
    clock: deps.clock,
    texts,
    dataDir: config.dataDir,
    maxPhotoBytes: config.maxPhotoBytes,
    bindWord: deps.content.texts.word("bind"),
    kick: () => kicker.kick(),
    ...channelServices(deps, id),
  });

  const channels: Channel[] = [];
  for (const { id, create } of wanted) {
    const channel = await create(runtime(id));
    channels.push(channel);
    byId.set(channel.id, channel);
    dispatcher.register(channel);
    // Files users send by reference are fetched by their channel when the app stores them.
    const { fetchAttachment } = channel;
    if (fetchAttachment) deps.attachments.register(channel.id, (ref) => fetchAttachment.call(channel, ref));
  }
  const routes = channels.flatMap((c) => c.routes ?? []);
  // Up before the channels start: Telegram posts to the webhook as soon as it is set.
  const http = await serve(routes);
  const started = new Set<Channel>();
  for (const channel of channels) {
    const start = async () => {
      started.add(channel);
      await channel.start(inbox);
    };
    if (channel.scope === "exclusive" && options.startExclusive) options.startExclusive(channel, start);
    else await start();
  }
  log.info({ channels: channels.map((c) => c.id) }, "chat channels started");

  return {
    channels,
    get: (id) => byId.get(id),
    find: <C extends Channel>(type: abstract new (...args: never[]) => C) =>
      channels.find((c): c is C => c instanceof type),
    ...(http ? { http } : {}),
    settled: () => kicker.idle(),
    stop: async () => {
      stopping.abort();
      await http?.close();
      for (const channel of [...channels].reverse()) if (started.has(channel)) await channel.stop();
      await kicker.idle();
    },
  };
}
