import type { InboundMessage } from "../../domain/messages.ts";
import type { AppDeps } from "../app-deps.ts";

/**
 * Records a message whose handling failed every attempt (a database held by another process, a
 * fault) as seen, and answers it 「系统繁忙，请稍后重试」 (`system.busy`): the platform may then be told
 * it was received, and a redelivery is dropped as a duplicate. "duplicate" when it was recorded
 * meanwhile (an attempt did land after all).
 */
export async function recordFailedInbound(
  deps: AppDeps,
  msg: InboundMessage,
): Promise<"failed" | "duplicate"> {
  const now = deps.clock.now();
  return deps.uow.run(async (s) => {
    const first = await s.inbound.record({
      channel: msg.channel,
      platformMessageId: msg.platformMessageId,
      senderExternalId: msg.senderId,
      receivedAt: now,
    });
    if (first === false) return "duplicate";
    await s.outbox.enqueue(
      [
        {
          key: `busy:${msg.channel}:${msg.platformMessageId}`,
          channel: msg.channel,
          recipient: msg.chatId ?? msg.senderId,
          message: { text: deps.content.texts.t("system.busy"), expects: "none" },
        },
      ],
      now,
    );
    return "failed";
  });
}
