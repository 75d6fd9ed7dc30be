import { addDays, shanghaiDateTime, toShanghaiDate } from "../domain/calendar/local-date.ts";
import type { Answers } from "../domain/checklist/answer.ts";
import { ticketNumber } from "../domain/ticket/ticket-status.ts";
import type { HazardFinding } from "../rules/evaluate-self-check.ts";
import type { Tx } from "../store/database.ts";

export type OpenedTicket = {
  id: string;
  number: string;
  title: string;
  grade: string;
  deadline: Date;
  hazardKey: string;
  /** False when the hazard already had an open ticket: it is the same hazard, not a new one. */
  isNew: boolean;
};

type Origin = {
  enterpriseId: string;
  runId: string;
  campaignId: string | null;
  personId: string;
  channel: string;
  answers: Answers;
  now: Date;
};

/** The next ticket number of the (Shanghai) year, from a counter row updated inside the transaction. */
export async function ticketNumberFor(tx: Tx, now: Date): Promise<string> {
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
 * Registers each finding in the ledger: one ticket per hazard of an enterprise. A hazard that
 * already has an open ticket (a resubmission, another campaign) gets an event, not a twin.
 */
export async function openTickets(
  tx: Tx,
  findings: readonly HazardFinding[],
  o: Origin,
): Promise<OpenedTicket[]> {
  const out: OpenedTicket[] = [];
  for (const f of findings) {
    const existing = await tx.ticket.findFirst({
      where: { enterpriseId: o.enterpriseId, hazardKey: f.hazard, status: { not: "closed" } },
    });
    if (existing) {
      if (existing.runId !== o.runId)
        await tx.ticketEvent.create({
          data: {
            ticketId: existing.id,
            kind: "seen_again",
            actorId: o.personId,
            channel: o.channel,
            note: `run:${o.runId}`,
            at: o.now,
          },
        });
      out.push({ ...existing, isNew: false });
      continue;
    }
    const description = f.descriptionQuestion ? o.answers[f.descriptionQuestion] : undefined;
    const ticket = await tx.ticket.create({
      data: {
        number: await ticketNumberFor(tx, o.now),
        enterpriseId: o.enterpriseId,
        hazardKey: f.hazard,
        source: "self_check",
        ruleId: f.ruleIds.join(","),
        runId: o.runId,
        campaignId: o.campaignId,
        title: f.title,
        description: description?.kind === "text" ? description.value : null,
        category: f.category,
        grade: f.grade,
        basis: f.basis,
        status: "open",
        supervised: f.grade === "major",
        responsibleId: o.personId,
        foundById: o.personId,
        foundAt: o.now,
        deadline: deadlineAfter(o.now, f.deadlineDays),
        events: {
          create: { kind: "opened", toStatus: "open", actorId: o.personId, channel: o.channel, at: o.now },
        },
      },
    });
    const evidence = f.evidenceQuestion ? o.answers[f.evidenceQuestion] : undefined;
    if (evidence?.kind === "photos") {
      const photos = await tx.attachment.findMany({ where: { id: { in: evidence.attachmentIds } } });
      for (const p of photos)
        await tx.attachment.create({
          data: {
            sha256: p.sha256,
            mime: p.mime,
            size: p.size,
            originalName: p.originalName,
            uploadedById: p.uploadedById,
            ticketId: ticket.id,
            purpose: "hazard",
            createdAt: o.now,
          },
        });
    }
    out.push({ ...ticket, isNew: true });
  }
  return out;
}
