import { isConflict } from "../domain/app-error.ts";
import type { InboundMessage, OutboundMessage } from "../domain/messages.ts";
import type { AppDeps } from "./app-deps.ts";
import { clearUnreachable } from "./channels/mark-unreachable.ts";
import { receivePhotos, rejectionText } from "./receive-photos.ts";
import { routeMessage } from "./route-message.ts";

/**
 * What became of a message: handled, a redelivery dropped, or a press refused because its button
 * belongs to an earlier question (`stale`) or, in a group, to a question asking someone else
 * (`not_yours`). A refused press changes nothing; the channel tells the presser.
 */
export type InboundOutcome = "processed" | "duplicate" | "stale" | "not_yours";

/**
 * The entry point of every chat message on every channel. The message is recorded, routed
 * and answered in one unit of work: its replies and state changes land together or not at
 * all, and a second delivery of the same platform message id is dropped.
 */
export async function handleInboundMessage(deps: AppDeps, msg: InboundMessage): Promise<InboundOutcome> {
  // Files are fetched and stored before the unit of work (content-addressed, so a retry is
  // harmless), but not for a redelivery, nor for a stranger: they are told how to bind, and cost no disk.
  let received: Awaited<ReturnType<typeof receivePhotos>> = { photos: [], rejected: [] };
  if (msg.attachments.length > 0) {
    const { seen, bound } = await deps.uow.read(async (s) => ({
      seen: await s.inbound.isSeen(msg.channel, msg.platformMessageId),
      bound: (await s.identities.find(msg.channel, msg.senderId)) !== null,
    }));
    if (seen) return "duplicate";
    if (bound) received = await receivePhotos(deps, msg.channel, msg.attachments);
  }
  const { photos, rejected } = received;
  const now = deps.clock.now();
  const log = deps.log.child({
    channel: msg.channel,
    sender: msg.senderId,
    messageId: msg.platformMessageId,
  });
  try {
    return await deps.uow.run(async (s) => {
      const first = await s.inbound.record({
        channel: msg.channel,
        platformMessageId: msg.platformMessageId,
        senderExternalId: msg.senderId,
        receivedAt: now,
      });
      if (!first) return "duplicate" as const;
      const notes: OutboundMessage[] = rejected.map((r) => ({
        text: rejectionText(deps, r),
        expects: "none",
      }));
      const routed = await routeMessage(s, deps, msg, photos, rejected.length > 0);
      if (routed.refused) return routed.refused;
      const chat = msg.chatId ?? msg.senderId;
      await s.outbox.enqueue(
        [...notes, ...routed.replies].map((message, i) => ({
          key: `reply:${msg.channel}:${msg.platformMessageId}:${i}`,
          channel: msg.channel,
          recipient: chat,
          personId: routed.personId,
          message,
        })),
        now,
      );
      // A question is answered once: a second press of its buttons is stale.
      if (msg.promptId !== undefined) await s.outbox.promptAnswered(msg.channel, chat, msg.promptId);
      // The person wrote, so the account is reachable again (they unblocked the bot, came back).
      if (routed.wasUnreachable)
        await clearUnreachable(s, deps.log, { channel: msg.channel, externalId: msg.senderId });
      return "processed" as const;
    });
  } catch (e) {
    if (isConflict(e) && (await deps.uow.read((s) => s.inbound.isSeen(msg.channel, msg.platformMessageId))))
      return "duplicate";
    log.error({ err: e }, "inbound message failed");
    throw e;
  }
}
