import { z } from "zod";
import { SelfCheckStateSchema } from "../domain/self-check/self-check-flow.ts";
import type { Tx } from "../store/database.ts";

/** What a chat is in the middle of. New flows (rectification, grid report) join this union. */
export const ConversationStateSchema = z.discriminatedUnion("flow", [
  z.object({ flow: z.literal("idle") }),
  SelfCheckStateSchema,
]);
export type ConversationState = z.infer<typeof ConversationStateSchema>;

const IDLE: ConversationState = { flow: "idle" };

/** Reads a chat's state; a row that no longer parses (an old shape) reads as idle. */
export async function loadConversation(
  tx: Tx,
  channel: string,
  externalId: string,
): Promise<ConversationState> {
  const row = await tx.conversation.findUnique({ where: { channel_externalId: { channel, externalId } } });
  if (!row) return IDLE;
  const parsed = ConversationStateSchema.safeParse(JSON.parse(row.state));
  return parsed.success ? parsed.data : IDLE;
}

export async function saveConversation(
  tx: Tx,
  key: { channel: string; externalId: string; personId: string },
  state: ConversationState,
): Promise<void> {
  const json = JSON.stringify(state);
  await tx.conversation.upsert({
    where: { channel_externalId: { channel: key.channel, externalId: key.externalId } },
    create: { ...key, state: json },
    update: { state: json, personId: key.personId, version: { increment: 1 } },
  });
}
