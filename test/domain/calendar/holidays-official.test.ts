import { describe, expect, it } from "vitest";
import {
  findHoliday,
  getHolidays,
  type Holiday,
  type HolidayKey,
  NO_HOLIDAY_FILES,
} from "../../../src/domain/calendar/holidays.ts";
import { libraryYears } from "../../../src/domain/calendar/library-holidays.ts";

function holiday(year: number, key: HolidayKey): Holiday {
  const found = getHolidays(year, NO_HOLIDAY_FILES).holidays.find((h) => h.key === key);
  if (!found) throw new Error(`no ${key} in ${year}`);
  return found;
}

function summary(h: Holiday) {
  return { name: h.name, start: h.start, end: h.end, makeup: h.makeupWorkdays };
}

describe("official 2026 schedule (国办发明电〔2025〕7号, via chinese-days)", () => {
  it.each([
    ["new_year", "元旦", "2026-01-01", "2026-01-03", ["2026-01-04"]],
    ["spring_festival", "春节", "2026-02-15", "2026-02-23", ["2026-02-14", "2026-02-28"]],
    ["qingming", "清明节", "2026-04-04", "2026-04-06", []],
    ["labour_day", "劳动节", "2026-05-01", "2026-05-05", ["2026-05-09"]],
    ["dragon_boat", "端午节", "2026-06-19", "2026-06-21", []],
    ["mid_autumn", "中秋节", "2026-09-25", "2026-09-27", []],
    ["national_day", "国庆节", "2026-10-01", "2026-10-07", ["2026-09-20", "2026-10-10"]],
  ] as const)("has %s (%s) off %s..%s with make-up days %j", (key, name, start, end, makeup) => {
    expect(summary(holiday(2026, key))).toEqual({ name, start, end, makeup: [...makeup] });
  });

  it("lists the seven holidays in date order, official and without warnings", () => {
    const year = getHolidays(2026, NO_HOLIDAY_FILES);
    expect(year.holidays.map((h) => h.key)).toEqual([
      "new_year",
      "spring_festival",
      "qingming",
      "labour_day",
      "dragon_boat",
      "mid_autumn",
      "national_day",
    ]);
    expect(year.holidays.every((h) => !h.provisional && h.source === "chinese-days")).toBe(true);
    expect(year.warnings).toEqual([]);
  });

  it("counts every day of the range as a day off (春节 2026 is 9 days)", () => {
    expect(holiday(2026, "spring_festival").offDays).toHaveLength(9);
    expect(holiday(2026, "national_day").offDays).toHaveLength(7);
  });
});

describe("official 2025 schedule", () => {
  it("has 春节 01-28..02-04 with make-up days 01-26 and 02-08", () => {
    expect(summary(holiday(2025, "spring_festival"))).toEqual({
      name: "春节",
      start: "2025-01-28",
      end: "2025-02-04",
      makeup: ["2025-01-26", "2025-02-08"],
    });
  });

  it("has 劳动节 05-01..05-05 with make-up day 04-27", () => {
    expect(summary(holiday(2025, "labour_day"))).toEqual({
      name: "劳动节",
      start: "2025-05-01",
      end: "2025-05-05",
      makeup: ["2025-04-27"],
    });
  });

  it("combines 国庆 and 中秋 into one range 10-01..10-08 keyed national_day, as the notice does", () => {
    const combined = holiday(2025, "national_day");
    expect(summary(combined)).toEqual({
      name: "国庆节、中秋节",
      start: "2025-10-01",
      end: "2025-10-08",
      makeup: ["2025-09-28", "2025-10-11"],
    });
    expect(combined.merged).toEqual(["mid_autumn"]);
    expect(combined.offDays).toHaveLength(8);
    const keys = getHolidays(2025, NO_HOLIDAY_FILES).holidays.map((h) => h.key);
    expect(keys).not.toContain("mid_autumn");
    expect(findHoliday(getHolidays(2025, NO_HOLIDAY_FILES).holidays, "mid_autumn")).toEqual(combined);
  });
});

describe("chinese-days edge cases", () => {
  it("covers 2004 through 2026", () => {
    const years = libraryYears();
    expect(years[0]).toBe(2004);
    expect(years).toContain(2026);
  });

  it("names a combined range 中秋节、国庆节 when 中秋 comes first (2023)", () => {
    expect(summary(holiday(2023, "national_day"))).toMatchObject({
      name: "中秋节、国庆节",
      start: "2023-09-29",
      end: "2023-10-06",
    });
  });

  it("recognises 2020's 中秋 on 10-01 although the source has no separate 中秋 days", () => {
    expect(holiday(2020, "national_day")).toMatchObject({ name: "国庆节、中秋节", merged: ["mid_autumn"] });
  });

  it("files a 元旦 that starts in December under the year it ends in, with its December make-up day", () => {
    expect(summary(holiday(2023, "new_year"))).toMatchObject({ start: "2022-12-31", end: "2023-01-02" });
    expect(holiday(2012, "new_year").makeupWorkdays).toEqual(["2011-12-31"]);
  });

  it("keeps 2015's one-off 抗战胜利70周年纪念日 as extra days off with a warning", () => {
    const year = getHolidays(2015, NO_HOLIDAY_FILES);
    expect(year.extraOffDays).toEqual(["2015-09-03", "2015-09-04"]);
    expect(year.extraWorkdays).toEqual(["2015-09-06"]);
    expect(year.warnings.map((w) => w.code)).toEqual(["unlisted_official_days"]);
  });
});
