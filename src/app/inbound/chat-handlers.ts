import {
  acknowledgeCardHandler,
  missingEnterprisesHandler,
  pendingSelfChecksHandler,
} from "../campaign/campaign-chat-handlers.ts";
import {
  inspectionCodeHandler,
  inspectionFlowHandler,
  myInspectionsHandler,
  startInspectionHandler,
} from "../inspections/inspection-chat-handlers.ts";
import { selfCheckFlowHandler, startSelfCheckHandler } from "../self-check/self-check-chat-handlers.ts";
import {
  gridReportFlowHandler,
  gridWorkerPhotoHandler,
  myTicketsHandler,
  rectificationFlowHandler,
  reviewQueueHandler,
  reviewTicketHandler,
  showTicketHandler,
  startGridReportHandler,
  startRectificationHandler,
} from "../tickets/ticket-chat-handlers.ts";
import { loginLinkHandler } from "../web/web-chat-handlers.ts";
import type { ChatHandler } from "./chat-handler.ts";
import { helpHandler, unknownInputHandler } from "./help-handlers.ts";

/**
 * Everything a bound person can say, in the order it is tried; the first handler that matches
 * answers. Commands come before flows (a command word interrupts a flow), flows before the
 * catch-alls. Adding a flow is a handler file beside its feature and a line here.
 */
export const chatHandlers: readonly ChatHandler[] = [
  acknowledgeCardHandler,
  missingEnterprisesHandler,
  startSelfCheckHandler,
  inspectionCodeHandler,
  helpHandler,
  loginLinkHandler,
  myTicketsHandler,
  showTicketHandler,
  reviewQueueHandler,
  pendingSelfChecksHandler,
  reviewTicketHandler,
  startRectificationHandler,
  startGridReportHandler,
  startInspectionHandler,
  myInspectionsHandler,
  rectificationFlowHandler,
  gridReportFlowHandler,
  inspectionFlowHandler,
  selfCheckFlowHandler,
  gridWorkerPhotoHandler,
  unknownInputHandler,
];
