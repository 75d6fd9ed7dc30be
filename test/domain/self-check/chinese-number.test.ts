import { describe, expect, it } from "vitest";
import { parseChineseNumber } from "../../../src/domain/checklist/chinese-number.ts";

describe("Chinese numerals typed in chat", () => {
  it("reads the forms people use", () => {
    const cases: [string, number][] = [
      ["零", 0],
      ["〇", 0],
      ["三", 3],
      ["两", 2],
      ["十", 10],
      ["十二", 12],
      ["二十", 20],
      ["二十五", 25],
      ["一百", 100],
      ["两百", 200],
      ["一百零五", 105],
      ["一百二十", 120],
      ["三千二百", 3200],
      ["叁拾", 30],
    ];
    for (const [text, value] of cases) expect(parseChineseNumber(text), text).toBe(value);
  });

  it("refuses what is not a numeral", () => {
    for (const text of ["", "三三", "十十", "很多", "三个", "1", "二十五万"])
      expect(parseChineseNumber(text), text).toBeNull();
  });
});
