import { z } from "zod";
import { SelfCheckStateSchema } from "../domain/self-check/self-check-flow.ts";
import { GridReportStateSchema } from "../domain/ticket/grid-report-flow.ts";
import { RectificationStateSchema } from "../domain/ticket/rectification-flow.ts";
import type { Stores } from "../store/stores.ts";

/** A self-check set aside while a short flow (整改, 随手拍) runs; it comes back paused. */
const suspended = { suspended: SelfCheckStateSchema.optional() };

/** What a chat is in the middle of: one entry per flow (a new flow adds its state here). */
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
  s: Stores,
  channel: string,
  externalId: string,
): Promise<ConversationState> {
  return (await s.conversations.load({ channel, externalId }, ConversationStateSchema)) ?? IDLE;
}

export async function saveConversation(
  s: Stores,
  key: { channel: string; externalId: string; personId: string },
  state: ConversationState,
): Promise<void> {
  await s.conversations.save(key, state);
}
