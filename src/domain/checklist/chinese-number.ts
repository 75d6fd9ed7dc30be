/**
 * Chinese numerals as people type them in chat: 三, 十二, 二十, 两百, 一百零五, 三千二百, 〇,
 * also the formal 壹贰叁. Whole numbers below ten thousand; anything else is not a number here.
 */

const DIGITS: Readonly<Record<string, number>> = {
  零: 0,
  〇: 0,
  一: 1,
  壹: 1,
  二: 2,
  贰: 2,
  两: 2,
  三: 3,
  叁: 3,
  四: 4,
  肆: 4,
  五: 5,
  伍: 5,
  六: 6,
  陆: 6,
  七: 7,
  柒: 7,
  八: 8,
  捌: 8,
  九: 9,
  玖: 9,
};

const UNITS: Readonly<Record<string, number>> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000 };

/** The value of a Chinese numeral, or null when `text` is not one. */
export function parseChineseNumber(text: string): number | null {
  const s = text.trim();
  if (s.length === 0 || s.length > 12) return null;
  let total = 0;
  let digit: number | null = null;
  let lastUnit = Number.POSITIVE_INFINITY;
  for (const ch of s) {
    const d = DIGITS[ch];
    if (d !== undefined) {
      // Two digits in a row (三三) are not a numeral, except after 零 (一百零五).
      if (digit !== null && digit !== 0) return null;
      digit = d;
      continue;
    }
    const unit = UNITS[ch];
    if (unit === undefined || unit >= lastUnit) return null;
    // 十 alone at the start means 一十 (十二 = 12).
    total += (digit ?? (total === 0 ? 1 : Number.NaN)) * unit;
    if (Number.isNaN(total)) return null;
    digit = null;
    lastUnit = unit;
  }
  return total + (digit ?? 0);
}
