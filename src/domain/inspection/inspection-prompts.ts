import { fillTemplate } from "../calendar/labels.ts";
import type { Choice, OutboundMessage } from "../messages.ts";
import type { Role } from "../people/role.ts";
import type { Texts } from "../texts.ts";
import { MeasureKinds, type SiteLocation } from "./inspection.ts";
import type { InspectionCatalogue as InspectionContent } from "./inspection-catalogue.ts";
import { formatYuan } from "./inspection-input.ts";
import type { InspectionState } from "./inspection-state.ts";

/** What the inspection flow reads besides its state: wording, the content's lists, who is asking. */
export type InspectionCtx = { texts: Texts; content: InspectionContent; role: Role };

export const kindLabel = (ctx: Pick<InspectionCtx, "content">, id: string | null): string =>
  ctx.content.kinds.find((k) => k.id === id)?.label ?? id ?? "";

export const documentLabel = (ctx: Pick<InspectionCtx, "content">, id: string): string =>
  ctx.content.documents.find((d) => d.id === id)?.label ?? id;

/** Where the inspection took place, for people: the label a channel gave, or the coordinates. */
export function locationText(texts: Texts, location: SiteLocation | null): string {
  if (!location) return texts.t("inspection.none");
  const at = `${location.latitude.toFixed(5)},${location.longitude.toFixed(5)}`;
  return location.label ? `${location.label}（${at}）` : at;
}

/** How long a finding may take, for people: 「3 天」, or 「24 小时」 for imminent danger. */
export function limitText(
  texts: Texts,
  rule: { deadlineDays: number; deadlineHours: number | null },
): string {
  return rule.deadlineHours !== null
    ? texts.t("inspection.limit_hours", { hours: rule.deadlineHours })
    : texts.t("inspection.limit_days", { days: rule.deadlineDays });
}

/** A numbered list the person picks several from; picked lines carry a mark. */
function pickList(
  texts: Texts,
  items: readonly { label: string; picked: boolean }[],
  idOf: (index: number) => string,
): { lines: string; choices: Choice[] } {
  const mark = texts.t("inspection.selected_mark");
  const lines = items
    .map((it, i) =>
      texts.t("inspection.option_line", { index: i + 1, label: it.label, mark: it.picked ? mark : "" }),
    )
    .join("\n");
  const choices = [
    ...items.map((it, i) => ({ id: idOf(i + 1), label: it.picked ? `${it.label}${mark}` : it.label })),
    { id: "done", label: texts.word("done") },
  ];
  return { lines, choices };
}

/** The team as one line: members with their roles, then the outside people and the total. */
export function teamText(
  texts: Texts,
  team: readonly { name: string; role: Role; lead?: boolean }[],
  outsideExperts: number,
  outsideStaff: number,
): string {
  const members = team.map((m) =>
    texts.t("inspection.member", {
      name: m.name,
      role: `${texts.label("role", m.role)}${m.lead ? texts.t("inspection.lead_mark") : ""}`,
    }),
  );
  return texts.t("inspection.team_summary", {
    members: members.join("、") || texts.t("inspection.none"),
    experts: outsideExperts,
    staff: outsideStaff,
    total: team.length + outsideExperts + outsideStaff,
  });
}

/** Documents and measures as one line each (none: 无). */
export function outcomeTexts(
  ctx: Pick<InspectionCtx, "texts" | "content">,
  documents: readonly string[],
  measures: readonly { kind: keyof InspectionContent["measures"]; amountFen: number | null }[],
): { documents: string; measures: string } {
  const { texts, content } = ctx;
  const none = texts.t("inspection.none");
  return {
    documents: documents.join("、") || none,
    measures:
      measures
        .map((m) =>
          m.kind === "fine" && m.amountFen !== null
            ? texts.t("inspection.measure_fine", {
                label: content.measures.fine,
                amount: formatYuan(m.amountFen),
              })
            : content.measures[m.kind],
        )
        .join("、") || none,
  };
}

function summary(ctx: InspectionCtx, s: InspectionState): string {
  const { texts } = ctx;
  const team = [
    { name: texts.t("inspection.me"), role: ctx.role, lead: true },
    ...s.people.filter((p) => s.memberIds.includes(p.id)),
  ];
  const onSpot = s.findings.filter((f) => f.onSpot).length;
  const outcome = outcomeTexts(
    ctx,
    s.documents.map((d) => documentLabel(ctx, d)),
    s.measures.map((kind) => ({ kind, amountFen: kind === "fine" ? s.fineFen : null })),
  );
  return texts.t("inspection.confirm", {
    kind: kindLabel(ctx, s.kind),
    enterprise: s.enterprise?.name ?? "",
    team: teamText(texts, team, s.outsideExperts, s.outsideStaff),
    location: locationText(texts, s.location),
    findings: texts.t("inspection.findings_summary", { count: s.findings.length, onSpot }),
    documents: outcome.documents,
    measures: outcome.measures,
    note: s.note ?? texts.t("inspection.none"),
  });
}

/** What the person is asked now. */
export function inspectionPrompt(ctx: InspectionCtx, s: InspectionState): OutboundMessage {
  const { texts, content } = ctx;
  const index = s.findings.length + 1;
  switch (s.stage) {
    case "kind":
      return {
        text: texts.t("inspection.choose_kind", {
          lines: content.kinds
            .map((k, i) => texts.t("inspection.option_line", { index: i + 1, label: k.label, mark: "" }))
            .join("\n"),
        }),
        expects: "choice",
        choices: content.kinds.map((k) => ({ id: `kind:${k.id}`, label: k.label })),
      };
    case "enterprise":
      return {
        text: texts.t("inspection.choose_enterprise", {
          lines: s.candidates
            .map((c, i) => texts.t("inspection.option_line", { index: i + 1, label: c.name, mark: "" }))
            .join("\n"),
        }),
        expects: "choice",
        choices: s.candidates.map((c, i) => ({ id: `ent:${i + 1}`, label: c.name })),
      };
    case "team": {
      const list = pickList(
        texts,
        s.people.map((p) => ({
          label: texts.t("inspection.member", { name: p.name, role: texts.label("role", p.role) }),
          picked: s.memberIds.includes(p.id),
        })),
        (i) => `member:${i}`,
      );
      return {
        text: texts.t("inspection.choose_team", { enterprise: s.enterprise?.name ?? "", lines: list.lines }),
        expects: "choice",
        choices: list.choices,
      };
    }
    case "outside_experts":
      return { text: texts.t("inspection.ask_outside_experts"), expects: "number" };
    case "outside_staff":
      return { text: texts.t("inspection.ask_outside_staff"), expects: "number" };
    case "findings": {
      const { photoIds, description } = s.draft;
      if (photoIds.length === 0 && description === null)
        return {
          text: `${texts.t("inspection.ask_finding", { index })}\n${content.checklist.hint}`,
          expects: "photo",
        };
      return {
        text: texts.t("inspection.finding_draft", {
          index,
          count: photoIds.length,
          description: description ?? texts.t("inspection.none"),
        }),
        expects: "choice",
        choices: [
          { id: "on_spot", label: texts.t("inspection.on_spot_label") },
          { id: "deadline", label: texts.t("inspection.deadline_label") },
        ],
      };
    }
    case "checklist":
      // The question itself needs the checklist (content the flow does not hold): the use case
      // asks it (`inspectionChecklistPrompt`); this is what is said without it.
      return {
        text: fillTemplate(content.checklist.in_progress, { title: s.checklist?.id ?? "" }),
        expects: "text",
      };
    case "after_photo":
      return {
        text: texts.t("inspection.ask_after_photo"),
        expects: "photo",
        choices: [{ id: "deadline", label: texts.t("inspection.deadline_label") }],
      };
    case "deadline":
      return {
        text: texts.t("inspection.ask_deadline", {
          limit: s.pending ? limitText(texts, s.pending.classification) : "",
        }),
        expects: "number",
      };
    case "documents": {
      const list = pickList(
        texts,
        content.documents.map((d) => ({ label: d.label, picked: s.documents.includes(d.id) })),
        (i) => `doc:${i}`,
      );
      return {
        text: texts.t("inspection.choose_documents", { lines: list.lines }),
        expects: "choice",
        choices: list.choices,
      };
    }
    case "measures": {
      const list = pickList(
        texts,
        MeasureKinds.map((k) => ({ label: content.measures[k], picked: s.measures.includes(k) })),
        (i) => `measure:${i}`,
      );
      return {
        text: texts.t("inspection.choose_measures", { lines: list.lines }),
        expects: "choice",
        choices: list.choices,
      };
    }
    case "fine":
      return { text: texts.t("inspection.ask_fine"), expects: "number" };
    case "note":
      return { text: texts.t("inspection.ask_note"), expects: "text" };
    case "confirm":
      return {
        text: summary(ctx, s),
        expects: "choice",
        choices: [
          { id: "submit", label: texts.word("submit") },
          { id: "cancel", label: texts.word("cancel") },
        ],
      };
  }
}
