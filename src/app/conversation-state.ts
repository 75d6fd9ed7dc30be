import { z } from "zod";
import { SelfCheckStateSchema } from "../domain/self-check/self-check-flow.ts";
import { GridReportStateSchema } from "../domain/ticket/grid-report-flow.ts";
import { RectificationStateSchema } from "../domain/ticket/rectification-flow.ts";
import type { Tx } from "../store/database.ts";

/** A self-check set aside while a short flow (整改, 随手拍) runs; it comes back paused. */
const suspended = { suspended: SelfCheckStateSchema.optional() };

/** What a chat is in the middle of. */
export const ConversationStateSchema = z.discriminatedUnion("flow", [
  z.object({ flow: z.literal("idle") }),
  SelfCheckStateSchema,
  RectificationStateSchema.extend(suspended),
  GridReportStateSchema.extend(suspended),
]);
export type ConversationState = z.infer<typeof ConversationStateSchema>;

export const IDLE: ConversationState = { flow: "idle" };

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
