import type { GridReportState } from "../../domain/ticket/grid-report-flow.ts";
import type { RectificationState } from "../../domain/ticket/rectification-flow.ts";
import { type ChatHandler, flowInput, onCommand, type Turn } from "../inbound/chat-handler.ts";
import { beginShortFlow, continueShortFlow } from "../inbound/short-flow.ts";
import { continueRectification, startRectification } from "./rectify-ticket.ts";
import { continueGridReport, startGridReport } from "./report-hazard.ts";
import { reviewTicket } from "./review-ticket.ts";
import { listMyTickets, listReviewQueue, showTicket } from "./ticket-queries.ts";

/** 我的隐患: the head's open tickets. */
export const myTicketsHandler = onCommand("my-tickets", ["my_tickets"], async (t) => ({
  replies: await listMyTickets(t.s, t.deps, t.actor),
}));

/** 隐患 <编号>: one ticket with its history. */
export const showTicketHandler = onCommand("show-ticket", ["ticket"], async (t, rest) => ({
  replies: await showTicket(t.s, t.deps, t.actor, rest),
}));

/** 待复查: what waits for this reviewer. */
export const reviewQueueHandler = onCommand("review-queue", ["review_queue"], async (t) => ({
  replies: await listReviewQueue(t.s, t.deps, t.actor),
}));

/** 通过 / 退回 / 重新打开 <编号>. */
export const reviewTicketHandler = onCommand(
  "review-ticket",
  ["pass", "return", "reopen"],
  async (t, rest) => {
    const key = t.said.command?.key;
    if (key !== "pass" && key !== "return" && key !== "reopen") return { replies: [] };
    return { replies: await reviewTicket(t.s, t.deps, t.actor, key, rest) };
  },
);

/** 整改 <编号>: starts the rectification flow. */
export const startRectificationHandler = onCommand("start-rectification", ["rectify"], async (t, rest) =>
  beginShortFlow(t, await startRectification(t.s, t.deps, t.actor, rest)),
);

/** 随手拍: starts a grid worker's hazard report. */
export const startGridReportHandler = onCommand("start-grid-report", ["report"], async (t) =>
  beginShortFlow(t, await startGridReport(t.s, t.deps, t.actor, { photoIds: t.said.photoIds })),
);

type In<F extends string> = Turn & { state: Extract<Turn["state"], { flow: F }> };
const inFlow =
  <F extends string>(flow: F) =>
  (t: Turn): t is In<F> =>
    t.state.flow === flow;

/** A message inside the rectification flow. */
export const rectificationFlowHandler: ChatHandler = {
  name: "rectification-flow",
  match: inFlow("rectification"),
  handle: async (t) => {
    const turn = t as In<"rectification">;
    const state: RectificationState = turn.state;
    return continueShortFlow(
      turn,
      await continueRectification(t.s, t.deps, t.actor, state, flowInput(t.said)),
    );
  },
};

/** A message inside the grid-report flow. */
export const gridReportFlowHandler: ChatHandler = {
  name: "grid-report-flow",
  match: inFlow("grid_report"),
  handle: async (t) => {
    const turn = t as In<"grid_report">;
    const state: GridReportState = turn.state;
    return continueShortFlow(turn, await continueGridReport(t.s, t.deps, t.actor, state, flowInput(t.said)));
  },
};

/** A photo from a grid worker (or admin) outside any flow starts a 随手拍 with it. */
export const gridWorkerPhotoHandler: ChatHandler = {
  name: "grid-worker-photo",
  match: (t) =>
    t.said.photoIds.length > 0 && (t.actor.person.role === "grid_worker" || t.actor.person.role === "admin"),
  handle: async (t) =>
    beginShortFlow(
      t,
      await startGridReport(t.s, t.deps, t.actor, {
        photoIds: t.said.photoIds,
        ...(t.said.text ? { text: t.said.text } : {}),
      }),
    ),
};
