import { addDays, shanghaiDateTime, toShanghaiDate } from "../../domain/calendar/local-date.ts";
import type { Grade } from "../../domain/checklist/checklist.ts";
import type { TicketSource } from "../../domain/ticket/ticket-status.ts";
import { ticketNumber } from "../../domain/ticket/ticket-status.ts";
import type { Stores } from "../../store/stores.ts";

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

/** What was found, where, by whom. */
export type Hazard = {
  enterpriseId: string;
  hazardKey: string;
  title: string;
  category: string;
  grade: Grade;
  basis: string;
  deadlineDays: number;
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
  return shanghaiDateTime(addDays(toShanghaiDate(now), days), "23:59");
}

/**
 * Registers a hazard in the ledger: one ticket per hazard of an enterprise. A hazard that
 * already has an open ticket (a resubmission, a second report) gets a "seen again" event and
 * the new photos, not a twin. Found by the same self-check run again, it is left as it is.
 */
export async function registerHazard(s: Stores, h: Hazard, now: Date): Promise<RegisteredTicket> {
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
      deadline: deadlineAfter(now, h.deadlineDays),
    },
    { toStatus: "open", actorId: h.foundById, channel: h.channel, note: h.description, at: now },
  );
  await s.attachments.hangOnTicket(h.photoIds, { purpose: "hazard", ticketId: ticket.id });
  return { ...ticket, isNew: true };
}
