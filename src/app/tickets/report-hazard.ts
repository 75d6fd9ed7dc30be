import { AppError } from "../../domain/app-error.ts";
import type { OutboundMessage } from "../../domain/messages.ts";
import type { CommandKey } from "../../domain/texts.ts";
import { formatDeadline } from "../../domain/ticket/deadline.ts";
import {
  beginGridReport,
  type GridReportState,
  stepGridReport,
} from "../../domain/ticket/grid-report-flow.ts";
import { mergeFinding } from "../../rules/evaluate-self-check.ts";
import type { ClassifyReportParams } from "../../rules/rule-file.ts";
import { runRules } from "../../rules/run-rules.ts";
import type { Stores } from "../../store/stores.ts";
import type { Actor } from "../actor.ts";
import type { AppDeps } from "../app-deps.ts";
import { notifyPeople } from "./notify-people.ts";
import type { FlowOutcome } from "./rectify-ticket.ts";
import { registerHazard } from "./register-hazard.ts";

type Input = { text?: string; command?: CommandKey; photoIds: string[] };

/** The enterprises the reporter may report on, by name (the flow keeps only id and name in its state). */
async function reportableEnterprises(s: Stores, actor: Actor): Promise<{ id: string; name: string }[]> {
  const enterprises = await s.enterprises.list(await s.people.scopeOf(actor.person));
  return enterprises.map((e) => ({ id: e.id, name: e.name }));
}

/** 随手拍 (or a photo sent by a grid worker with nothing else going on) starts a report. */
export async function startGridReport(
  s: Stores,
  deps: AppDeps,
  actor: Actor,
  first: Input,
): Promise<FlowOutcome<GridReportState>> {
  const { texts } = deps.content;
  if (actor.person.role !== "grid_worker" && actor.person.role !== "admin")
    return { state: null, replies: [{ text: texts.t("report.not_grid_worker"), expects: "none" }] };
  const step = beginGridReport({ texts, enterprises: await reportableEnterprises(s, actor) }, first);
  return { state: step.state, replies: step.replies };
}

/** One message inside a report; on 提交 the rules classify it and a ticket opens. */
export async function continueGridReport(
  s: Stores,
  deps: AppDeps,
  actor: Actor,
  state: GridReportState,
  input: Input,
): Promise<FlowOutcome<GridReportState>> {
  const { texts } = deps.content;
  const step = stepGridReport({ texts, enterprises: await reportableEnterprises(s, actor) }, state, input);
  if (step.effects.some((e) => e.type === "cancel"))
    return { state: null, replies: [{ text: texts.t("report.cancelled"), expects: "none" }] };
  if (step.effects.some((e) => e.type === "submit"))
    return { state: null, replies: await submitReport(s, deps, actor, step.state) };
  return { state: step.state, replies: step.replies };
}

/**
 * The classification the rules give a report; the policy's fallback when none applies. A report
 * that mentions several hazards is registered as the gravest (the first in file order among
 * equals), merging every hit on that hazard in file order.
 */
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
  const fileOrder = new Map(deps.content.reportRules.map((r, i) => [r.id, i]));
  const classified = hits
    .flatMap(({ ruleId, event }) =>
      event.type === "classify_report" ? [{ ruleId, params: event.params }] : [],
    )
    .sort((a, b) => (fileOrder.get(a.ruleId) ?? 0) - (fileOrder.get(b.ruleId) ?? 0));
  const gravest = classified.find((h) => h.params.grade === "major") ?? classified[0];
  let finding: (ClassifyReportParams & { ruleIds: string[] }) | undefined;
  for (const { ruleId, params } of classified)
    if (params.hazard === gravest?.params.hazard)
      finding = mergeFinding(finding, { ...params, ruleIds: [ruleId] });
  return finding ?? { ...deps.content.policy.gridReportFallback, ruleIds: [] };
}

async function submitReport(
  s: Stores,
  deps: AppDeps,
  actor: Actor,
  report: GridReportState,
): Promise<OutboundMessage[]> {
  const { texts } = deps.content;
  const now = deps.clock.now();
  const enterprise = await s.enterprises.byId(report.enterprise?.id ?? "");
  if (!enterprise) throw new AppError("not_found", `enterprise ${report.enterprise?.id} of a report is gone`);
  const c = await classify(deps, report, enterprise);
  const heads = await s.people.responsibleFor(enterprise, "enterprise_head");
  const ticket = await registerHazard(
    s,
    deps,
    {
      enterpriseId: enterprise.id,
      hazardKey: c.hazard,
      title: c.title,
      category: c.category,
      grade: c.grade,
      basis: c.basis,
      deadlineDays: c.deadlineDays,
      ...("deadlineHours" in c && c.deadlineHours !== undefined ? { deadlineHours: c.deadlineHours } : {}),
      immediate: "immediate" in c && c.immediate === true,
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
    deadline: formatDeadline(ticket.deadline),
    reporter: actor.person.name,
    enterprise: enterprise.name,
  };
  await notifyPeople(
    s,
    heads,
    `report:${ticket.id}`,
    { text: texts.t("notify.report_opened", params), expects: "none" },
    now,
  );
  const immediate = "immediate" in c && c.immediate ? texts.t("notify.immediate_action") : "";
  return [{ text: `${immediate}${texts.t("report.submitted", params)}`, expects: "none" }];
}
