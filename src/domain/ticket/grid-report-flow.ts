import { z } from "zod";
import type { OutboundMessage } from "../messages.ts";
import type { CommandKey, Texts } from "../texts.ts";

/**
 * 随手拍: a grid worker sends photos and a description in either order, picks the enterprise
 * from their grids (by number or by part of its name), may add a location, and confirms.
 */
export const GridReportStateSchema = z.object({
  flow: z.literal("grid_report"),
  stage: z.enum(["collect", "enterprise", "location", "confirm"]),
  photoIds: z.array(z.string()),
  description: z.string().nullable(),
  /** The numbered list last shown, so "2" means what the person saw. */
  candidates: z.array(z.object({ id: z.string(), name: z.string() })),
  enterprise: z.object({ id: z.string(), name: z.string() }).nullable(),
  location: z.string().nullable(),
});
export type GridReportState = z.infer<typeof GridReportStateSchema>;

export type GridReportInput = { text?: string; command?: CommandKey; photoIds: string[] };
export type GridReportEffect = { type: "submit" } | { type: "cancel" };
export type GridReportStep = {
  state: GridReportState;
  replies: OutboundMessage[];
  effects: GridReportEffect[];
};

type Ctx = { texts: Texts; enterprises: readonly { id: string; name: string }[] };

const LIST_LIMIT = 15;

function listPrompt(texts: Texts, candidates: GridReportState["candidates"]): OutboundMessage {
  const lines = candidates
    .map((c, i) => texts.t("report.enterprise_line", { index: i + 1, name: c.name }))
    .join("\n");
  return {
    text: texts.t("report.choose_enterprise", { lines }),
    expects: "choice",
    choices: candidates.map((c, i) => ({ id: `ent:${i + 1}`, label: c.name })),
  };
}

/** What the person is asked now. */
export function gridReportPrompt({ texts }: Ctx, s: GridReportState): OutboundMessage {
  switch (s.stage) {
    case "collect":
      if (s.photoIds.length === 0) return { text: texts.t("report.need_photo"), expects: "photo" };
      return { text: texts.t("report.need_description"), expects: "text" };
    case "enterprise":
      return listPrompt(texts, s.candidates);
    case "location":
      return { text: texts.t("report.ask_location"), expects: "text" };
    case "confirm":
      return {
        text: texts.t("report.confirm", {
          enterprise: s.enterprise?.name ?? "",
          description: s.description ?? "",
          location: s.location ?? "—",
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

/** Starts a report, possibly with the photos or text that started it. */
export function beginGridReport(ctx: Ctx, first: GridReportInput): GridReportStep {
  const empty: GridReportState = {
    flow: "grid_report",
    stage: "collect",
    photoIds: [],
    description: null,
    candidates: [],
    enterprise: null,
    location: null,
  };
  if (first.photoIds.length === 0 && !first.text) {
    return { state: empty, replies: [{ text: ctx.texts.t("report.start"), expects: "photo" }], effects: [] };
  }
  return stepGridReport(ctx, empty, first);
}

function afterCollect(ctx: Ctx, s: GridReportState, notes: string[]): GridReportStep {
  const ready = s.photoIds.length > 0 && s.description !== null;
  const next: GridReportState = ready
    ? { ...s, stage: "enterprise", candidates: ctx.enterprises.slice(0, LIST_LIMIT) }
    : s;
  const prompt = gridReportPrompt(ctx, next);
  return { state: next, replies: [{ ...prompt, text: [...notes, prompt.text].join("\n") }], effects: [] };
}

/** One step of the report conversation. */
export function stepGridReport(ctx: Ctx, s: GridReportState, input: GridReportInput): GridReportStep {
  const { texts } = ctx;
  if (input.command === "cancel") return { state: s, replies: [], effects: [{ type: "cancel" }] };
  const text = input.command && input.command !== "skip" ? undefined : input.text?.trim();
  const reprompt = (note?: string): GridReportStep => {
    const p = gridReportPrompt(ctx, s);
    return { state: s, replies: [{ ...p, text: note ? `${note}\n${p.text}` : p.text }], effects: [] };
  };

  switch (s.stage) {
    case "collect": {
      const notes: string[] = [];
      let next = s;
      if (input.photoIds.length) {
        next = { ...next, photoIds: [...next.photoIds, ...input.photoIds] };
        notes.push(texts.t("report.photo_received", { count: next.photoIds.length }));
      }
      if (text) {
        next = { ...next, description: text };
        notes.push(texts.t("report.description_saved", { description: text }));
      }
      if (ctx.enterprises.length === 0 && next.photoIds.length && next.description)
        return {
          state: next,
          replies: [{ text: texts.t("report.no_enterprises"), expects: "none" }],
          effects: [],
        };
      return afterCollect(ctx, next, notes);
    }
    case "enterprise": {
      if (input.photoIds.length)
        return afterCollect(ctx, { ...s, photoIds: [...s.photoIds, ...input.photoIds] }, []);
      if (!text) return reprompt();
      const digits = toHalfWidthDigits(text);
      const n = /^\d+$/.test(digits) ? Number(digits) : Number.NaN;
      const byNumber = s.candidates[n - 1];
      const matches = byNumber ? [byNumber] : ctx.enterprises.filter((e) => e.name.includes(text));
      if (matches.length === 1 && matches[0]) {
        const next: GridReportState = { ...s, enterprise: matches[0], stage: "location" };
        return { state: next, replies: [gridReportPrompt(ctx, next)], effects: [] };
      }
      if (matches.length === 0) return reprompt(texts.t("report.no_match", { query: text }));
      const next = { ...s, candidates: matches.slice(0, LIST_LIMIT) };
      return { state: next, replies: [gridReportPrompt(ctx, next)], effects: [] };
    }
    case "location": {
      // A photo here is more evidence; the location is its caption, or is still asked for.
      const withPhotos = input.photoIds.length ? { ...s, photoIds: [...s.photoIds, ...input.photoIds] } : s;
      if (input.command !== "skip" && !text) {
        const note = texts.t("report.photo_received", { count: withPhotos.photoIds.length });
        const p = gridReportPrompt(ctx, withPhotos);
        return {
          state: withPhotos,
          replies: [{ ...p, text: input.photoIds.length ? `${note}\n${p.text}` : p.text }],
          effects: [],
        };
      }
      const next: GridReportState = {
        ...withPhotos,
        location: input.command === "skip" ? null : (text ?? null),
        stage: "confirm",
      };
      return { state: next, replies: [gridReportPrompt(ctx, next)], effects: [] };
    }
    case "confirm":
      if (input.photoIds.length) {
        const next = { ...s, photoIds: [...s.photoIds, ...input.photoIds] };
        return { state: next, replies: [gridReportPrompt(ctx, next)], effects: [] };
      }
      if (input.command === "submit") return { state: s, replies: [], effects: [{ type: "submit" }] };
      return reprompt();
  }
}

/** Full-width digits (０-９, as Chinese keyboards type them) as ASCII digits. */
function toHalfWidthDigits(text: string): string {
  return text.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}
