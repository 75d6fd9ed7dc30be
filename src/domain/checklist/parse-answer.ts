import type { Choice } from "../messages.ts";
import type { Texts } from "../texts.ts";
import type { AnswerValue } from "./answer.ts";
import type { LeafQuestion } from "./checklist.ts";

/** The options a choice question offers, yes/no ones included, as buttons. */
export function choicesOf(q: LeafQuestion, texts: Texts): Choice[] {
  if (q.kind === "yes_no") {
    const a = texts.file.answers;
    const list: Choice[] = [
      { id: "yes", label: a.yes[0] ?? "yes" },
      { id: "no", label: a.no[0] ?? "no" },
    ];
    if (q.allowNotApplicable) list.push({ id: "na", label: a.not_applicable[0] ?? "na" });
    return list;
  }
  return q.options ?? [];
}

export type ParseResult = { ok: true; value: AnswerValue } | { ok: false; error: string };

const FULL_WIDTH_DIGITS = /[０-９．－]/g;
const toHalfWidth = (s: string) =>
  s.replace(FULL_WIDTH_DIGITS, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));

function numbered(choices: Choice[]): string {
  return choices.map((c, i) => `${i + 1}.${c.label}`).join("  ");
}

/** One option from a pressed button id, an option number, its label, or a yes/no synonym. */
function matchChoice(q: LeafQuestion, choices: Choice[], input: string, texts: Texts): Choice | undefined {
  const s = toHalfWidth(input.trim()).toLowerCase();
  const byNumber = /^\d+$/.test(s) ? choices[Number(s) - 1] : undefined;
  if (byNumber) return byNumber;
  const byLabel = choices.find((c) => c.label.toLowerCase() === s || c.id === s);
  if (byLabel) return byLabel;
  const a = texts.file.answers;
  // "无" answers a list question whose "nothing found" option has the id `none`.
  if (q.kind !== "yes_no")
    return a.no.some((w) => w.toLowerCase() === s) ? choices.find((c) => c.id === "none") : undefined;
  const synonyms: [string, string[]][] = [
    ["yes", a.yes],
    ["no", a.no],
    ["na", q.allowNotApplicable ? a.not_applicable : []],
  ];
  const id = synonyms.find(([, words]) => words.some((w) => w.toLowerCase() === s))?.[0];
  return choices.find((c) => c.id === id);
}

function rangeText(q: LeafQuestion): string {
  if (q.min !== undefined && q.max !== undefined) return ` ${q.min}～${q.max} `;
  if (q.min !== undefined) return ` ≥${q.min} `;
  if (q.max !== undefined) return ` ≤${q.max} `;
  return "";
}

/**
 * Reads a person's reply to a question. A reply that does not fit is an error value whose
 * message repeats what is allowed, so the bot can re-ask at once.
 */
export function parseAnswer(
  q: LeafQuestion,
  input: { text?: string; choiceId?: string },
  texts: Texts,
): ParseResult {
  const raw = (input.choiceId ?? input.text ?? "").trim();
  const choices = choicesOf(q, texts);
  switch (q.kind) {
    case "yes_no":
    case "single": {
      const c = matchChoice(q, choices, raw, texts);
      if (c) return { ok: true, value: { kind: "choice", id: c.id } };
      return {
        ok: false,
        error: texts.t("selfcheck.invalid_choice", { input: raw, options: numbered(choices) }),
      };
    }
    case "multi": {
      const tokens = raw.split(/[,，、;；\s]+/).filter(Boolean);
      const picked = tokens.map((t) => matchChoice(q, choices, t, texts));
      const ids = [...new Set(picked.map((c) => c?.id))];
      if (tokens.length > 0 && ids.every((id): id is string => id !== undefined))
        return { ok: true, value: { kind: "choices", ids } };
      return {
        ok: false,
        error: texts.t("selfcheck.invalid_multi", { input: raw, options: numbered(choices) }),
      };
    }
    case "number": {
      const s = toHalfWidth(raw)
        .replace(q.unit ?? "\u0000", "")
        .trim();
      const value = /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : Number.NaN;
      const fits =
        Number.isFinite(value) &&
        (!q.integer || Number.isInteger(value)) &&
        (q.min === undefined || value >= q.min) &&
        (q.max === undefined || value <= q.max);
      if (fits) return { ok: true, value: { kind: "number", value } };
      return {
        ok: false,
        error: texts.t("selfcheck.invalid_number", { input: raw, range: rangeText(q), unit: q.unit ?? "" }),
      };
    }
    case "text": {
      const max = q.maxLength ?? 500;
      if (raw.length > 0 && raw.length <= max) return { ok: true, value: { kind: "text", value: raw } };
      return { ok: false, error: texts.t("selfcheck.invalid_text", { max }) };
    }
    case "photo":
      return { ok: false, error: texts.t("selfcheck.photo_expected") };
  }
}

/** How an answer reads in a summary. */
export function describeAnswer(q: LeafQuestion, a: AnswerValue, texts: Texts): string {
  const label = (id: string) => choicesOf(q, texts).find((c) => c.id === id)?.label ?? id;
  switch (a.kind) {
    case "choice":
      return label(a.id);
    case "choices":
      return a.ids.map(label).join("、");
    case "number":
      return `${a.value}${q.unit ?? ""}`;
    case "text":
      return a.value;
    case "photos":
      return texts.t("answer.photos", { count: a.attachmentIds.length });
    case "skipped":
      return texts.t("answer.skipped");
  }
}

export { rangeText };
