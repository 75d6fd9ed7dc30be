import type { InboundMessage, OutboundMessage } from "../domain/messages.ts";
import { enqueue } from "../outbox/outbox.ts";
import { isUniqueViolation } from "../store/database.ts";
import type { AppDeps } from "./app-deps.ts";
import { receivePhotos, rejectionText } from "./receive-photos.ts";
import { routeMessage } from "./route-message.ts";

export type InboundOutcome = "processed" | "duplicate";

/**
 * The entry point of every chat message on every channel. The message is recorded, routed
 * and answered in one transaction: its replies and state changes land together or not at
 * all, and a second delivery of the same platform message id is dropped.
 */
export async function handleInboundMessage(deps: AppDeps, msg: InboundMessage): Promise<InboundOutcome> {
  const seen = await deps.db.inboundMessage.findUnique({
    where: { channel_platformMessageId: { channel: msg.channel, platformMessageId: msg.platformMessageId } },
  });
  if (seen) return "duplicate";
  const { photos, rejected } = await receivePhotos(deps, msg.channel, msg.attachments);
  const now = deps.clock.now();
  const log = deps.log.child({
    channel: msg.channel,
    sender: msg.senderId,
    messageId: msg.platformMessageId,
  });
  try {
    await deps.db.$transaction(
      async (tx) => {
        // Written first: it takes SQLite's write lock at once and makes a racing duplicate fail.
        await tx.inboundMessage.create({
          data: {
            channel: msg.channel,
            platformMessageId: msg.platformMessageId,
            senderExternalId: msg.senderId,
            receivedAt: now,
          },
        });
        const notes: OutboundMessage[] = rejected.map((r) => ({
          text: rejectionText(deps, r),
          expects: "none",
        }));
        const replies = await routeMessage(tx, deps, msg, photos, rejected.length > 0);
        const chat = msg.chatId ?? msg.senderId;
        const identity = await tx.channelIdentity.findUnique({
          where: { channel_externalId: { channel: msg.channel, externalId: msg.senderId } },
        });
        await enqueue(
          tx,
          [...notes, ...replies].map((message, i) => ({
            key: `reply:${msg.channel}:${msg.platformMessageId}:${i}`,
            channel: msg.channel,
            recipient: chat,
            personId: identity?.personId ?? null,
            message,
          })),
          now,
        );
      },
      { timeout: 30_000 },
    );
  } catch (e) {
    if (isUniqueViolation(e) && (await isRecorded(deps, msg))) return "duplicate";
    log.error({ err: e }, "inbound message failed");
    throw e;
  }
  return "processed";
}

async function isRecorded(deps: AppDeps, msg: InboundMessage): Promise<boolean> {
  const row = await deps.db.inboundMessage.findUnique({
    where: { channel_platformMessageId: { channel: msg.channel, platformMessageId: msg.platformMessageId } },
  });
  return row !== null;
}
