import { validateCreditCode } from "../domain/credit-code.ts";
import type { Checked } from "./table.ts";

export type { Checked };

/** A GB 32100 credit code, normalised to capitals, or which of its rules it breaks. */
export function checkCreditCode(raw: string): Checked<string> {
  const result = validateCreditCode(raw);
  if (result.ok) return { ok: true, value: result.code };
  switch (result.problem) {
    case "length":
      return { ok: false, code: "credit_code_length", params: { length: raw.trim().length } };
    case "character":
      return { ok: false, code: "credit_code_character" };
    case "check":
      // Not naming the expected character on purpose: "fixing" the last one would hide a typo earlier.
      return { ok: false, code: "credit_code_check" };
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
    : { ok: false, code: "phone_invalid", params: { value: raw } };
}

/** The items of a list cell: "g1、滨江第二网格; g3" → ["g1", "滨江第二网格", "g3"]. */
export function splitList(raw: string): string[] {
  const items = raw
    .split(/[、,，;；|]/)
    .map((s) => s.trim())
    .filter((s) => s !== "");
  return [...new Set(items)];
}
