import { AppError } from "../../domain/app-error.ts";
import { toShanghaiDate } from "../../domain/calendar/local-date.ts";
import { documentNumber, inspectionNumber } from "../../domain/inspection/inspection.ts";
import type { Finding, InspectionState } from "../../domain/inspection/inspection-state.ts";
import type { OutboundMessage } from "../../domain/messages.ts";
import type { Stores } from "../../store/stores.ts";
import type { Actor } from "../actor.ts";
import type { AppDeps } from "../app-deps.ts";
import { openCampaignFor } from "../campaign/open-campaign-for.ts";
import { type RegisteredTicket, registerHazard } from "../tickets/register-hazard.ts";
import { fixOnSpot } from "./fix-on-spot.ts";
import {
  type NoticeFinding,
  type SubmittedInspection,
  sendInspectionNotices,
  submittedReply,
} from "./inspection-notices.ts";

/** The counter series of inspection numbers (documents count in series named by their prefix). */
const INSPECTION_SERIES = "inspection";

/**
 * 提交: the inspection is recorded (`recordInspection`), the enterprise's heads receive the 整改通知
 * and the team's members a copy, in the same unit of work; the inspector is told what was registered.
 */
export async function submitInspection(
  s: Stores,
  deps: AppDeps,
  actor: Actor,
  state: InspectionState,
): Promise<OutboundMessage[]> {
  const recorded = await recordInspection(s, deps, actor, state);
  await sendInspectionNotices(s, deps, recorded.inspection, recorded.heads, deps.clock.now());
  return [submittedReply(deps, recorded.inspection)];
}

/**
 * Records an inspection at `deps.clock.now()` with its team, documents and measures: each finding
 * opens a ticket (source inspection, linked to the inspection) or joins the hazard's open one, and a
 * finding fixed on the spot is closed at once. Sends nothing (the demo park seeds through here).
 */
export async function recordInspection(
  s: Stores,
  deps: AppDeps,
  actor: Actor,
  state: InspectionState,
): Promise<{ inspection: SubmittedInspection; heads: string[] }> {
  const { content } = deps;
  const now = deps.clock.now();
  const year = Number(toShanghaiDate(now).slice(0, 4));
  const enterprise = state.enterprise ? await s.enterprises.byId(state.enterprise.id) : null;
  if (!enterprise)
    throw new AppError("not_found", `enterprise ${state.enterprise?.id} of an inspection is gone`);
  const kind = content.inspections.kinds.find((k) => k.id === state.kind);
  const campaign = kind?.linksCampaign ? await openCampaignFor(s, enterprise, now) : null;
  const number = inspectionNumber(year, await s.inspections.nextSequence(INSPECTION_SERIES, year));
  const heads = await s.people.responsibleFor(enterprise, "enterprise_head");
  const onSpotNote = content.texts.t("inspection.on_spot_note", { number });

  // Fixed-on-the-spot findings first: one that shares a hazard with a finding given a deadline
  // then closes its own ticket, and the other opens a new one, instead of closing it.
  const ordered = [...state.findings.filter((f) => f.onSpot), ...state.findings.filter((f) => !f.onSpot)];
  const registered: { finding: Finding; ticket: RegisteredTicket }[] = [];
  for (const finding of ordered) {
    const c = finding.classification;
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
        deadlineDays: finding.deadlineDays ?? c.deadlineDays,
        ...(finding.deadlineDays === null && c.deadlineHours !== null
          ? { deadlineHours: c.deadlineHours }
          : {}),
        immediate: c.immediate,
        source: "inspection",
        ruleIds: c.ruleIds,
        description: finding.description,
        location: state.location?.label ?? null,
        runId: null,
        campaignId: campaign?.id ?? null,
        foundById: actor.person.id,
        responsibleId: heads[0] ?? null,
        channel: actor.channel,
        photoIds: finding.photoIds,
      },
      now,
    );
    if (finding.onSpot) await fixOnSpot(s, actor, ticket, finding.afterPhotoIds, onSpotNote, now);
    registered.push({ finding, ticket });
  }
  // Two findings on the same open hazard are one ticket: it is listed (and counted) once.
  const seen = new Set<string>();
  const findings: NoticeFinding[] = registered.flatMap(({ finding, ticket }) => {
    if (seen.has(ticket.id)) return [];
    seen.add(ticket.id);
    return [{ finding, ticket }];
  });

  const documents = [];
  for (const type of content.inspections.documents.filter((d) => state.documents.includes(d.id)))
    documents.push({
      type: type.id,
      label: type.label,
      number: documentNumber(
        type.prefix,
        year,
        await s.inspections.nextSequence(`document:${type.prefix}`, year),
      ),
    });
  const measures = state.measures.map((kind) => ({
    kind,
    amountFen: kind === "fine" ? state.fineFen : null,
  }));
  const members = await s.people.byIds(state.memberIds);
  const id = await s.inspections.create({
    number,
    kind: state.kind ?? "",
    enterpriseId: enterprise.id,
    campaignId: campaign?.id ?? null,
    channel: actor.channel,
    startedAt: new Date(state.startedAt),
    submittedAt: now,
    outsideExperts: state.outsideExperts,
    outsideStaff: state.outsideStaff,
    location: state.location,
    note: state.note,
    members: [
      { personId: actor.person.id, role: actor.person.role, lead: true },
      ...members.map((p) => ({ personId: p.id, role: p.role, lead: false })),
    ],
    findings: findings.map(({ finding, ticket }, i) => ({
      ticketId: ticket.id,
      seq: i + 1,
      onSpot: finding.onSpot,
      newTicket: ticket.isNew,
    })),
    documents: documents.map((d) => ({ type: d.type, number: d.number })),
    measures,
  });
  await s.audit.record({
    at: now,
    actorId: actor.person.id,
    action: "inspection.submitted",
    subjectType: "inspection",
    subjectId: id,
    detail: { number, kind: state.kind, enterpriseId: enterprise.id, findings: findings.length },
  });
  const inspection: SubmittedInspection = {
    id,
    number,
    kind: kind?.label ?? state.kind ?? "",
    enterprise: enterprise.name,
    lead: actor.person,
    team: [{ ...actor.person, lead: true }, ...members],
    outsideExperts: state.outsideExperts,
    outsideStaff: state.outsideStaff,
    findings,
    documents: documents.map((d) => `${d.label} ${d.number}`),
    measures,
  };
  return { inspection, heads };
}
