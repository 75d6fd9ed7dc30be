/**
 * Unified social credit code (统一社会信用代码), GB 32100-2015: 18 characters from a 31-character
 * alphabet (digits and capitals without I, O, Z, S, V); the last one is a check character.
 */
const ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The check character for the first 17 characters, or null when one is outside the alphabet. */
export function creditCodeCheckChar(first17: string): string | null {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = ALPHABET.indexOf(first17.charAt(i));
    if (v < 0) return null;
    sum += v * (WEIGHTS[i] ?? 0);
  }
  return ALPHABET.charAt((31 - (sum % 31)) % 31);
}

export type CreditCodeProblem = "length" | "character" | "check";

/** Validates a code (case-insensitive); returns the normalised code or the problem. */
export function validateCreditCode(
  raw: string,
): { ok: true; code: string } | { ok: false; problem: CreditCodeProblem } {
  const code = raw.trim().toUpperCase();
  if (code.length !== 18) return { ok: false, problem: "length" };
  if (![...code].every((c) => ALPHABET.includes(c))) return { ok: false, problem: "character" };
  const check = creditCodeCheckChar(code.slice(0, 17));
  return check === code.charAt(17) ? { ok: true, code } : { ok: false, problem: "check" };
}
