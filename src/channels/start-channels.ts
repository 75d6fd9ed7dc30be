import type { AppDeps } from "../app/app-deps.ts";
import { type HttpRoute, type RunningHttpServer, startHttpServer } from "../http/http-server.ts";
import type { Dispatcher } from "../outbox/dispatcher.ts";
import type { ChannelRuntime } from "./channel-runtime.ts";
import { loadChannelTexts } from "./channel-texts.ts";
import { DrainKicker } from "./drain-kicker.ts";
import { TelegramChannel, type TelegramOptions } from "./telegram/telegram-channel.ts";
import { TELEGRAM_CHANNEL } from "./telegram/telegram-inbound.ts";
import { WECHAT_CHANNEL, WechatChannel, type WechatOptions } from "./wechat/wechat-channel.ts";
import { WecomChannel } from "./wecom/wecom-channel.ts";
import { WECOM_CHANNEL } from "./wecom/wecom-inbound.ts";

export type StartChannelsOptions = {
  telegram?: TelegramOptions;
  /** WeChat overrides (tests pass a wechaty-puppet-mock puppet; it starts WeChat without WECHATY_PUPPET). */
  wechat?: WechatOptions;
};

export type RunningChannels = {
  telegram?: TelegramChannel;
  wechat?: WechatChannel;
  wecom?: WecomChannel;
  http?: RunningHttpServer;
  /** Resolves when the outbox drains asked for by inbound messages are done. */
  settled(): Promise<void>;
  stop(): Promise<void>;
};

/**
 * Starts every chat channel whose settings are present (see config.ts), registers its sender
 * with the dispatcher, and starts the HTTP server when a channel needs one (Telegram webhook,
 * WeCom callback). Replies are drained as soon as a message was handled, besides the
 * dispatcher's own ticks. `stop()` stops them in reverse order.
 */
export async function startChannels(
  deps: AppDeps,
  dispatcher: Pick<Dispatcher, "register" | "drain">,
  options: StartChannelsOptions = {},
): Promise<RunningChannels> {
  const { config } = deps;
  const log = deps.log.child({ part: "channels" });
  const wantWechat = config.wechat !== undefined || options.wechat?.puppet !== undefined;
  if (!config.telegram && !wantWechat && !config.wecom) {
    log.info("no chat app configured (TELEGRAM_*, WECHATY_*, WECOM_*): console only");
    return { settled: async () => undefined, stop: async () => undefined };
  }
  const texts = loadChannelTexts(config.promptsDir);
  const kicker = new DrainKicker(dispatcher, log);
  const fetchers = new Map<string, (ref: string) => Promise<Buffer>>();
  const channelDeps: AppDeps = {
    ...deps,
    fetchAttachment: (channel, ref) => {
      const fetcher = fetchers.get(channel);
      if (fetcher) return fetcher(ref);
      if (deps.fetchAttachment) return deps.fetchAttachment(channel, ref);
      return Promise.reject(new Error(`no attachment fetcher for channel ${channel}`));
    },
  };
  const rt: ChannelRuntime = { deps: channelDeps, texts, kick: () => kicker.kick() };

  const telegram = config.telegram ? new TelegramChannel(rt, config.telegram, options.telegram) : undefined;
  const wechat = wantWechat ? new WechatChannel(rt, config.wechat, options.wechat) : undefined;
  const wecom = config.wecom ? new WecomChannel(rt, config.wecom) : undefined;
  if (telegram) fetchers.set(TELEGRAM_CHANNEL, (ref) => telegram.fetchAttachment(ref));
  if (wecom) fetchers.set(WECOM_CHANNEL, (ref) => wecom.fetchAttachment(ref));
  for (const c of [telegram, wechat, wecom]) if (c) dispatcher.register(c.sender);

  const routes = [telegram?.route(), wecom?.route()].filter((r): r is HttpRoute => r !== undefined);
  // Up before the channels start: Telegram posts to the webhook as soon as it is set.
  const http = routes.length
    ? await startHttpServer({ ...config.http, routes, log: deps.log.child({ part: "http" }) })
    : undefined;
  await telegram?.start();
  await wechat?.start();
  log.info(
    {
      channels: [telegram && TELEGRAM_CHANNEL, wechat && WECHAT_CHANNEL, wecom && WECOM_CHANNEL].filter(
        Boolean,
      ),
    },
    "chat channels started",
  );

  return {
    ...(telegram ? { telegram } : {}),
    ...(wechat ? { wechat } : {}),
    ...(wecom ? { wecom } : {}),
    ...(http ? { http } : {}),
    settled: () => kicker.idle(),
    stop: async () => {
      await http?.close();
      await wecom?.stop();
      await wechat?.stop();
      await telegram?.stop();
      await kicker.idle();
    },
  };
}
