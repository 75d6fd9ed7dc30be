import { parseInspectionCode } from "../../domain/inspection/inspection-code.ts";
import type { InspectionState } from "../../domain/inspection/inspection-state.ts";
import type { InspectionInput } from "../../domain/inspection/inspection-step.ts";
import { IDLE } from "../conversation-state.ts";
import { type ChatHandler, controlOf, onCommand, type Routed, type Turn } from "../inbound/chat-handler.ts";
import { continueInspection } from "./continue-inspection.ts";
import { myInspections } from "./inspection-queries.ts";
import { type InspectionStart, startInspection } from "./start-inspection.ts";

/** The inspection this chat is in the middle of, if any. */
function inspectionIn(t: Pick<Turn, "state">): InspectionState | null {
  return t.state.flow === "inspection" ? t.state : null;
}

/** What a message says to the inspection flow: a control word, or text; a choice; photos; a location. */
function inspectionInput(t: Turn, text = t.said.text): InspectionInput {
  const control = controlOf(t.said);
  const location = t.msg.location;
  return {
    ...(control ? { command: control } : text ? { text } : {}),
    ...(t.said.choiceId ? { choiceId: t.said.choiceId } : {}),
    photoIds: t.said.photoIds,
    ...(location
      ? {
          location: {
            latitude: location.latitude,
            longitude: location.longitude,
            label: location.label ?? null,
          },
        }
      : {}),
  };
}

async function start(t: Turn, how: InspectionStart): Promise<Routed> {
  const started = await startInspection(t.s, t.deps, t.actor, how, inspectionIn(t));
  return started.state ? { state: started.state, replies: started.replies } : { replies: started.replies };
}

/**
 * A scanned inspection code: the code alone (a code word), or `/start insp-…` as Telegram's deep
 * link arrives. Before the help handler, which `/start` alone opens.
 */
export const inspectionCodeHandler: ChatHandler = {
  name: "inspection-code",
  match: (t) => parseInspectionCode(t.said.text) !== null,
  handle: (t) => start(t, { creditCode: parseInspectionCode(t.said.text) ?? "" }),
};

/**
 * 检查 [企业 | 检查码]: starts an inspection (or resumes the one in progress). Inside another flow,
 * 「检查…」 followed by more words is what the person is describing ("检查发现…"), so it is left to
 * that flow; inside an inspection it is read as the inspection's input.
 */
export const startInspectionHandler: ChatHandler = {
  name: "start-inspection",
  match: (t) => {
    if (t.said.command?.key !== "inspect") return false;
    const rest = t.said.command.rest;
    return (
      !rest || parseInspectionCode(rest) !== null || t.state.flow === "idle" || t.state.flow === "inspection"
    );
  },
  handle: async (t) => {
    const rest = t.said.command?.rest ?? "";
    const code = parseInspectionCode(rest);
    if (code) return start(t, { creditCode: code });
    const current = inspectionIn(t);
    if (current && rest) return inspectionFlow(t, current, t.said.text);
    return start(t, { query: rest });
  },
};

/** 我的检查 [编号]: recent inspections, or one inspection's record. */
export const myInspectionsHandler = onCommand("my-inspections", ["my_inspections"], async (t, rest) => ({
  replies: await myInspections(t.s, t.deps, t.actor, rest),
}));

async function inspectionFlow(t: Turn, state: InspectionState, text?: string): Promise<Routed> {
  const step = await continueInspection(t.s, t.deps, t.actor, state, inspectionInput(t, text));
  return { state: step.state ?? IDLE, replies: step.replies };
}

/** A message inside an inspection. */
export const inspectionFlowHandler: ChatHandler = {
  name: "inspection-flow",
  match: (t) => t.state.flow === "inspection",
  handle: (t) => inspectionFlow(t, inspectionIn(t) as InspectionState),
};
