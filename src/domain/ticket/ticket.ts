import type { Grade } from "../checklist/checklist.ts";
import type { Enterprise } from "../enterprise.ts";
import type { TicketEventKind, TicketSource, TicketStatus } from "./ticket-status.ts";

/** A hazard (隐患) in the ledger: what was found, where, how grave, and where its rectification stands. */
export type Ticket = {
  id: string;
  /** Human number, e.g. YH-2026-000123. */
  number: string;
  enterpriseId: string;
  /** What the hazard is, e.g. "hc.gas-detector": one ticket not closed per enterprise and key. */
  hazardKey: string;
  source: TicketSource;
  /** The ids of the rules that found it, comma-separated, or null. */
  ruleId: string | null;
  runId: string | null;
  campaignId: string | null;
  title: string;
  description: string | null;
  location: string | null;
  category: string;
  grade: Grade;
  basis: string | null;
  status: TicketStatus;
  /** 挂牌督办: major hazards are supervised. */
  supervised: boolean;
  measures: string | null;
  funds: string | null;
  contingencyPlan: string | null;
  /** The six-part treatment plan of a major hazard, as stored JSON (read with `readPlan`). */
  treatmentPlan: string | null;
  responsibleId: string | null;
  foundById: string | null;
  foundAt: Date;
  deadline: Date;
  rectifiedAt: Date | null;
  closedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
};

/** A ticket with the enterprise it belongs to, as lists and messages show it. */
export type TicketWithEnterprise = Ticket & { enterprise: Enterprise };

/** The fields a transition may set beside the status. */
export type TicketChange = Partial<
  Pick<
    Ticket,
    "treatmentPlan" | "funds" | "contingencyPlan" | "measures" | "rectifiedAt" | "closedAt" | "deadline"
  >
>;

/** One thing that happened to a ticket: who, when, through which channel, from and to which status. */
export type TicketEvent = {
  id: string;
  ticketId: string;
  kind: TicketEventKind;
  fromStatus: TicketStatus | null;
  toStatus: TicketStatus | null;
  actorId: string | null;
  channel: string | null;
  note: string | null;
  at: Date;
};

/** An event to record; the store gives it its id. */
export type NewTicketEvent = Omit<
  TicketEvent,
  "id" | "fromStatus" | "toStatus" | "actorId" | "channel" | "note"
> &
  Partial<Pick<TicketEvent, "fromStatus" | "toStatus" | "actorId" | "channel" | "note">>;
