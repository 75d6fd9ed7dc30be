import { daysBetween, toShanghaiDate } from "../../domain/calendar/local-date.ts";
import { type CatchUpPolicy, DEFAULT_CATCH_UP_POLICY, inQuietHours } from "../../domain/campaign/catch-up.ts";
import { formatDeadline } from "../../domain/ticket/deadline.ts";
import { isOverdue } from "../../domain/ticket/ticket-lifecycle.ts";
import type { EscalateParams } from "../../rules/rule-file.ts";
import { runRules } from "../../rules/run-rules.ts";
import type { AppDeps } from "../app-deps.ts";
import { notifyPeople } from "./notify-people.ts";

export type SweepResult = { checked: number; stepsSent: number };

/** Each escalation step of each ticket is one piece of scheduled work, `ticket:<id>:<step>`. */
const STEP_KEY_PREFIX = "ticket:";
const STEP_KIND = "ticket_step";

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
  const { content } = deps;
  // Nobody is told about a deadline at 2 a.m.: the steps still hold at the first sweep after quiet hours.
  if (inQuietHours(now, quietHours)) return { checked: 0, stepsSent: 0 };
  const { tickets, done } = await deps.uow.read(async (s) => ({
    tickets: await s.tickets.unclosed(),
    done: new Set(
      (await s.scheduledWork.doneUnder(STEP_KEY_PREFIX))
        .filter((w) => w.kind === STEP_KIND)
        .map((w) => w.key),
    ),
  }));
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
      const key = `${STEP_KEY_PREFIX}${t.id}:${event.params.step}`;
      if (done.has(key)) continue;
      const sent = await deps.uow.run(async (s) => {
        // The row is the claim: a second sweep (or process) at the same moment finds its key taken.
        if (!(await s.scheduledWork.claimSlot({ key, kind: STEP_KIND, dueAt: now }, now))) return false;
        const people = await s.people.responsibleFor(t.enterprise, event.params.role);
        const text = stepText(deps, t, facts.daysOverdue, event.params);
        await notifyPeople(s, people, `sweep:${key}`, { text, expects: "none" }, now);
        await s.tickets.addEvent({
          ticketId: t.id,
          kind: "notified",
          note: `${event.params.step} → ${event.params.role}`,
          at: now,
        });
        await s.scheduledWork.settle(key, "sent", event.params.message);
        return true;
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
    deadline: formatDeadline(t.deadline),
    days: Math.max(daysOverdue, 0),
  });
}
