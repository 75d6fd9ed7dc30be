import type { Role } from "../people/role.ts";
import { stepFindings } from "./inspection-findings.ts";
import { parseWholeNumber, toHalfWidth } from "./inspection-input.ts";
import { stepOutcome } from "./inspection-outcome.ts";
import { type InspectionCtx, kindLabel, locationText } from "./inspection-prompts.ts";
import { emptyInspection, type InspectionStage, type InspectionState } from "./inspection-state.ts";
import {
  ask,
  type InspectionEffect,
  type InspectionInput,
  type InspectionStep,
  picked,
  toggle,
} from "./inspection-step.ts";

type Ref = { id: string; name: string };
/** Someone who may join the team: the people of the enterprise's area. */
export type TeamCandidate = Ref & { role: Role };

/** What looking up an enterprise by name gave. */
export type EnterpriseLookup =
  | { kind: "found"; enterprise: Ref; people: TeamCandidate[] }
  | { kind: "several"; candidates: Ref[] }
  | { kind: "none"; query: string }
  | { kind: "outside"; name: string };

const MAX_COUNT = 99;

/** Moves past the team question when there is nobody to pick. */
function afterEnterprise(s: InspectionState, enterprise: Ref, people: TeamCandidate[]): InspectionState {
  return { ...s, enterprise, people, memberIds: [], stage: people.length > 0 ? "team" : "outside_experts" };
}

/**
 * Starts an inspection: the kind is asked first. `preset` is the enterprise of a scanned QR code
 * (already checked against the inspector's scope); otherwise `candidates` are the first
 * enterprises of the scope to pick from.
 */
export function beginInspection(
  ctx: InspectionCtx,
  startedAt: Date,
  start: { preset: { enterprise: Ref; people: TeamCandidate[] } | null; candidates: Ref[] },
): InspectionStep {
  const empty = emptyInspection(startedAt);
  const s: InspectionState = start.preset
    ? { ...empty, enterprise: start.preset.enterprise, people: start.preset.people }
    : { ...empty, candidates: start.candidates };
  const intro = start.preset
    ? ctx.texts.t("inspection.start_for", { enterprise: start.preset.enterprise.name })
    : ctx.texts.t("inspection.start");
  return ask(ctx, s, intro);
}

/** The answer to an enterprise lookup the flow asked for. */
export function enterpriseFound(
  ctx: InspectionCtx,
  s: InspectionState,
  found: EnterpriseLookup,
): InspectionStep {
  const { texts } = ctx;
  switch (found.kind) {
    case "found":
      return ask(ctx, afterEnterprise(s, found.enterprise, found.people));
    case "several":
      return ask(ctx, { ...s, candidates: found.candidates });
    case "none":
      return ask(ctx, s, texts.t("inspection.no_match", { query: found.query }));
    case "outside":
      return ask(ctx, s, texts.t("inspection.out_of_scope", { enterprise: found.name }));
  }
}

/** Stages after the findings: a photo sent there is a forgotten finding, so the flow goes back to it. */
const AFTER_FINDINGS: readonly InspectionStage[] = ["documents", "measures", "fine", "note", "confirm"];

/** One step of the inspection conversation. */
export function stepInspection(
  ctx: InspectionCtx,
  s: InspectionState,
  input: InspectionInput,
): InspectionStep {
  const { texts } = ctx;
  if (input.command === "cancel") return { state: s, replies: [], effects: [{ type: "cancel" }] };
  if (input.location)
    return ask(
      ctx,
      { ...s, location: input.location },
      texts.t("inspection.location_saved", {
        location: locationText(texts, input.location),
      }),
    );
  const text = input.command ? undefined : input.text?.trim() || undefined;
  const photos = input.photoIds;

  // Photos before the findings are kept for the first finding; after them they open another one.
  if (photos.length && !["findings", "after_photo", "deadline"].includes(s.stage)) {
    const draft = { ...s.draft, photoIds: [...s.draft.photoIds, ...photos] };
    if (AFTER_FINDINGS.includes(s.stage)) return ask(ctx, { ...s, draft, stage: "findings" });
    return ask(ctx, { ...s, draft }, texts.t("inspection.photos_kept", { count: draft.photoIds.length }));
  }

  switch (s.stage) {
    case "kind": {
      const id = /^kind:(.+)$/.exec(input.choiceId ?? "")?.[1];
      const kind = ctx.content.kinds.find((k) => k.id === id || (text !== undefined && k.label === text));
      if (!kind) return ask(ctx, s);
      if (kind.startedBy && !(kind.startedBy as readonly Role[]).includes(ctx.role))
        return ask(
          ctx,
          s,
          texts.t("inspection.kind_not_allowed", {
            kind: kind.label,
            roles: kind.startedBy.map((r) => texts.label("role", r)).join("、"),
            role: texts.label("role", ctx.role),
          }),
        );
      const next: InspectionState = { ...s, kind: kind.id };
      if (s.enterprise) return ask(ctx, afterEnterprise(next, s.enterprise, s.people));
      return ask(ctx, { ...next, stage: "enterprise" });
    }
    case "enterprise": {
      if (!text) return ask(ctx, s);
      const digits = toHalfWidth(text);
      const chosen = /^\d+$/.test(digits) ? s.candidates[Number(digits) - 1] : undefined;
      const effect: InspectionEffect = chosen
        ? { type: "find_enterprise", by: "id", value: chosen.id }
        : { type: "find_enterprise", by: "name", value: text };
      return { state: s, replies: [], effects: [effect] };
    }
    case "team": {
      if (input.command === "done") return ask(ctx, { ...s, stage: "outside_experts" });
      if (input.command === "skip") return ask(ctx, { ...s, memberIds: [], stage: "outside_experts" });
      const positions = picked(input, "member");
      const ids = s.people.map((p) => p.id);
      if (positions) {
        const memberIds = toggle(s.memberIds, ids, positions);
        return memberIds ? ask(ctx, { ...s, memberIds }) : ask(ctx, s, texts.t("inspection.bad_index"));
      }
      const named = text ? s.people.filter((p) => p.name.includes(text)) : [];
      if (named.length === 1 && named[0])
        return ask(ctx, {
          ...s,
          memberIds: toggle(s.memberIds, ids, [ids.indexOf(named[0].id) + 1]) ?? s.memberIds,
        });
      return ask(ctx, s, text ? texts.t("inspection.no_person", { query: text }) : "");
    }
    case "outside_experts":
    case "outside_staff": {
      const count = input.command === "skip" ? 0 : text ? parseWholeNumber(text) : null;
      if (count === null || count > MAX_COUNT)
        return ask(ctx, s, texts.t("inspection.count_invalid", { max: MAX_COUNT }));
      return s.stage === "outside_experts"
        ? ask(ctx, { ...s, outsideExperts: count, stage: "outside_staff" })
        : ask(ctx, { ...s, outsideStaff: count, stage: "findings" });
    }
    case "findings":
    case "after_photo":
    case "deadline":
      return stepFindings(ctx, s, input, text);
    case "checklist":
      // Run by `stepInspectionChecklist`, which has the checklist; nothing to do without it.
      return ask(ctx, s);
    case "documents":
    case "measures":
    case "fine":
    case "note":
    case "confirm":
      return stepOutcome(ctx, s, input, text);
  }
}

/** The kind's label and the enterprise, for 「继续进行中的检查」. */
export function inspectionHeading(ctx: InspectionCtx, s: InspectionState): string {
  return [kindLabel(ctx, s.kind), s.enterprise?.name].filter(Boolean).join("，");
}
