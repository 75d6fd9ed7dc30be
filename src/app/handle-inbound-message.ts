import type { InboundMessage, OutboundMessage } from "../domain/messages.ts";
import { currentPrompt, stepSelfCheck } from "../domain/self-check/self-check-flow.ts";
import { Prisma } from "../generated/prisma/client.ts";
import { enqueue } from "../outbox/outbox.ts";
import type { Tx } from "../store/database.ts";
import type { Actor } from "./actor.ts";
import type { AppDeps } from "./app-deps.ts";
import { bindIdentity } from "./bind-identity.ts";
import { type ConversationState, loadConversation, saveConversation } from "./conversation-state.ts";
import { helpFor } from "./help.ts";
import { type ReceivedPhoto, receivePhotos, rejectionText } from "./receive-photos.ts";
import { startSelfCheck } from "./start-self-check.ts";
import { submitSelfCheck } from "./submit-self-check.ts";

export type InboundOutcome = "processed" | "duplicate";

const isUniqueViolation = (e: unknown) =>
  e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002";

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
        const replies = await route(tx, deps, msg, photos, rejected.length > 0);
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

/** Decides what the message means for this sender and what the bot answers. */
async function route(
  tx: Tx,
  deps: AppDeps,
  msg: InboundMessage,
  photos: ReceivedPhoto[],
  hadRejections: boolean,
): Promise<OutboundMessage[]> {
  const { texts } = deps.content;
  const text = msg.text?.trim() ?? "";
  const command = text ? texts.command(text) : null;
  const sender = {
    channel: msg.channel,
    externalId: msg.senderId,
    ...(msg.senderName ? { displayName: msg.senderName } : {}),
  };
  if (command?.key === "bind") return bindIdentity(tx, deps, sender, command.rest);

  const identity = await tx.channelIdentity.findUnique({
    where: { channel_externalId: { channel: msg.channel, externalId: msg.senderId } },
    include: { person: { include: { enterprise: true } } },
  });
  if (!identity) return [{ text: texts.t("bind.help"), expects: "text" }];
  if (!identity.person.active) return [{ text: texts.t("inactive"), expects: "none" }];
  const actor: Actor = { person: identity.person, channel: msg.channel, externalId: msg.senderId };
  const key = { channel: msg.channel, externalId: msg.senderId, personId: actor.person.id };
  const state = await loadConversation(tx, msg.channel, msg.senderId);
  const save = (next: ConversationState) => saveConversation(tx, key, next);

  const photoIds: string[] = [];
  for (const p of photos) {
    const row = await tx.attachment.create({
      data: {
        sha256: p.sha256,
        mime: p.mime,
        size: p.size,
        originalName: p.name,
        uploadedById: actor.person.id,
        runId: state.flow === "self_check" ? state.runId : null,
        questionId: state.flow === "self_check" ? state.current : null,
        purpose: "answer",
        createdAt: deps.clock.now(),
      },
    });
    photoIds.push(row.id);
  }
  // Every attached file was refused and nothing else was said: the refusal is the answer.
  if (hadRejections && photoIds.length === 0 && !text && !msg.choiceId) return [];

  if (command?.key === "selfcheck") {
    const started = await startSelfCheck(tx, deps, actor, state);
    await save(started.state);
    return started.replies;
  }
  if (state.flow === "self_check" && !state.paused) {
    const checklist = deps.content.checklists.find((c) => c.id === state.checklistId);
    if (!checklist) {
      await save({ flow: "idle" });
      return [helpFor(deps, actor.person)];
    }
    const ctx = { checklist, texts };
    if (command?.key === "help") return [helpFor(deps, actor.person), currentPrompt(ctx, state)];
    const step = stepSelfCheck(ctx, state, {
      ...(command ? { command: command.key } : text ? { text } : {}),
      ...(msg.choiceId ? { choiceId: msg.choiceId } : {}),
      photoIds,
    });
    if (step.effects.some((e) => e.type === "submit")) {
      const receipt = await submitSelfCheck(tx, deps, actor, checklist, step.state);
      await save({ flow: "idle" });
      return receipt;
    }
    if (step.effects.some((e) => e.type === "pause"))
      await tx.selfCheckRun.update({ where: { id: state.runId }, data: { status: "paused" } });
    await save(step.state);
    return step.replies;
  }
  if (command?.key === "help") return [helpFor(deps, actor.person)];
  const unknown = texts.t("unknown", { input: text || msg.choiceId || "" });
  const menu = helpFor(deps, actor.person);
  return [{ ...menu, text: `${unknown}\n${menu.text}` }];
}
