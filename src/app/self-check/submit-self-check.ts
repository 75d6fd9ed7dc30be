import { toShanghaiDate } from "../../domain/calendar/local-date.ts";
import type { Checklist } from "../../domain/checklist/checklist.ts";
import { activeQuestions } from "../../domain/checklist/sequence.ts";
import type { OutboundMessage } from "../../domain/messages.ts";
import type { OutboxItem } from "../../domain/outbox-item.ts";
import type { SelfCheckState } from "../../domain/self-check/self-check-flow.ts";
import type { MessageKey } from "../../domain/texts.ts";
import { evaluateSelfCheck } from "../../rules/evaluate-self-check.ts";
import type { Stores } from "../../store/stores.ts";
import type { Actor } from "../actor.ts";
import type { AppDeps } from "../app-deps.ts";
import { openTickets } from "../open-tickets.ts";
import type { RegisteredTicket } from "../tickets/register-hazard.ts";

/**
 * 提交: stores the answers, runs the rules, registers the hazards they find and tells the
 * people the rules name. Returns the head's receipt: each ticket's number, title, grade, deadline.
 */
export async function submitSelfCheck(
  s: Stores,
  deps: AppDeps,
  actor: Actor,
  checklist: Checklist,
  state: SelfCheckState,
): Promise<OutboundMessage[]> {
  const { texts } = deps.content;
  const now = deps.clock.now();
  const enterprise = actor.person.enterprise;
  const run = await s.selfChecks.byId(state.runId);
  if (!enterprise || !run) throw new Error(`self-check run ${state.runId} has no enterprise`);

  const active = new Set(activeQuestions(checklist, state.answers).map((q) => q.id));
  const answered = Object.entries(state.answers).filter(([id]) => active.has(id));
  await s.selfChecks.submit(run.id, answered, now);

  const campaign = run.campaignId ? await s.campaigns.byId(run.campaignId) : null;
  const verdict = await evaluateSelfCheck(deps.content.rules, {
    answers: state.answers,
    enterprise,
    checklist,
    campaign,
  });
  const tickets = await openTickets(s, deps, verdict.hazards, {
    enterpriseId: enterprise.id,
    runId: run.id,
    campaignId: run.campaignId,
    personId: actor.person.id,
    channel: actor.channel,
    answers: state.answers,
    now,
  });
  await s.audit.record({
    at: now,
    actorId: actor.person.id,
    action: "self_check.submitted",
    subjectType: "self_check_run",
    subjectId: run.id,
    detail: { tickets: tickets.map((t) => t.number) },
  });

  const notices: OutboxItem[] = [];
  for (const n of verdict.notifications) {
    const ticket = tickets.find((t) => t.hazardKey === n.hazard && t.isNew);
    if (!ticket) continue;
    const people = await s.people.responsibleFor(enterprise, n.role);
    for (const r of await s.people.recipientsOf(people))
      notices.push({
        key: `notify:${ticket.id}:${n.message}:${r.personId}`,
        channel: r.channel,
        recipient: r.externalId,
        personId: r.personId,
        message: {
          text: texts.t(n.message as MessageKey, ticketParams(deps, enterprise.name, ticket)),
          expects: "none",
        },
      });
  }
  await s.outbox.enqueue(notices, now);

  if (tickets.length === 0) return [{ text: texts.t("selfcheck.submitted_clean"), expects: "none" }];
  const lines = tickets.map((t) =>
    texts.t(
      t.isNew ? "selfcheck.ticket_line" : "selfcheck.ticket_line_existing",
      ticketParams(deps, enterprise.name, t),
    ),
  );
  return [
    {
      text: texts.t("selfcheck.submitted_tickets", { count: tickets.length, lines: lines.join("\n") }),
      expects: "none",
    },
  ];
}

function ticketParams(deps: AppDeps, enterprise: string, t: RegisteredTicket) {
  return {
    enterprise,
    number: t.number,
    title: t.title,
    grade: deps.content.texts.label("grade", t.grade),
    deadline: toShanghaiDate(t.deadline),
  };
}
