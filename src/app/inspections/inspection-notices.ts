import { toShanghaiDate } from "../../domain/calendar/local-date.ts";
import type { MeasureKind } from "../../domain/inspection/inspection.ts";
import { outcomeTexts, teamText } from "../../domain/inspection/inspection-prompts.ts";
import type { Finding } from "../../domain/inspection/inspection-state.ts";
import type { OutboundMessage } from "../../domain/messages.ts";
import type { Role } from "../../domain/people/role.ts";
import { formatDeadline } from "../../domain/ticket/deadline.ts";
import type { Stores } from "../../store/stores.ts";
import type { AppDeps } from "../app-deps.ts";
import { notifyPeople } from "../tickets/notify-people.ts";
import type { RegisteredTicket } from "../tickets/register-hazard.ts";

/** A finding with the ticket it opened or joined. */
export type NoticeFinding = { finding: Finding; ticket: RegisteredTicket };

/** A submitted inspection, as its notices tell it. */
export type SubmittedInspection = {
  id: string;
  number: string;
  /** The kind's label. */
  kind: string;
  enterprise: string;
  lead: { id: string; name: string };
  team: { id: string; name: string; role: Role; lead?: boolean }[];
  outsideExperts: number;
  outsideStaff: number;
  findings: NoticeFinding[];
  /** 「责令限期整改指令书 ZL-2026-000031」 for each document. */
  documents: string[];
  measures: { kind: MeasureKind; amountFen: number | null }[];
};

function outcome(deps: AppDeps, i: SubmittedInspection) {
  return outcomeTexts(
    { texts: deps.content.texts, content: deps.content.inspections },
    i.documents,
    i.measures,
  );
}

/** 「文书：…\n措施：…\n」 for the head's notice, leaving out what the inspection did not issue or take. */
function outcomeLines(deps: AppDeps, i: SubmittedInspection): string {
  const { texts } = deps.content;
  const o = outcome(deps, i);
  return [
    i.documents.length ? `${texts.t("inspection.notice_documents", { documents: o.documents })}\n` : "",
    i.measures.length ? `${texts.t("inspection.notice_measures", { measures: o.measures })}\n` : "",
  ].join("");
}

/**
 * The 整改通知 to the enterprise's heads: each hazard with its number, deadline and basis, and
 * what to do next (`整改 <编号>`); a copy to each team member other than the lead. Keyed by the
 * inspection, so nothing is sent twice.
 */
export async function sendInspectionNotices(
  s: Stores,
  deps: AppDeps,
  i: SubmittedInspection,
  heads: readonly string[],
  now: Date,
): Promise<void> {
  const { texts } = deps.content;
  const open = i.findings.filter((f) => !f.finding.onSpot);
  const lines = i.findings
    .map(({ finding, ticket }, n) =>
      finding.onSpot
        ? texts.t("inspection.notice_line_on_spot", {
            index: n + 1,
            number: ticket.number,
            title: ticket.title,
            grade: texts.label("grade", ticket.grade),
          })
        : texts.t("inspection.notice_line", {
            index: n + 1,
            number: ticket.number,
            title: ticket.title,
            grade: texts.label("grade", ticket.grade),
            deadline: formatDeadline(ticket.deadline),
            basis: finding.classification.basis || "—",
          }),
    )
    .join("\n");
  const params = {
    enterprise: i.enterprise,
    date: toShanghaiDate(now),
    team: teamText(texts, i.team, i.outsideExperts, i.outsideStaff),
    kind: i.kind,
    number: i.number,
    count: i.findings.length,
    lines: lines || texts.t("inspection.none"),
    outcome: outcomeLines(deps, i),
    example: open[0]?.ticket.number ?? "",
  };
  const notice = texts.t(
    i.findings.length === 0
      ? "inspection.notice_clean"
      : open.length
        ? "inspection.notice"
        : "inspection.notice_all_fixed",
    params,
  );
  await notifyPeople(s, heads, `inspection:${i.id}:notice`, { text: notice.trimEnd(), expects: "none" }, now);

  const o = outcome(deps, i);
  const copy = texts.t("inspection.copy", {
    lead: i.lead.name,
    number: i.number,
    kind: i.kind,
    enterprise: i.enterprise,
    count: i.findings.length,
    onSpot: i.findings.length - open.length,
    documents: o.documents,
    measures: o.measures,
  });
  const members = i.team.map((m) => m.id).filter((id) => id !== i.lead.id);
  await notifyPeople(s, members, `inspection:${i.id}:copy`, { text: copy, expects: "none" }, now);
}

/** What the inspector is told on 提交: the number, each ticket and where it stands, documents and measures. */
export function submittedReply(deps: AppDeps, i: SubmittedInspection): OutboundMessage {
  const { texts } = deps.content;
  const lines = i.findings
    .map(({ finding, ticket }, n) =>
      texts.t("inspection.result_line", {
        index: n + 1,
        number: ticket.number,
        title: ticket.title,
        grade: texts.label("grade", ticket.grade),
        how: `${
          finding.onSpot
            ? texts.t("inspection.result_on_spot")
            : texts.t("inspection.result_deadline", { deadline: formatDeadline(ticket.deadline) })
        }${ticket.isNew ? "" : texts.t("inspection.result_existing")}`,
      }),
    )
    .join("\n");
  const o = outcome(deps, i);
  return {
    text: texts.t("inspection.submitted", {
      number: i.number,
      kind: i.kind,
      enterprise: i.enterprise,
      count: i.findings.length,
      lines: lines || texts.t("inspection.none"),
      documents: o.documents,
      measures: o.measures,
    }),
    expects: "none",
  };
}
