import { describe, expect, it } from "vitest";
import {
  isOffDay,
  isWorkday,
  NO_HOLIDAY_FILES,
  nextWorkday,
  previousWorkday,
} from "../../../src/domain/calendar/holidays.ts";

const files = NO_HOLIDAY_FILES;

describe("isWorkday / isOffDay", () => {
  it.each([
    ["2026-02-14", true, "a Saturday make-up day for 春节"],
    ["2026-10-01", false, "国庆"],
    ["2026-10-10", true, "a Saturday make-up day for 国庆"],
    ["2026-01-04", true, "the Sunday make-up day for 元旦"],
    ["2026-02-23", false, "the last day of 春节 (a Monday)"],
    ["2026-02-24", true, "the first weekday after 春节"],
    ["2026-03-07", false, "an ordinary Saturday"],
    ["2026-03-09", true, "an ordinary Monday"],
    ["2025-10-06", false, "中秋 inside 2025's combined 国庆"],
    ["2015-09-03", false, "2015's one-off 纪念日"],
    ["2015-09-06", true, "its Sunday make-up day"],
    ["2022-12-31", false, "a December day of 元旦 2023"],
    ["2011-12-31", true, "a December make-up day for 元旦 2012"],
  ])("says %s is a work day: %s (%s)", (date, expected) => {
    expect(isWorkday(date, files)).toBe(expected);
    expect(isOffDay(date, files)).toBe(!expected);
  });
});

describe("nextWorkday / previousWorkday", () => {
  it("jumps over 国庆 2026: the work day after 09-30 is 10-08", () => {
    expect(nextWorkday("2026-09-30", files)).toBe("2026-10-08");
    expect(previousWorkday("2026-10-08", files)).toBe("2026-09-30");
  });

  it("lands on a make-up Saturday when that is the nearest work day", () => {
    expect(nextWorkday("2026-02-13", files)).toBe("2026-02-14");
    expect(previousWorkday("2026-02-15", files)).toBe("2026-02-14");
  });

  it("looks strictly after or before the given day", () => {
    expect(nextWorkday("2026-03-09", files)).toBe("2026-03-10");
    expect(previousWorkday("2026-03-09", files)).toBe("2026-03-06");
  });

  it("crosses into a provisional year", () => {
    expect(nextWorkday("2026-12-31", files)).toBe("2027-01-04");
  });
});
