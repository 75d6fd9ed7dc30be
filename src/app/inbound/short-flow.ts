import type { OutboundMessage } from "../../domain/messages.ts";
import type { SelfCheckState } from "../../domain/self-check/self-check-flow.ts";
import type { GridReportState } from "../../domain/ticket/grid-report-flow.ts";
import type { RectificationState } from "../../domain/ticket/rectification-flow.ts";
import { type ConversationState, IDLE } from "../conversation-state.ts";
import type { Routed, Turn } from "./chat-handler.ts";

/** The state of a short flow (整改, 随手拍), which sets an active self-check aside while it runs. */
type ShortFlowState = RectificationState | GridReportState;

/** Sets an active self-check aside (paused) to come back to when the short flow ends. */
async function setAside(t: Turn): Promise<SelfCheckState | undefined> {
  const { state } = t;
  const aside = state.flow === "self_check" ? state : state.flow !== "idle" ? state.suspended : undefined;
  if (aside && !aside.paused) await t.s.selfChecks.setStatus(aside.runId, "paused");
  return aside ? { ...aside, paused: true } : undefined;
}

/** Enters a short flow that a use case started (or stays put when it refused). */
export async function beginShortFlow(
  t: Turn,
  started: { state: ShortFlowState | null; replies: OutboundMessage[] },
): Promise<Routed> {
  if (!started.state) return { replies: started.replies };
  const aside = await setAside(t);
  return { state: { ...started.state, ...(aside ? { suspended: aside } : {}) }, replies: started.replies };
}

/** Goes on with a short flow; when it ends, the self-check set aside comes back (paused). */
export function continueShortFlow(
  t: Turn & { state: ShortFlowState & { suspended?: SelfCheckState } },
  step: { state: ShortFlowState | null; replies: OutboundMessage[] },
): Routed {
  const { suspended } = t.state;
  if (step.state) return { state: { ...step.state, suspended } as ConversationState, replies: step.replies };
  const hint = t.deps.content.texts.t("flow.resume_hint");
  return {
    state: suspended ?? IDLE,
    replies: suspended ? [...step.replies, { text: hint, expects: "none" }] : step.replies,
  };
}
