import { z } from "zod";
import { addDays, toShanghaiDate } from "../calendar/local-date.ts";
import type { OutboundMessage } from "../messages.ts";
import type { CommandKey, Texts } from "../texts.ts";
import { formatDeadline } from "./deadline.ts";
import { readTimeLimit } from "./time-limit.ts";
import { PlanParts, type TreatmentPlan } from "./treatment-plan.ts";

/**
 * 整改 in chat: for a major hazard without a plan, the six plan parts one by one (the 治理时限 must
 * read as a date or a span: it becomes the ticket's deadline); then what was done; then photos of
 * the fixed site until 完成; then 提交.
 */
export const RectificationStateSchema = z.object({
  flow: z.literal("rectification"),
  ticketId: z.string(),
  number: z.string(),
  title: z.string(),
  stage: z.enum(["plan", "description", "photos", "confirm"]),
  plan: z.record(z.string(), z.string()),
  /** The deadline read from the plan's 治理时限, as an ISO instant, once answered. */
  planDeadline: z.string().nullable().optional(),
  description: z.string().nullable(),
  photoIds: z.array(z.string()),
  minPhotos: z.number().int(),
});
export type RectificationState = z.infer<typeof RectificationStateSchema>;

/** A photo as the flow sees it; `sameAsBefore` when its bytes equal one of the hazard's own photos. */
export type EvidencePhoto = { id: string; sameAsBefore: boolean };

export type RectificationInput = {
  text?: string;
  command?: CommandKey;
  photos: EvidencePhoto[];
  /** The clock, to read a 治理时限 such as 「30天内」. */
  now: Date;
};

export type RectificationEffect =
  /** `deadline`: the 治理时限 read as an ISO instant (null only for a plan begun before it was read). */
  | { type: "plan_complete"; plan: TreatmentPlan; deadline: string | null }
  | { type: "submit"; description: string; photoIds: string[] }
  | { type: "cancel" };

export type RectificationStep = {
  state: RectificationState;
  replies: OutboundMessage[];
  effects: RectificationEffect[];
};

const say = (text: string, expects: OutboundMessage["expects"] = "text"): OutboundMessage => ({
  text,
  expects,
});

function nextPlanPart(state: RectificationState): number {
  return PlanParts.findIndex((p) => !state.plan[p]);
}

/** What the person is asked at the current stage. */
export function rectificationPrompt(texts: Texts, s: RectificationState): OutboundMessage {
  switch (s.stage) {
    case "plan": {
      const i = nextPlanPart(s);
      return say(
        texts.t("rectify.plan_part", { index: i + 1, part: texts.label("plan", PlanParts[i] ?? "goal") }),
      );
    }
    case "description":
      return say(texts.t("rectify.ask_description", { number: s.number, title: s.title }));
    case "photos":
      return say(texts.t("rectify.ask_photos", { min: s.minPhotos }), "photo");
    case "confirm":
      return {
        text: texts.t("rectify.confirm", {
          number: s.number,
          title: s.title,
          description: s.description ?? "",
          count: s.photoIds.length,
        }),
        expects: "choice",
        choices: [
          { id: "submit", label: texts.word("submit") },
          { id: "cancel", label: texts.word("cancel") },
        ],
      };
  }
}

/** Starts a rectification; a major hazard without a plan begins with the plan. */
export function beginRectification(
  texts: Texts,
  t: { ticketId: string; number: string; title: string; needsPlan: boolean; minPhotos: number },
): RectificationStep {
  const state: RectificationState = {
    flow: "rectification",
    ticketId: t.ticketId,
    number: t.number,
    title: t.title,
    stage: t.needsPlan ? "plan" : "description",
    plan: {},
    description: null,
    photoIds: [],
    minPhotos: t.minPhotos,
  };
  const intro = t.needsPlan ? [say(texts.t("rectify.plan_intro", { number: t.number }), "none")] : [];
  return { state, replies: [...intro, rectificationPrompt(texts, state)], effects: [] };
}

/** One step of the rectification conversation. */
export function stepRectification(
  texts: Texts,
  s: RectificationState,
  input: RectificationInput,
): RectificationStep {
  const stay = (note?: string): RectificationStep => ({
    state: s,
    replies: [
      note
        ? { ...rectificationPrompt(texts, s), text: `${note}\n${rectificationPrompt(texts, s).text}` }
        : rectificationPrompt(texts, s),
    ],
    effects: [],
  });
  const move = (
    next: RectificationState,
    effects: RectificationEffect[] = [],
    before: OutboundMessage[] = [],
  ): RectificationStep => ({
    state: next,
    replies: [...before, rectificationPrompt(texts, next)],
    effects,
  });
  if (input.command === "cancel") return { state: s, replies: [], effects: [{ type: "cancel" }] };
  const text = input.command ? undefined : input.text?.trim();
  // Evidence is kept whenever it arrives (a photo with a caption, one more at the confirmation).
  if (s.stage !== "plan" && s.stage !== "photos" && input.photos.length > 0) {
    const taken = takePhotos(texts, s, input.photos);
    const next =
      text && s.stage === "description"
        ? { ...taken.state, description: text, stage: "photos" as const }
        : taken.state;
    return move(next, [], [say(taken.note, "none")]);
  }

  switch (s.stage) {
    case "plan": {
      if (!text) return stay(texts.t("rectify.text_expected"));
      const part = PlanParts[nextPlanPart(s)];
      if (!part) return move({ ...s, stage: "description" });
      let planDeadline = s.planDeadline ?? null;
      if (part === "timeLimit") {
        const deadline = readTimeLimit(text, input.now);
        if (!deadline)
          return stay(
            texts.t("rectify.time_limit_unreadable", {
              answer: text,
              example: addDays(toShanghaiDate(input.now), 30),
            }),
          );
        planDeadline = deadline.toISOString();
      }
      const plan = { ...s.plan, [part]: text };
      const next = { ...s, plan, planDeadline };
      if (nextPlanPart(next) >= 0) return move(next);
      const saved = planDeadline
        ? texts.t("rectify.plan_saved", { deadline: formatDeadline(new Date(planDeadline)) })
        : texts.t("rectify.plan_saved_as_is");
      return move(
        { ...next, stage: "description" },
        [{ type: "plan_complete", plan: plan as TreatmentPlan, deadline: planDeadline }],
        [say(saved, "none")],
      );
    }
    case "description":
      if (!text) return stay(texts.t("rectify.text_expected"));
      return move({ ...s, description: text, stage: "photos" });
    case "photos": {
      if (input.photos.length > 0) {
        const taken = takePhotos(texts, s, input.photos);
        return { state: taken.state, replies: [say(taken.note, "photo")], effects: [] };
      }
      if (input.command === "done" || input.command === "submit") {
        if (s.photoIds.length < s.minPhotos)
          return stay(texts.t("rectify.photos_needed", { min: s.minPhotos, count: s.photoIds.length }));
        return move({ ...s, stage: "confirm" });
      }
      return stay();
    }
    case "confirm":
      if (input.command === "submit")
        return {
          state: s,
          replies: [],
          effects: [{ type: "submit", description: s.description ?? "", photoIds: s.photoIds }],
        };
      return stay();
  }
}

/** Adds the photos that are not the hazard's own, and says what was taken and what refused. */
function takePhotos(
  texts: Texts,
  s: RectificationState,
  photos: readonly EvidencePhoto[],
): { state: RectificationState; note: string } {
  const accepted = photos.filter((p) => !p.sameAsBefore).map((p) => p.id);
  const refused = photos.length - accepted.length;
  const state = { ...s, photoIds: [...s.photoIds, ...accepted] };
  const lines = [
    ...(refused ? [texts.t("rectify.photo_same_as_before")] : []),
    ...(accepted.length ? [texts.t("rectify.photo_received", { count: state.photoIds.length })] : []),
  ];
  return { state, note: lines.join("\n") };
}
