/** Reading what an inspector types: option numbers, head counts, days and amounts of money. */

import { parseChineseNumber } from "../checklist/chinese-number.ts";

/** Full-width digits and punctuation (as Chinese keyboards type them) as ASCII. */
export function toHalfWidth(text: string): string {
  return text.replace(/[０-９．，]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/**
 * A whole number typed as digits or in Chinese numerals up to 99 (「3」「三」「两」「十二」「二十」),
 * with an optional unit after it (人, 天, 名, 个); null for anything else.
 */
export function parseWholeNumber(raw: string): number | null {
  const text = toHalfWidth(raw.trim()).replace(/[人天名个位日]$/, "");
  if (/^\d{1,6}$/.test(text)) return Number(text);
  return text === "" ? null : parseChineseNumber(text);
}

/** Option numbers typed as a list: 「1 3」「1,3」「1、3」「1，3」; null when anything else is in it. */
export function parseIndexes(raw: string): number[] | null {
  const parts = toHalfWidth(raw.trim())
    .split(/[\s,、;；]+/)
    .filter(Boolean);
  if (parts.length === 0 || parts.some((p) => !/^\d{1,3}$/.test(p))) return null;
  return parts.map(Number);
}

/**
 * An amount of money in yuan, as fen (hundredths): 「25000」「25,000」「25000元」「2.5万」「2.5万元」
 * 「￥1234.50」. Null for anything that is not a positive amount with at most two decimals of yuan.
 */
export function parseYuanAsFen(raw: string): number | null {
  const text = toHalfWidth(raw.trim())
    .replace(/^[¥￥]/, "")
    .replace(/元$/, "")
    .replace(/,/g, "");
  const m = /^(\d+(?:\.\d+)?)(万)?$/.exec(text);
  if (!m?.[1]) return null;
  const [whole = "", decimals = ""] = m[1].split(".");
  const scale = m[2] ? 10_000 : 1;
  // Exact arithmetic on the digits: 47.3180万 is 473180 yuan, not a float near it.
  const digits = `${whole}${decimals}`;
  const fenExponent = Math.log10(scale) + 2 - decimals.length;
  if (fenExponent < 0) {
    const dropped = digits.slice(digits.length + fenExponent);
    if (/[^0]/.test(dropped)) return null;
    const fen = Number(digits.slice(0, digits.length + fenExponent) || "0");
    return fen > 0 && Number.isSafeInteger(fen) ? fen : null;
  }
  const fen = Number(digits) * 10 ** fenExponent;
  return fen > 0 && Number.isSafeInteger(fen) ? fen : null;
}

/** Fen as yuan for people: 2500000 → "25000", 123450 → "1234.5". */
export function formatYuan(fen: number): string {
  return String(fen / 100);
}

/**
 * Fen as 万元 the way reports write fines, without trailing zeros and with exact digits:
 * 2500000 → "2.5", 47318000 → "47.318", 100 → "0.0001".
 */
export function formatWanYuan(fen: number): string {
  const sign = fen < 0 ? "-" : "";
  const abs = Math.abs(Math.round(fen));
  // 1 万元 is 1,000,000 fen: split into whole 万 and six decimals, then drop the trailing zeros.
  const whole = Math.floor(abs / 1_000_000);
  const decimals = String(abs % 1_000_000)
    .padStart(6, "0")
    .replace(/0+$/, "");
  return `${sign}${whole}${decimals ? `.${decimals}` : ""}`;
}
