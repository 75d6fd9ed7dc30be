import { daysBetween, toShanghaiDate } from "../../domain/calendar/local-date.ts";
import { type CatchUpPolicy, DEFAULT_CATCH_UP_POLICY, inQuietHours } from "../../domain/campaign/catch-up.ts";
import { isOverdue } from "../../domain/ticket/ticket-lifecycle.ts";
import type { EscalateParams } from "../../rules/rule-file.ts";
import { runRules } from "../../rules/run-rules.ts";
import { isUniqueViolation } from "../../store/database.ts";
import type { AppDeps } from "../app-deps.ts";
import { responsibleFor } from "../recipients.ts";
import { notifyPeople } from "./notify-people.ts";

export type SweepResult = { checked: number; stepsSent: number };

/** The facts the deadline rules judge a ticket on, as of `now`. */
export function ticketFacts(
  t: { grade: string; status: string; source: string; supervised: boolean; deadline: Date },
  now: Date,
) {
  const overdue = isOverdue(t, now);
  const today = toShanghaiDate(now);
  return {
    grade: t.grade,
    status: t.status,
    source: t.source,
    supervised: t.supervised,
    overdue,
    // Whole calendar days in Asia/Shanghai: "the day before" means that date, whatever the hour.
    daysToDeadline: daysBetween(today, toShanghaiDate(t.deadline)),
    daysOverdue: overdue ? daysBetween(toShanghaiDate(t.deadline), today) : -1,
  };
}

/**
 * The periodic deadline sweep: runs the ticket_sweep rules over every ticket not closed and,
 * outside quiet hours, sends each escalation step once (a ScheduledWork row per ticket and step), however often
 * the sweep runs and whatever the clock did in between.
 */
export async function sweepTickets(
  deps: AppDeps,
  now: Date = deps.clock.now(),
  quietHours: CatchUpPolicy["quietHours"] = DEFAULT_CATCH_UP_POLICY.quietHours,
): Promise<SweepResult> {
  const { db, content } = deps;
  // Nobody is told about a deadline at 2 a.m.: the steps still hold at the first sweep after quiet hours.
  if (inQuietHours(now, quietHours)) return { checked: 0, stepsSent: 0 };
  const tickets = await db.ticket.findMany({
    where: { status: { not: "closed" } },
    include: { enterprise: true },
  });
  const done = new Set(
    (await db.scheduledWork.findMany({ where: { kind: "ticket_step" }, select: { key: true } })).map(
      (w) => w.key,
    ),
  );
  let stepsSent = 0;
  for (const t of tickets) {
    const facts = ticketFacts(t, now);
    const hits = await runRules(content.sweepRules, {
      ticket: facts,
      enterprise: {
        industry: t.enterprise.industry,
        supervisionClass: t.enterprise.supervisionClass,
        areaId: t.enterprise.areaId,
      },
    });
    for (const { event } of hits) {
      if (event.type !== "escalate") continue;
      const key = `ticket:${t.id}:${event.params.step}`;
      if (done.has(key)) continue;
      const sent = await db
        .$transaction(async (tx) => {
          // The row is the claim: a second sweep (or process) at the same moment fails on its key.
          await tx.scheduledWork.create({
            data: {
              key,
              kind: "ticket_step",
              dueAt: now,
              doneAt: now,
              outcome: "sent",
              note: event.params.message,
            },
          });
          const people = await responsibleFor(tx, t.enterprise, event.params.role);
          const text = stepText(deps, t, facts.daysOverdue, event.params);
          await notifyPeople(tx, people, `sweep:${key}`, { text, expects: "none" }, now);
          await tx.ticketEvent.create({
            data: {
              ticketId: t.id,
              kind: "notified",
              note: `${event.params.step} → ${event.params.role}`,
              at: now,
            },
          });
          return true;
        })
        .catch((e: unknown) => {
          if (isUniqueViolation(e)) return false;
          throw e;
        });
      done.add(key);
      if (sent) stepsSent++;
    }
  }
  return { checked: tickets.length, stepsSent };
}

function stepText(
  deps: AppDeps,
  t: { number: string; title: string; deadline: Date; grade: string; enterprise: { name: string } },
  daysOverdue: number,
  p: EscalateParams,
): string {
  return deps.content.texts.t(p.message, {
    enterprise: t.enterprise.name,
    number: t.number,
    title: t.title,
    grade: deps.content.texts.label("grade", t.grade),
    deadline: toShanghaiDate(t.deadline),
    days: Math.max(daysOverdue, 0),
  });
}
