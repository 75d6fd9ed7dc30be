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
import { responsibleFor } from "../recipients.ts";
import { notifyPeople } from "./notify-people.ts";
import type { FlowOutcome } from "./rectify-ticket.ts";
import { registerHazard } from "./register-hazard.ts";
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
  const heads = await responsibleFor(tx, enterprise, "enterprise_head");
  const ticket = await registerHazard(
    tx,
    {
      enterpriseId: enterprise.id,
      hazardKey: c.hazard,
      title: c.title,
      category: c.category,
      grade: c.grade,
      basis: c.basis,
      deadlineDays: c.deadlineDays,
      source: "grid_report",
      ruleIds: c.ruleIds,
      description: report.description,
      location: report.location,
      runId: null,
      campaignId: null,
      foundById: actor.person.id,
      responsibleId: heads[0] ?? null,
      channel: actor.channel,
      photoIds: report.photoIds,
    },
    now,
  );
  if (!ticket.isNew)
    return [
      { text: texts.t("report.existing", { number: ticket.number, title: ticket.title }), expects: "none" },
    ];
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
