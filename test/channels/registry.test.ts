import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createInvite } from "../../src/app/identity/create-invite.ts";
import {
  type Channel,
  type ChannelRuntime,
  defineChannel,
  type Inbox,
  type SendResult,
} from "../../src/channels/channel.ts";
import { channelRegistry, DEFAULT_RATE_LIMITS, rateLimitsOf } from "../../src/channels/registry.ts";
import { type RunningChannels, startChannels } from "../../src/channels/start-channels.ts";
import { ChannelTextsSchema } from "../../src/content/channel-texts.ts";
import type { OutboundMessage } from "../../src/domain/messages.ts";
import { Dispatcher } from "../../src/outbox/dispatcher.ts";
import { createTestApp, DEMO, kindsContent, type TestApp } from "../support/test-app.ts";

/**
 * A throwaway fourth channel, all in this file: it keeps what it is sent, and hands what a test
 * "types" or "presses" to the app. Its buttons are the choices with the prompt id they came with.
 */
class LoopChannel implements Channel {
  readonly id = "loop";
  readonly rateLimits = { perRecipient: [{ limit: 100, perMs: 1_000 }] };
  readonly sent: { to: string; message: OutboundMessage }[] = [];
  private inbox: Inbox | undefined;
  private n = 0;

  constructor(private readonly rt: ChannelRuntime) {}

  async start(inbox: Inbox): Promise<void> {
    this.inbox = inbox;
  }

  async stop(): Promise<void> {
    this.inbox = undefined;
  }

  async send(to: string, message: OutboundMessage): Promise<SendResult> {
    this.sent.push({ to, message });
    return { ok: true };
  }

  /** Hands a typed line, or a press of one of a sent message's buttons, to the app. */
  say(from: string, said: string | { pressed: OutboundMessage; choiceId: string }) {
    if (!this.inbox) throw new Error("loop channel not started");
    return this.inbox({
      channel: this.id,
      senderId: from,
      platformMessageId: `loop:${++this.n}`,
      ...(typeof said === "string"
        ? { text: said }
        : {
            choiceId: said.choiceId,
            ...(said.pressed.promptId ? { promptId: said.pressed.promptId } : {}),
          }),
      attachments: [],
      receivedAt: this.rt.clock.now(),
    });
  }

  /** What the channel was sent to `to`, from the `since`-th message on. */
  to(to: string, since = 0): OutboundMessage[] {
    return this.sent
      .filter((s) => s.to === to)
      .map((s) => s.message)
      .slice(since);
  }
}

let loop: LoopChannel | undefined;
/** The fourth channel's registry line: it runs whenever it is listed. */
const loopChannel = defineChannel({
  id: "loop",
  settings: () => ({}),
  rateLimits: { perRecipient: [{ limit: 100, perMs: 1_000 }] },
  create: async (rt) => {
    loop = new LoopChannel(rt);
    return loop;
  },
});

describe("the channel registry", () => {
  let app: TestApp;
  let channels: RunningChannels;
  const registry = [...channelRegistry, loopChannel];

  beforeEach(async () => {
    // The chat simulator (on by default on a loopback address) is left off: this is about the loop channel.
    app = await createTestApp({ ...kindsContent(), env: { SIMULATOR_ENABLED: "false" } });
    const dispatcher = new Dispatcher(app.deps.uow, app.deps.clock, app.deps.log, {
      rateLimits: rateLimitsOf(registry),
    });
    channels = await startChannels(app.deps, dispatcher, { registry });
  });
  afterEach(async () => {
    await channels.stop();
    await app.close();
  });

  it("runs a channel added by one registry line, inbound and outbound, with the app's prompts", async () => {
    expect(channels.channels.map((c) => c.id)).toEqual(["loop"]);
    const channel = channels.find(LoopChannel);
    if (!channel || channel !== loop) throw new Error("the loop channel did not start");

    expect(await channel.say("u1", "你好")).toBe("processed");
    await channels.settled();
    expect(channel.to("u1")[0]?.text).toContain("您的账号还没有绑定");

    const { code } = await createInvite(app.deps, DEMO.chemicalsHead);
    await channel.say("u1", `绑定 ${code}`);
    await channels.settled();
    const seen = channel.to("u1").length;
    await channel.say("u1", "自查");
    await channels.settled();
    const q1 = channel.to("u1", seen).find((m) => m.choices?.length);
    if (!q1) throw new Error("no question");
    expect(q1.text).toContain("第 1/6 题");
    expect(q1.promptId).toMatch(/^[0-9a-f]{8}$/);

    expect(await channel.say("u1", { pressed: q1, choiceId: "no" })).toBe("processed");
    await channels.settled();
    expect(channel.to("u1").at(-1)?.text).toContain("请拍摄堵塞的安全出口");
    // The same button again: its question was answered.
    expect(await channel.say("u1", { pressed: q1, choiceId: "yes" })).toBe("stale");

    // Outbound only: a message the app enqueues reaches the channel through the dispatcher.
    await app.deps.uow.run((s) =>
      s.outbox.enqueue(
        [
          {
            key: "test:notice",
            channel: "loop",
            recipient: "u2",
            message: { text: "通知", expects: "none" },
          },
        ],
        app.clock.now(),
      ),
    );
    await channel.say("u1", "帮助");
    await channels.settled();
    expect(channel.to("u2")).toEqual([{ text: "通知", expects: "none" }]);
  });

  it("derives the rate limits from the registry, and names a wording section per channel", () => {
    for (const entry of channelRegistry) expect(DEFAULT_RATE_LIMITS[entry.id]).toBe(entry.rateLimits);
    expect(rateLimitsOf(registry).loop).toEqual({ perRecipient: [{ limit: 100, perMs: 1_000 }] });
    const sections = Object.keys(ChannelTextsSchema.shape).filter((k) => k !== "alerts");
    expect(channelRegistry.flatMap((c) => (c.texts ? [c.texts] : [])).sort()).toEqual(sections.sort());
  });
});
