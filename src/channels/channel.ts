import type { InboundOutcome } from "../app/handle-inbound-message.ts";
import type { Config } from "../config.ts";
import type { ChannelTextSection, ChannelTexts } from "../content/channel-texts.ts";
import type { Clock } from "../domain/clock.ts";
import type { InboundMessage, OutboundMessage } from "../domain/messages.ts";
import type { HttpRoute } from "../http/http-server.ts";
import type { Logger } from "../logger.ts";
import type { ChannelSender, Delivery, SendResult } from "../outbox/channel-sender.ts";
import type { ChannelLimits } from "../outbox/rate-limiter.ts";

export type { Delivery, SendResult } from "../outbox/channel-sender.ts";

/**
 * What became of a message handed to the app: handled, already seen (a redelivery), a
 * button of an older prompt (`stale`), in a group a button of a prompt that asks someone
 * else (`not_yours`), or `failed`: every attempt failed, and it was recorded as failed and
 * answered that the system is busy. The channel acknowledges a press accordingly.
 */
export type InboxOutcome = InboundOutcome | "failed";

/**
 * How a channel hands an inbound message to the app; resolves once it is handled or recorded as
 * failed (a failure is tried again inside), and rejects only when the app is stopping: the
 * platform must then deliver it again.
 */
export type Inbox = (message: InboundMessage) => Promise<InboxOutcome>;

/** A stored file a channel sends as an image. */
export type StoredFile = { sha256: string; mime: string; bytes(): Promise<Buffer> };

/**
 * One chat platform: maps its SDK's events to `InboundMessage`s handed to the inbox, and renders
 * `OutboundMessage`s the dispatcher gives it. It keeps nothing a user could notice after a restart:
 * which prompt a button belongs to travels on the button (`message.promptId`) and is judged by
 * the app against the database.
 */
export interface Channel extends ChannelSender {
  readonly id: string;
  /** Send limits of the platform: overall, per recipient, per group. */
  readonly rateLimits: ChannelLimits;
  /** HTTP routes the channel answers (a webhook, a callback), served by the one HTTP server. */
  readonly routes?: readonly HttpRoute[];
  /**
   * Where this channel sends from and receives in: "platform" (one sender among several instances
   * on a shared database, so its rate limits stay global), "exclusive" (a platform that allows one
   * receiving connection too: Telegram long polling, a WeChat login), or "instance" (each instance
   * its own, like the console's chat simulator). Platform by default.
   */
  readonly scope?: "platform" | "exclusive" | "instance";
  /** Starts receiving; every message goes to `inbox`. */
  start(inbox: Inbox): Promise<void>;
  /** Stops receiving and waits for the messages in hand. */
  stop(): Promise<void>;
  /**
   * Sends one message (the dispatcher's only way out). A recipient the platform says cannot be
   * reached is a result (`unreachable`), not an error.
   */
  send(recipient: string, message: OutboundMessage, delivery: Delivery): Promise<SendResult>;
  /** The bytes of a file a user sent by reference (e.g. a Telegram file id). */
  fetchAttachment?(ref: string): Promise<Buffer>;
}

/** What the app gives a channel it creates: clock, log, wording, and the app services a channel needs. */
export type ChannelRuntime = {
  log: Logger;
  clock: Clock;
  texts: ChannelTexts;
  /** Where a channel may keep files of its own (WeChat's session and login QR code). */
  dataDir: string;
  /** The largest photo the app accepts, in bytes; downloads stop just past it. */
  maxPhotoBytes: number;
  /** The bind command's word (Telegram's invite link `/start <code>` becomes it). */
  bindWord: string;
  /** Asks the outbox to send now (an alert was just enqueued); never throws. */
  kick(): void;
  /** A stored file by attachment id, or null when there is none. */
  storedFile(attachmentId: string): Promise<StoredFile | null>;
  /** Marks one of this channel's accounts unreachable, audited; false when it is no bound account. */
  markUnreachable(externalId: string, reason: string): Promise<boolean>;
  /** Clears the mark (the account came back, e.g. unblocked the bot). */
  clearUnreachable(externalId: string): Promise<void>;
  /** Tells the administrators on another channel than this one; the key makes a repeat a no-op. */
  alertAdmins(alert: { key: string; text: string }): Promise<number>;
  /** This channel's bound accounts not marked unreachable. */
  reachableAccounts(): Promise<string[]>;
};

/**
 * A channel as the registry lists it: its id, how its settings are read from the configuration,
 * its platform's rate limits, its section of `prompts/channels.yaml`, and a factory.
 */
export type ChannelDefinition<S> = {
  readonly id: string;
  /** Its settings when the configuration sets the channel up; undefined leaves it off. */
  settings(config: Config): S | undefined;
  readonly rateLimits: ChannelLimits;
  /** Its section of `prompts/channels.yaml`, when it has wording of its own. */
  readonly texts?: ChannelTextSection;
  /** Builds the channel (SDKs are loaded here, so listing a channel costs nothing). */
  create(rt: ChannelRuntime, settings: S): Promise<Channel>;
};

/** A registry entry: a definition with its settings type hidden. */
export type RegisteredChannel = {
  readonly id: string;
  readonly rateLimits: ChannelLimits;
  readonly texts?: ChannelTextSection;
  /** The channel's factory when the configuration sets it up, or undefined. */
  configured(config: Config): ((rt: ChannelRuntime) => Promise<Channel>) | undefined;
};

/** Turns a channel's definition into a registry entry. */
export function defineChannel<S>(definition: ChannelDefinition<S>): RegisteredChannel {
  const { id, rateLimits, texts } = definition;
  return {
    id,
    rateLimits,
    ...(texts ? { texts } : {}),
    configured(config) {
      const settings = definition.settings(config);
      return settings === undefined ? undefined : (rt) => definition.create(rt, settings);
    },
  };
}
