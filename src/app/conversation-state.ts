import { z } from "zod";
import { InspectionStateSchema } from "../domain/inspection/inspection-state.ts";
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
  InspectionStateSchema.extend(suspended),
]);
export type ConversationState = z.infer<typeof ConversationStateSchema>;

export const IDLE: ConversationState = { flow: "idle" };

/** A chat's stored state; none, or one that no longer parses (an old shape), reads as idle. */
export function conversationState(stored: unknown): ConversationState {
  const parsed = ConversationStateSchema.safeParse(stored);
  return parsed.success ? parsed.data : IDLE;
}

export async function saveConversation(
  s: Stores,
  key: { channel: string; externalId: string; personId: string },
  state: ConversationState,
): Promise<void> {
  await s.conversations.save(key, state);
}
