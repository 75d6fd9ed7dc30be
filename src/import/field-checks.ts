import { validateCreditCode } from "../domain/credit-code.ts";

export type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

/** A GB 32100 credit code, normalised to capitals, or which of its rules it breaks. */
export function checkCreditCode(raw: string): Checked<string> {
  const result = validateCreditCode(raw);
  if (result.ok) return { ok: true, value: result.code };
  switch (result.problem) {
    case "length":
      return { ok: false, message: `must be 18 characters, got ${raw.trim().length}` };
    case "character":
      return {
        ok: false,
        message: "contains a character outside GB 32100 (digits and capital letters except I, O, Z, S, V)",
      };
    case "check":
      // Not naming the expected character on purpose: "fixing" the last one would hide a typo earlier.
      return { ok: false, message: "check character (the 18th) does not match; look for a typo in the code" };
  }
}

/**
 * A mainland mobile number, 11 digits starting with 1, from what people type: "+86 139-0000-0001",
 * "0086 13900000001", "(139) 0000 0001".
 */
export function checkPhone(raw: string): Checked<string> {
  let digits = raw.replace(/[\s\-()（）]/g, "");
  if (digits.startsWith("+86")) digits = digits.slice(3);
  else if (digits.startsWith("0086")) digits = digits.slice(4);
  else if (/^86\d{11}$/.test(digits)) digits = digits.slice(2);
  return /^1\d{10}$/.test(digits)
    ? { ok: true, value: digits }
    : { ok: false, message: `"${raw}" is not a mainland mobile number (11 digits starting with 1)` };
}

/** The items of a list cell: "g1、滨江第二网格; g3" → ["g1", "滨江第二网格", "g3"]. */
export function splitList(raw: string): string[] {
  const items = raw
    .split(/[、,，;；|]/)
    .map((s) => s.trim())
    .filter((s) => s !== "");
  return [...new Set(items)];
}
