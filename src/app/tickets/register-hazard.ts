import { addDays, shanghaiDateTime, toShanghaiDate } from "../../domain/calendar/local-date.ts";
import type { TicketSource } from "../../domain/ticket/ticket-status.ts";
import { ticketNumber } from "../../domain/ticket/ticket-status.ts";
import type { Tx } from "../../store/database.ts";

export type RegisteredTicket = {
  id: string;
  number: string;
  title: string;
  grade: string;
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
  grade: "general" | "major";
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

/** The next ticket number of the (Shanghai) year, from a counter row updated inside the transaction. */
async function nextTicketNumber(tx: Tx, now: Date): Promise<string> {
  const year = Number(toShanghaiDate(now).slice(0, 4));
  const name = `ticket:${year}`;
  const row = await tx.counter.upsert({
    where: { name },
    create: { name, value: 1 },
    update: { value: { increment: 1 } },
  });
  return ticketNumber(year, row.value);
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
export async function registerHazard(tx: Tx, h: Hazard, now: Date): Promise<RegisteredTicket> {
  const photos = { purpose: "hazard" };
  const existing = await tx.ticket.findFirst({
    where: { enterpriseId: h.enterpriseId, hazardKey: h.hazardKey, status: { not: "closed" } },
  });
  if (existing) {
    if (h.runId === null || existing.runId !== h.runId) {
      const event = await tx.ticketEvent.create({
        data: {
          ticketId: existing.id,
          kind: "seen_again",
          actorId: h.foundById,
          channel: h.channel,
          note: h.description ?? (h.runId ? `run:${h.runId}` : null),
          at: now,
        },
      });
      await tx.attachment.updateMany({
        where: { id: { in: h.photoIds } },
        data: { ...photos, ticketId: existing.id, ticketEventId: event.id },
      });
    }
    return { ...existing, isNew: false };
  }
  const ticket = await tx.ticket.create({
    data: {
      number: await nextTicketNumber(tx, now),
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
      events: {
        create: {
          kind: "opened",
          toStatus: "open",
          actorId: h.foundById,
          channel: h.channel,
          note: h.description,
          at: now,
        },
      },
    },
  });
  await tx.attachment.updateMany({
    where: { id: { in: h.photoIds } },
    data: { ...photos, ticketId: ticket.id },
  });
  return { ...ticket, isNew: true };
}
