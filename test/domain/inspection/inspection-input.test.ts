import { describe, expect, it } from "vitest";
import {
  formatWanYuan,
  formatYuan,
  parseIndexes,
  parseWholeNumber,
  parseYuanAsFen,
} from "../../../src/domain/inspection/inspection-input.ts";

describe("reading what an inspector types", () => {
  it("reads whole numbers as digits, full-width digits or Chinese numerals, with a unit", () => {
    const cases: [string, number | null][] = [
      ["0", 0],
      ["3", 3],
      ["３", 3],
      ["2人", 2],
      ["三", 3],
      ["两", 2],
      ["十", 10],
      ["十二", 12],
      ["二十", 20],
      ["九十九", 99],
      ["7天", 7],
      ["", null],
      ["好几个", null],
      ["-1", null],
      ["1.5", null],
      ["十十", null],
    ];
    for (const [text, value] of cases) expect(parseWholeNumber(text), text).toBe(value);
  });

  it("reads option numbers separated by spaces, commas or 、, and nothing else", () => {
    expect(parseIndexes("1 3")).toEqual([1, 3]);
    expect(parseIndexes("1,3，4、2")).toEqual([1, 3, 4, 2]);
    expect(parseIndexes("２")).toEqual([2]);
    expect(parseIndexes("1 and 3")).toBeNull();
    expect(parseIndexes("")).toBeNull();
  });

  it("reads amounts of money in yuan or 万元 exactly, as fen", () => {
    const cases: [string, number | null][] = [
      ["25000", 2_500_000],
      ["25,000", 2_500_000],
      ["25000元", 2_500_000],
      ["2.5万", 2_500_000],
      ["2.5万元", 2_500_000],
      ["47.3180万", 47_318_000],
      ["￥1234.50", 123_450],
      ["0.01", 1],
      ["0", null],
      ["25000.123", null],
      ["很多", null],
      ["两万五", null],
      ["-100", null],
      ["2.5万万", null],
    ];
    for (const [text, fen] of cases) expect(parseYuanAsFen(text), text).toBe(fen);
    expect(formatYuan(2_500_000)).toBe("25000");
    expect(formatYuan(123_450)).toBe("1234.5");
  });

  it("writes fines in 万元 as reports do, exact and without trailing zeros", () => {
    const cases: [number, string][] = [
      [2_500_000, "2.5"], // 25000 元
      [47_318_000, "47.318"], // 473180 元
      [23_000_000, "23"],
      [4_818_000, "4.818"],
      [1, "0.000001"],
      [100, "0.0001"],
      [0, "0"],
    ];
    for (const [fen, wan] of cases) expect(formatWanYuan(fen), String(fen)).toBe(wan);
  });
});
