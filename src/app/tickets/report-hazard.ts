import { toShanghaiDate } from "../../domain/calendar/local-date.ts";
import type { OutboundMessage } from "../../domain/messages.ts";
import type { CommandKey } from "../../domain/texts.ts";
import {
  beginGridReport,
  type GridReportState,
  stepGridReport,
} from "../../domain/ticket/grid-report-flow.ts";
import { mergeFinding } from "../../rules/evaluate-self-check.ts";
import type { ClassifyReportParams } from "../../rules/rule-file.ts";
import { runRules } from "../../rules/run-rules.ts";
import type { Tx } from "../../store/database.ts";
import type { Actor } from "../actor.ts";
import type { AppDeps } from "../app-deps.ts";
import { deadlineAfter, ticketNumberFor } from "../open-tickets.ts";
import { responsibleFor } from "../recipients.ts";
import { notifyPeople } from "./notify-people.ts";
import type { FlowOutcome } from "./rectify-ticket.ts";
import { enterpriseScope } from "./ticket-scope.ts";

type Input = { text?: string; command?: CommandKey; photoIds: string[] };

async function reportableEnterprises(tx: Tx, actor: Actor) {
  return tx.enterprise.findMany({
    where: await enterpriseScope(tx, actor.person),
    select: { id: true, name: true },
    orderBy: { name: "asc" },
  });
}

/** 随手拍 (or a photo sent by a grid worker with nothing else going on) starts a report. */
export async function startGridReport(
  tx: Tx,
  deps: AppDeps,
  actor: Actor,
  first: Input,
): Promise<FlowOutcome<GridReportState>> {
  const { texts } = deps.content;
  if (actor.person.role !== "grid_worker" && actor.person.role !== "admin")
    return { state: null, replies: [{ text: texts.t("report.not_grid_worker"), expects: "none" }] };
  const step = beginGridReport({ texts, enterprises: await reportableEnterprises(tx, actor) }, first);
  return { state: step.state, replies: step.replies };
}

/** One message inside a report; on 提交 the rules classify it and a ticket opens. */
export async function continueGridReport(
  tx: Tx,
  deps: AppDeps,
  actor: Actor,
  state: GridReportState,
  input: Input,
): Promise<FlowOutcome<GridReportState>> {
  const { texts } = deps.content;
  const step = stepGridReport({ texts, enterprises: await reportableEnterprises(tx, actor) }, state, input);
  if (step.effects.some((e) => e.type === "cancel"))
    return { state: null, replies: [{ text: texts.t("report.cancelled"), expects: "none" }] };
  if (step.effects.some((e) => e.type === "submit"))
    return { state: null, replies: await submitReport(tx, deps, actor, step.state) };
  return { state: step.state, replies: step.replies };
}

/** The classification the rules give a report; the policy's fallback when none applies. */
async function classify(
  deps: AppDeps,
  report: GridReportState,
  enterprise: { industry: string; supervisionClass: string | null },
) {
  const hits = await runRules(deps.content.reportRules, {
    report: {
      description: report.description ?? "",
      location: report.location ?? "",
      photoCount: report.photoIds.length,
    },
    enterprise,
  });
  let finding: (ClassifyReportParams & { ruleIds: string[] }) | undefined;
  for (const { ruleId, event } of hits)
    if (event.type === "classify_report")
      finding = mergeFinding(finding, { ...event.params, ruleIds: [ruleId] });
  return finding ?? { ...deps.content.policy.gridReportFallback, ruleIds: [] };
}

async function submitReport(
  tx: Tx,
  deps: AppDeps,
  actor: Actor,
  report: GridReportState,
): Promise<OutboundMessage[]> {
  const { texts } = deps.content;
  const now = deps.clock.now();
  const enterprise = await tx.enterprise.findUniqueOrThrow({ where: { id: report.enterprise?.id ?? "" } });
  const c = await classify(deps, report, enterprise);
  const photos = { ticketId: "", purpose: "hazard" };
  const existing = await tx.ticket.findFirst({
    where: { enterpriseId: enterprise.id, hazardKey: c.hazard, status: { not: "closed" } },
  });
  if (existing) {
    const event = await tx.ticketEvent.create({
      data: {
        ticketId: existing.id,
        kind: "seen_again",
        actorId: actor.person.id,
        channel: actor.channel,
        note: report.description,
        at: now,
      },
    });
    await tx.attachment.updateMany({
      where: { id: { in: report.photoIds } },
      data: { ...photos, ticketId: existing.id, ticketEventId: event.id },
    });
    return [
      {
        text: texts.t("report.existing", { number: existing.number, title: existing.title }),
        expects: "none",
      },
    ];
  }
  const heads = await responsibleFor(tx, enterprise, "enterprise_head");
  const ticket = await tx.ticket.create({
    data: {
      number: await ticketNumberFor(tx, now),
      enterpriseId: enterprise.id,
      hazardKey: c.hazard,
      source: "grid_report",
      ruleId: c.ruleIds.join(",") || null,
      title: c.title,
      description: report.description,
      location: report.location,
      category: c.category,
      grade: c.grade,
      basis: c.basis,
      status: "open",
      supervised: c.grade === "major",
      responsibleId: heads[0] ?? null,
      foundById: actor.person.id,
      foundAt: now,
      deadline: deadlineAfter(now, c.deadlineDays),
      events: {
        create: {
          kind: "opened",
          toStatus: "open",
          actorId: actor.person.id,
          channel: actor.channel,
          note: report.description,
          at: now,
        },
      },
    },
  });
  await tx.attachment.updateMany({
    where: { id: { in: report.photoIds } },
    data: { ...photos, ticketId: ticket.id },
  });
  const params = {
    number: ticket.number,
    title: ticket.title,
    grade: texts.label("grade", ticket.grade),
    deadline: toShanghaiDate(ticket.deadline),
    reporter: actor.person.name,
    enterprise: enterprise.name,
  };
  await notifyPeople(
    tx,
    heads,
    `report:${ticket.id}`,
    { text: texts.t("notify.report_opened", params), expects: "none" },
    now,
  );
  return [{ text: texts.t("report.submitted", params), expects: "none" }];
}
