import { toShanghaiDate } from "../../domain/calendar/local-date.ts";
import { inspects, isInspectionNumber } from "../../domain/inspection/inspection.ts";
import {
  documentLabel,
  kindLabel,
  locationText,
  outcomeTexts,
  teamText,
} from "../../domain/inspection/inspection-prompts.ts";
import type { OutboundMessage } from "../../domain/messages.ts";
import { formatDeadline } from "../../domain/ticket/deadline.ts";
import type { Stores } from "../../store/stores.ts";
import type { Actor } from "../actor.ts";
import type { AppDeps } from "../app-deps.ts";

/** How many inspections 我的检查 lists. */
const RECENT = 10;

const notice = (text: string): OutboundMessage => ({ text, expects: "none" });

/** 我的检查: the inspections this person led or joined, newest first; 我的检查 <编号>: one record. */
export async function myInspections(
  s: Stores,
  deps: AppDeps,
  actor: Actor,
  arg: string,
): Promise<OutboundMessage[]> {
  const { texts } = deps.content;
  if (!inspects(actor.person.role))
    return [notice(texts.t("inspection.not_allowed", { role: texts.label("role", actor.person.role) }))];
  const number = arg.trim().split(/\s+/)[0] ?? "";
  if (number) return [await inspectionRecord(s, deps, actor, number)];
  const recent = await s.inspections.recentOf(actor.person.id, RECENT);
  if (recent.length === 0) return [notice(texts.t("inspection.mine_none"))];
  const ctx = { content: deps.content.inspections };
  const lines = recent
    .map((i) =>
      texts.t("inspection.mine_line", {
        number: i.number,
        date: toShanghaiDate(i.submittedAt),
        kind: kindLabel(ctx, i.kind),
        enterprise: i.enterpriseName,
        count: i.findings,
      }),
    )
    .join("\n");
  return [notice(texts.t("inspection.mine_list", { lines }))];
}

/** One inspection's record, for its team and for people whose scope holds the enterprise. */
async function inspectionRecord(
  s: Stores,
  deps: AppDeps,
  actor: Actor,
  raw: string,
): Promise<OutboundMessage> {
  const { texts } = deps.content;
  const number = raw.toUpperCase();
  const record = isInspectionNumber(number) ? await s.inspections.byNumber(number) : null;
  const onTeam = record?.team.some((m) => m.personId === actor.person.id) ?? false;
  const visible =
    record !== null &&
    (onTeam || (await s.enterprises.isInScope(await s.people.scopeOf(actor.person), record.enterpriseId)));
  // Someone else's inspection answers exactly like a missing number: guessing tells nothing.
  if (!record || !visible) return notice(texts.t("inspection.not_found", { number: raw }));
  const ctx = { texts, content: deps.content.inspections };
  const team = teamText(texts, record.team, record.outsideExperts, record.outsideStaff);
  const lines = record.findingList
    .map((f, i) =>
      texts.t("inspection.record_line", {
        index: i + 1,
        number: f.ticketNumber,
        title: f.title,
        grade: texts.label("grade", f.grade),
        how: f.onSpot
          ? texts.t("inspection.result_on_spot")
          : texts.t("inspection.result_deadline", { deadline: formatDeadline(f.deadline) }),
        status: texts.label("status", f.status),
      }),
    )
    .join("\n");
  const outcome = outcomeTexts(
    ctx,
    // In the order the content lists the document types, as they were picked.
    [...record.documents]
      .sort((a, b) => documentRank(ctx, a.type) - documentRank(ctx, b.type))
      .map((d) => `${documentLabel(ctx, d.type)} ${d.number}`),
    record.measures,
  );
  return notice(
    texts.t("inspection.record", {
      number: record.number,
      kind: kindLabel(ctx, record.kind),
      enterprise: record.enterpriseName,
      at: shanghaiMinute(record.submittedAt),
      team,
      location: locationText(texts, record.location),
      count: record.findings,
      lines: lines || texts.t("inspection.none"),
      documents: outcome.documents,
      measures: outcome.measures,
      note: record.note ?? texts.t("inspection.none"),
    }),
  );
}

/** An instant as people in Shanghai read it: 2026-09-24 10:05. */
function shanghaiMinute(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace("T", " ");
}

function documentRank(ctx: { content: { documents: readonly { id: string }[] } }, type: string): number {
  const i = ctx.content.documents.findIndex((d) => d.id === type);
  return i < 0 ? Number.MAX_SAFE_INTEGER : i;
}
