import { parseAckChoice } from "../domain/campaign/leader-card.ts";
import type { InboundMessage, OutboundMessage } from "../domain/messages.ts";
import { currentPrompt, type SelfCheckState, stepSelfCheck } from "../domain/self-check/self-check-flow.ts";
import type { CommandKey } from "../domain/texts.ts";
import type { GridReportState } from "../domain/ticket/grid-report-flow.ts";
import type { RectificationState } from "../domain/ticket/rectification-flow.ts";
import type { Tx } from "../store/database.ts";
import { bindStores } from "../store/stores.ts";
import type { Actor } from "./actor.ts";
import type { AppDeps } from "./app-deps.ts";
import { bindIdentity } from "./bind-identity.ts";
import { acknowledgeCard } from "./campaign/acknowledge-card.ts";
import { listPendingSelfChecks } from "./campaign/list-pending-self-checks.ts";
import { type ConversationState, IDLE, loadConversation, saveConversation } from "./conversation-state.ts";
import { helpFor } from "./help.ts";
import type { ReceivedPhoto } from "./receive-photos.ts";
import { startSelfCheck } from "./start-self-check.ts";
import { submitSelfCheck } from "./submit-self-check.ts";
import { continueRectification, startRectification } from "./tickets/rectify-ticket.ts";
import { continueGridReport, startGridReport } from "./tickets/report-hazard.ts";
import { reviewTicket } from "./tickets/review-ticket.ts";
import { listMyTickets, listReviewQueue, showTicket } from "./tickets/ticket-queries.ts";

/** Words that steer the flow in progress rather than start something. */
const CONTROLS: readonly CommandKey[] = ["back", "skip", "pause", "submit", "done", "cancel"];
/** Buttons that mean the same as a command word. */
const CHOICE_COMMANDS: Record<string, CommandKey> = {
  selfcheck: "selfcheck",
  submit: "submit",
  back: "back",
  cancel: "cancel",
  done: "done",
  skip: "skip",
};

type Said = {
  text: string;
  choiceId?: string;
  command?: { key: CommandKey; rest: string };
  photoIds: string[];
};

/**
 * Decides what a message means for its sender and returns what the bot answers, changing
 * the chat's state on the way. Runs inside the message's transaction.
 */
export async function routeMessage(
  tx: Tx,
  deps: AppDeps,
  msg: InboundMessage,
  photos: ReceivedPhoto[],
  hadRejections: boolean,
): Promise<OutboundMessage[]> {
  const { texts } = deps.content;
  const text = msg.text?.trim() ?? "";
  const typed = text ? texts.command(text) : null;
  const sender = {
    channel: msg.channel,
    externalId: msg.senderId,
    ...(msg.senderName ? { displayName: msg.senderName } : {}),
  };
  if (typed?.key === "bind") return bindIdentity(tx, deps, sender, typed.rest);

  const identity = await bindStores(tx).identities.find(msg.channel, msg.senderId);
  if (!identity) return [{ text: texts.t("bind.help"), expects: "text" }];
  if (!identity.person.active) return [{ text: texts.t("inactive"), expects: "none" }];
  const actor: Actor = { person: identity.person, channel: msg.channel, externalId: msg.senderId };
  const state = await loadConversation(tx, msg.channel, msg.senderId);
  const photoIds = await recordPhotos(tx, deps, actor, state, photos);
  // Every attached file was refused and nothing else was said: the refusal is the answer.
  if (hadRejections && photoIds.length === 0 && !text && !msg.choiceId) return [];

  const cardKey = msg.choiceId ? parseAckChoice(msg.choiceId) : undefined;
  if (cardKey !== undefined) return acknowledgeCard(tx, deps, actor.person.id, cardKey);
  const pressed = msg.choiceId ? CHOICE_COMMANDS[msg.choiceId] : undefined;
  const entChoice = /^ent:(\d+)$/.exec(msg.choiceId ?? "")?.[1];
  const said: Said = {
    text: entChoice ?? text,
    ...(msg.choiceId && !pressed && !entChoice ? { choiceId: msg.choiceId } : {}),
    ...(typed ? { command: typed } : pressed ? { command: { key: pressed, rest: "" } } : {}),
    photoIds,
  };
  const result = await dispatch(tx, deps, actor, state, said);
  if (result.state !== undefined)
    await saveConversation(
      tx,
      { channel: msg.channel, externalId: msg.senderId, personId: actor.person.id },
      result.state,
    );
  return result.replies;
}

type Routed = { state?: ConversationState; replies: OutboundMessage[] };

async function dispatch(
  tx: Tx,
  deps: AppDeps,
  actor: Actor,
  state: ConversationState,
  said: Said,
): Promise<Routed> {
  const { texts } = deps.content;
  const cmd = said.command;
  const activeSelfCheck = state.flow === "self_check" && !state.paused ? state : undefined;
  /** Starting a short flow sets an active self-check aside (paused) to come back to. */
  const suspend = async (): Promise<SelfCheckState | undefined> => {
    const aside = state.flow === "self_check" ? state : state.flow !== "idle" ? state.suspended : undefined;
    if (aside && !aside.paused)
      await tx.selfCheckRun.update({ where: { id: aside.runId }, data: { status: "paused" } });
    return aside ? { ...aside, paused: true } : undefined;
  };
  const begin = async (started: {
    state: RectificationState | GridReportState | null;
    replies: OutboundMessage[];
  }): Promise<Routed> => {
    if (!started.state) return { replies: started.replies };
    const aside = await suspend();
    return { state: { ...started.state, ...(aside ? { suspended: aside } : {}) }, replies: started.replies };
  };

  switch (cmd?.key) {
    case "selfcheck": {
      const resumable =
        state.flow === "self_check" ? state : state.flow !== "idle" ? (state.suspended ?? IDLE) : IDLE;
      const started = await startSelfCheck(tx, deps, actor, resumable);
      return { state: started.state, replies: started.replies };
    }
    case "help": {
      const prompt = activeSelfCheck ? selfCheckPrompt(deps, activeSelfCheck) : undefined;
      return { replies: [helpFor(deps, actor.person), ...(prompt ? [prompt] : [])] };
    }
    case "my_tickets":
      return { replies: await listMyTickets(tx, deps, actor) };
    case "ticket":
      return { replies: await showTicket(tx, deps, actor, cmd.rest) };
    case "review_queue":
      return { replies: await listReviewQueue(tx, deps, actor) };
    case "pending_self_checks":
      return { replies: await listPendingSelfChecks(tx, deps, actor) };
    case "pass":
    case "return":
    case "reopen":
      return { replies: await reviewTicket(tx, deps, actor, cmd.key, cmd.rest) };
    case "rectify":
      return begin(await startRectification(tx, deps, actor, cmd.rest));
    case "report":
      return begin(await startGridReport(tx, deps, actor, { photoIds: said.photoIds }));
    default:
      break;
  }

  const control = cmd && CONTROLS.includes(cmd.key) ? cmd.key : undefined;
  // A command word that is not a control inside a flow is read as plain text there.
  const flowInput = { ...(control ? { command: control } : { text: said.text }), photoIds: said.photoIds };
  const end = (replies: OutboundMessage[], st: ConversationState): Routed => {
    const aside = st.flow === "rectification" || st.flow === "grid_report" ? st.suspended : undefined;
    return {
      state: aside ?? IDLE,
      replies: aside ? [...replies, { text: texts.t("flow.resume_hint"), expects: "none" }] : replies,
    };
  };
  switch (state.flow) {
    case "rectification": {
      const r = await continueRectification(tx, deps, actor, state, flowInput);
      return r.state
        ? { state: { ...r.state, suspended: state.suspended }, replies: r.replies }
        : end(r.replies, state);
    }
    case "grid_report": {
      const r = await continueGridReport(tx, deps, actor, state, flowInput);
      return r.state
        ? { state: { ...r.state, suspended: state.suspended }, replies: r.replies }
        : end(r.replies, state);
    }
    case "self_check":
      if (activeSelfCheck) return continueSelfCheck(tx, deps, actor, activeSelfCheck, said, control);
      break;
    case "idle":
      break;
  }
  if (said.photoIds.length > 0 && (actor.person.role === "grid_worker" || actor.person.role === "admin"))
    return begin(
      await startGridReport(tx, deps, actor, {
        photoIds: said.photoIds,
        ...(said.text ? { text: said.text } : {}),
      }),
    );
  const unknown = texts.t("unknown", { input: said.text || said.choiceId || "" });
  const menu = helpFor(deps, actor.person);
  return { replies: [{ ...menu, text: `${unknown}\n${menu.text}` }] };
}

function selfCheckPrompt(deps: AppDeps, state: SelfCheckState): OutboundMessage | undefined {
  const checklist = deps.content.checklists.find((c) => c.id === state.checklistId);
  return checklist ? currentPrompt({ checklist, texts: deps.content.texts }, state) : undefined;
}

async function continueSelfCheck(
  tx: Tx,
  deps: AppDeps,
  actor: Actor,
  state: SelfCheckState,
  said: Said,
  control: CommandKey | undefined,
): Promise<Routed> {
  const checklist = deps.content.checklists.find((c) => c.id === state.checklistId);
  if (!checklist) return { state: IDLE, replies: [helpFor(deps, actor.person)] };
  const ctx = { checklist, texts: deps.content.texts };
  const step = stepSelfCheck(ctx, state, {
    // The words stay with the command: a control word that does not apply here is read as an answer.
    ...(control ? { command: control } : {}),
    ...(said.text ? { text: said.text } : {}),
    ...(said.choiceId ? { choiceId: said.choiceId } : {}),
    photoIds: said.photoIds,
  });
  if (step.effects.some((e) => e.type === "submit"))
    return { state: IDLE, replies: await submitSelfCheck(tx, deps, actor, checklist, step.state) };
  if (step.effects.some((e) => e.type === "pause"))
    await tx.selfCheckRun.update({ where: { id: state.runId }, data: { status: "paused" } });
  return { state: step.state, replies: step.replies };
}

/** Stores each accepted photo as an attachment row of this person (and of the self-check question it answers). */
async function recordPhotos(
  tx: Tx,
  deps: AppDeps,
  actor: Actor,
  state: ConversationState,
  photos: ReceivedPhoto[],
): Promise<string[]> {
  const ids: string[] = [];
  const run = state.flow === "self_check" && !state.paused ? state : undefined;
  for (const p of photos) {
    const row = await tx.attachment.create({
      data: {
        sha256: p.sha256,
        mime: p.mime,
        size: p.size,
        originalName: p.name,
        uploadedById: actor.person.id,
        runId: run?.runId ?? null,
        questionId: run?.current ?? null,
        purpose: "answer",
        createdAt: deps.clock.now(),
      },
    });
    ids.push(row.id);
  }
  return ids;
}
