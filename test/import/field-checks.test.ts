import { describe, expect, it } from "vitest";
import { checkCreditCode, checkPhone, splitList } from "../../src/import/field-checks.ts";
import { validCode, wrongCheck } from "./import-fixtures.ts";

describe("field checks of an import", () => {
  it("accepts a valid credit code in any case and names each way a code can be wrong", () => {
    const code = validCode(1);
    expect(checkCreditCode(` ${code.toLowerCase()} `)).toEqual({ ok: true, value: code });
    expect(checkCreditCode(code.slice(0, 17))).toEqual({
      ok: false,
      code: "credit_code_length",
      params: { length: 17 },
    });
    expect(checkCreditCode(`${code.slice(0, 5)}I${code.slice(6)}`)).toEqual({
      ok: false,
      code: "credit_code_character",
    });
    expect(checkCreditCode(wrongCheck(code))).toEqual({ ok: false, code: "credit_code_check" });
  });

  it("normalises mainland mobile numbers and refuses anything else", () => {
    for (const raw of [
      "13900000001",
      "+86 139-0000-0001",
      "+8613900000001",
      "0086 139 0000 0001",
      "8613900000001",
      "(139)0000-0001",
    ])
      expect(checkPhone(raw)).toEqual({ ok: true, value: "13900000001" });
    for (const raw of ["1390000000", "23900000001", "010-12345678", "139000000011", "abc"])
      expect(checkPhone(raw).ok).toBe(false);
  });

  it("splits list cells on 、 , ; | (half and full width) and drops blanks and repeats", () => {
    expect(splitList("g1、滨江第二网格; g3 | g4，g1；")).toEqual(["g1", "滨江第二网格", "g3", "g4"]);
  });
});
