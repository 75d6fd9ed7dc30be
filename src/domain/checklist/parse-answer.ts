import type { Choice } from "../messages.ts";
import type { Texts } from "../texts.ts";
import type { AnswerValue } from "./answer.ts";
import type { LeafQuestion } from "./checklist.ts";
import { parseChineseNumber } from "./chinese-number.ts";

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

/** Punctuation around a short chat reply (是的。 对！ 没有~). */
const EDGE_PUNCTUATION = /^[\s。．.，,！!？?~～、…]+|[\s。．.，,！!？?~～、…]+$/g;
/** Particles that end a spoken yes or no without changing it: 是的, 对啊, 没有呢, 有的. */
const TRAILING_PARTICLES = /[的了啊呀哦吧呢嘛哈]+$/;

/** A reply as a yes/no word: edge punctuation and trailing particles off (是的。 → 是, 没有的 → 没有). */
function spokenWord(input: string): string {
  const s = input.replace(EDGE_PUNCTUATION, "").toLowerCase();
  const bare = s.replace(TRAILING_PARTICLES, "");
  return bare.length > 0 ? bare : s;
}

/** One option from a pressed button id, an option number, its label, or a yes/no synonym. */
function matchChoice(q: LeafQuestion, choices: Choice[], input: string, texts: Texts): Choice | undefined {
  const s = toHalfWidth(input.trim()).toLowerCase();
  const byNumber = /^\d+$/.test(s) ? choices[Number(s) - 1] : undefined;
  if (byNumber) return byNumber;
  const byLabel = choices.find((c) => c.label.toLowerCase() === s || c.id === s);
  if (byLabel) return byLabel;
  const a = texts.file.answers;
  const said = spokenWord(s);
  const is = (words: readonly string[]) =>
    words.some((w) => w.toLowerCase() === s || w.toLowerCase() === said);
  // "无" answers a list question whose "nothing found" option has the id `none`.
  if (q.kind !== "yes_no") return is(a.no) ? choices.find((c) => c.id === "none") : undefined;
  const synonyms: [string, readonly string[]][] = [
    ["yes", a.yes],
    ["no", a.no],
    ["na", q.allowNotApplicable ? a.not_applicable : []],
  ];
  const id = synonyms.find(([, words]) => is(words))?.[0];
  return choices.find((c) => c.id === id);
}

/** Measure words people put after a count (3个, 两名, 五位); the question's own unit is removed too. */
const MEASURE_WORDS = /(个|名|位|人|台|辆|次|处|家|只|根|条|具|套|瓶)$/;

/** A number from digits (full-width too) or Chinese numerals, with the unit or a measure word after it. */
function readNumber(raw: string, unit: string | undefined): number {
  const s = toHalfWidth(raw).replace(EDGE_PUNCTUATION, "");
  const withoutUnit = unit && s.endsWith(unit) ? s.slice(0, -unit.length).trim() : s;
  for (const candidate of [withoutUnit, withoutUnit.replace(MEASURE_WORDS, "").trim()]) {
    if (/^-?\d+(\.\d+)?$/.test(candidate)) return Number(candidate);
    const chinese = parseChineseNumber(candidate);
    if (chinese !== null) return chinese;
  }
  return Number.NaN;
}

/**
 * What a number question accepts, as a phrase to follow 请回复: e.g. ` 0～50 之间的整数（单位：人）`.
 * The unit is a separate clause, so it never runs into the sentence (no 「的数字人」).
 */
export function numberExpectation(q: LeafQuestion, texts: Texts): string {
  const kind = texts.t(q.integer ? "selfcheck.number_integer" : "selfcheck.number_decimal");
  const range =
    q.min !== undefined && q.max !== undefined
      ? texts.t("selfcheck.number_between", { min: q.min, max: q.max, kind })
      : q.min !== undefined
        ? texts.t("selfcheck.number_at_least", { min: q.min, kind })
        : q.max !== undefined
          ? texts.t("selfcheck.number_at_most", { max: q.max, kind })
          : kind;
  return q.unit ? `${range}${texts.t("selfcheck.number_unit", { unit: q.unit })}` : range;
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
  // A pressed button names an option; it is never a typed answer to a text or number question
  // (the id of another question's option would be recorded as what the person wrote).
  const pressed = input.choiceId !== undefined;
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
      const value = pressed ? Number.NaN : readNumber(raw, q.unit);
      const fits =
        Number.isFinite(value) &&
        (!q.integer || Number.isInteger(value)) &&
        (q.min === undefined || value >= q.min) &&
        (q.max === undefined || value <= q.max);
      if (fits) return { ok: true, value: { kind: "number", value } };
      return {
        ok: false,
        error: texts.t("selfcheck.invalid_number", { input: raw, expected: numberExpectation(q, texts) }),
      };
    }
    case "text": {
      const max = q.maxLength ?? 500;
      if (!pressed && raw.length > 0 && raw.length <= max)
        return { ok: true, value: { kind: "text", value: raw } };
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
