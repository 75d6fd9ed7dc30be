import { toShanghaiDate } from "../../domain/calendar/local-date.ts";
import type { Grade } from "../../domain/checklist/checklist.ts";
import { type DeadlineRule, deadlineFrom } from "../../domain/ticket/deadline.ts";
import type { TicketSource } from "../../domain/ticket/ticket-status.ts";
import { ticketNumber } from "../../domain/ticket/ticket-status.ts";
import type { Stores } from "../../store/stores.ts";
import type { AppDeps } from "../app-deps.ts";
import { announceHazard } from "./announce-hazard.ts";

export type RegisteredTicket = {
  id: string;
  number: string;
  title: string;
  grade: Grade;
  deadline: Date;
  hazardKey: string;
  /** False when the hazard already had an open ticket: it is the same hazard, not a new one. */
  isNew: boolean;
};

/** What was found, where, by whom, how grave and by when it must be fixed. */
export type Hazard = DeadlineRule & {
  enterpriseId: string;
  hazardKey: string;
  title: string;
  category: string;
  grade: Grade;
  basis: string;
  /** 立即整改: imminent danger; the notice says to stop work and get people out. */
  immediate?: boolean | undefined;
  source: TicketSource;
  ruleIds: string[];
  description: string | null;
  location: string | null;
  runId: string | null;
  campaignId: string | null;
  foundById: string;
  responsibleId: string | null;
  channel: string;
  /** Photos of the hazard (attachment ids); they become the ticket's "before" photos. */
  photoIds: string[];
};

/** The next ticket number of the (Shanghai) year, from a counter updated inside the transaction. */
async function nextTicketNumber(s: Stores, now: Date): Promise<string> {
  const year = Number(toShanghaiDate(now).slice(0, 4));
  return ticketNumber(year, await s.tickets.nextSequence(year));
}

/** The deadline: the end of the day `days` after the finding, in Asia/Shanghai. */
export function deadlineAfter(now: Date, days: number): Date {
  return deadlineFrom(now, { deadlineDays: days });
}

/**
 * Registers a hazard in the ledger: one ticket per hazard of an enterprise. A hazard that
 * already has an open ticket (a resubmission, a second report) gets a "seen again" event and
 * the new photos, not a twin. Found by the same self-check run again, it is left as it is.
 * A new major or immediate hazard is announced at once, whatever found it (`announceHazard`).
 */
export async function registerHazard(
  s: Stores,
  deps: AppDeps,
  h: Hazard,
  now: Date,
): Promise<RegisteredTicket> {
  const existing = await s.tickets.unclosedFor(h.enterpriseId, h.hazardKey);
  if (existing) {
    if (h.runId === null || existing.runId !== h.runId) {
      const eventId = await s.tickets.addEvent({
        ticketId: existing.id,
        kind: "seen_again",
        actorId: h.foundById,
        channel: h.channel,
        note: h.description ?? (h.runId ? `run:${h.runId}` : null),
        at: now,
      });
      await s.attachments.hangOnTicket(h.photoIds, {
        purpose: "hazard",
        ticketId: existing.id,
        ticketEventId: eventId,
      });
    }
    return { ...existing, isNew: false };
  }
  const ticket = await s.tickets.open(
    {
      number: await nextTicketNumber(s, now),
      enterpriseId: h.enterpriseId,
      hazardKey: h.hazardKey,
      source: h.source,
      ruleId: h.ruleIds.join(",") || null,
      runId: h.runId,
      campaignId: h.campaignId,
      title: h.title,
      description: h.description,
      location: h.location,
      category: h.category,
      grade: h.grade,
      basis: h.basis,
      status: "open",
      supervised: h.grade === "major",
      responsibleId: h.responsibleId,
      foundById: h.foundById,
      foundAt: now,
      deadline: deadlineFrom(now, h),
    },
    { toStatus: "open", actorId: h.foundById, channel: h.channel, note: h.description, at: now },
  );
  await s.attachments.hangOnTicket(h.photoIds, { purpose: "hazard", ticketId: ticket.id });
  await announceHazard(s, deps, ticket, h, now);
  return { ...ticket, isNew: true };
}
