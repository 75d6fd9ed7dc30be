import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createCalendarLoader } from "../../../src/content/calendar-files.ts";
import { CalendarDataError } from "../../../src/domain/calendar/calendar-loader.ts";
import { festivalDates } from "../../../src/domain/calendar/festivals.ts";
import {
  findHoliday,
  getHolidays,
  isWorkday,
  NO_HOLIDAY_FILES,
} from "../../../src/domain/calendar/holidays.ts";

describe("a year without an official schedule (2027)", () => {
  const year = getHolidays(2027, NO_HOLIDAY_FILES);

  it("computes the festival dates from the lunar calendar and solar terms", () => {
    expect(festivalDates(2027)).toEqual({
      chuxi: "2027-02-05",
      springFestival: "2027-02-06",
      qingming: "2027-04-05",
      dragonBoat: "2027-06-09",
      midAutumn: "2027-09-15",
    });
  });

  it("marks every holiday provisional and computed", () => {
    expect(year.holidays).toHaveLength(7);
    for (const h of year.holidays) expect(h).toMatchObject({ provisional: true, source: "computed" });
  });

  it("guesses make-up work days only for the 3-day breaks of 端午 and 中秋", () => {
    const makeup = Object.fromEntries(year.holidays.map((h) => [h.key, h.makeupWorkdays]));
    expect(makeup).toEqual({
      new_year: [],
      spring_festival: [],
      qingming: [],
      labour_day: [],
      dragon_boat: ["2027-06-05", "2027-06-06"],
      mid_autumn: ["2027-09-11", "2027-09-12"],
      national_day: [],
    });
    expect(isWorkday("2027-06-05", NO_HOLIDAY_FILES)).toBe(true);
    expect(isWorkday("2027-06-07", NO_HOLIDAY_FILES)).toBe(false);
  });

  it("returns a warning so admins can be told to enter the official schedule", () => {
    expect(year.warnings).toEqual([expect.objectContaining({ code: "computed_year", year: 2027 })]);
    expect(year.warnings[0]?.message).toContain("holidays-2027.yaml");
  });

  it("puts 春节 around 正月初一 2027-02-06, from 除夕, with the weekend days compensated", () => {
    const spring = findHoliday(year.holidays, "spring_festival");
    // 除夕 Fri 02-05 … 初三 Mon 02-08; 初一/初二 fall on the weekend, so Tue and Wed are added.
    expect(spring).toMatchObject({ start: "2027-02-05", end: "2027-02-10" });
    expect(spring?.offDays).toContain("2027-02-06");
  });

  it("computes the other ranges from the statutory days and adjacent weekends", () => {
    const ranges = Object.fromEntries(year.holidays.map((h) => [h.key, `${h.start}..${h.end}`]));
    expect(ranges).toEqual({
      new_year: "2027-01-01..2027-01-03",
      spring_festival: "2027-02-05..2027-02-10",
      qingming: "2027-04-03..2027-04-05",
      labour_day: "2027-05-01..2027-05-04",
      dragon_boat: "2027-06-07..2027-06-09",
      mid_autumn: "2027-09-13..2027-09-15",
      national_day: "2027-10-01..2027-10-05",
    });
  });

  it("treats computed days off and weekends as off, and other weekdays as work days", () => {
    expect(isWorkday("2027-02-08", NO_HOLIDAY_FILES)).toBe(false);
    expect(isWorkday("2027-10-01", NO_HOLIDAY_FILES)).toBe(false);
    expect(isWorkday("2027-02-13", NO_HOLIDAY_FILES)).toBe(false);
    expect(isWorkday("2027-02-11", NO_HOLIDAY_FILES)).toBe(true);
  });

  it("makes a 3-day break of 端午 and 中秋 on any weekday, as the official schedules do", () => {
    // Sun 2028-05-28 → Sat–Mon; Sat 2029-06-16 → Sat–Mon; Tue 2031-06-24 → Sun–Tue, the Saturday
    // before worked; Thu 2030-09-12 → Thu–Sat, the Sunday after worked; Sun 2032-09-19 → Sat–Mon.
    const range = (y: number, key: "dragon_boat" | "mid_autumn") => {
      const h = getHolidays(y, NO_HOLIDAY_FILES).holidays.find((x) => x.key === key);
      return h && `${h.start}..${h.end} ${h.makeupWorkdays.join(",")}`.trim();
    };
    expect(range(2028, "dragon_boat")).toBe("2028-05-27..2028-05-29");
    expect(range(2029, "dragon_boat")).toBe("2029-06-16..2029-06-18");
    expect(range(2031, "dragon_boat")).toBe("2031-06-22..2031-06-24 2031-06-21");
    expect(range(2030, "mid_autumn")).toBe("2030-09-12..2030-09-14 2030-09-15");
    expect(range(2032, "mid_autumn")).toBe("2032-09-18..2032-09-20");
    for (const y of [2028, 2029, 2030, 2031, 2032, 2033, 2034, 2035])
      for (const key of ["dragon_boat", "mid_autumn"] as const) {
        const h = getHolidays(y, NO_HOLIDAY_FILES).holidays.find((x) => x.key === key);
        if (h) expect(h.offDays, `${y} ${key}`).toHaveLength(3);
      }
  });

  it("merges a computed 中秋 that falls inside 国庆 (2028-10-03) and owes the shared day back", () => {
    const national = findHoliday(getHolidays(2028, NO_HOLIDAY_FILES).holidays, "mid_autumn");
    expect(national).toMatchObject({ key: "national_day", name: "国庆节、中秋节", merged: ["mid_autumn"] });
    // 10-01 is a Sunday and 10-03 is statutory twice: two weekdays owed (10-04, 10-05); Sat 09-30 adjoins.
    expect(national).toMatchObject({ start: "2028-09-30", end: "2028-10-05" });
  });
});

describe("an admin data file holidays-<year>.yaml", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "xunjian-calendar-"));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  const official2027 = `year: 2027
holidays:
  - key: spring_festival
    start: 2027-02-05
    end: 2027-02-13
    makeupWorkdays: [2027-01-31, 2027-02-20]
  - key: national_day
    start: 2027-10-01
    end: 2027-10-07
    makeupWorkdays: ["2027-09-26", "2027-10-09"]
`;

  it("wins over computed dates and is not provisional", () => {
    writeFileSync(join(dir, "holidays-2027.yaml"), official2027);
    const year = getHolidays(2027, createCalendarLoader(dir));
    expect(findHoliday(year.holidays, "spring_festival")).toMatchObject({
      name: "春节",
      start: "2027-02-05",
      end: "2027-02-13",
      makeupWorkdays: ["2027-01-31", "2027-02-20"],
      provisional: false,
      source: "data-file",
    });
    expect(year.holidays.every((h) => !h.provisional)).toBe(true);
    expect(year.warnings.some((w) => w.code === "computed_year")).toBe(false);
  });

  it("warns about each holiday the file leaves out", () => {
    writeFileSync(join(dir, "holidays-2027.yaml"), official2027);
    const missing = getHolidays(2027, createCalendarLoader(dir)).warnings.map((w) => w.key);
    expect(missing).toEqual(["new_year", "qingming", "labour_day", "dragon_boat", "mid_autumn"]);
  });

  it("drives isWorkday: the file's make-up Sunday is a work day and its range is off", () => {
    writeFileSync(join(dir, "holidays-2027.yaml"), official2027);
    const loader = createCalendarLoader(dir);
    expect(isWorkday("2027-01-31", loader)).toBe(true);
    expect(isWorkday("2027-02-12", loader)).toBe(false);
  });

  it("is ignored when named .example.yaml", () => {
    writeFileSync(join(dir, "holidays-2027.example.yaml"), official2027);
    expect(getHolidays(2027, createCalendarLoader(dir)).holidays[0]?.provisional).toBe(true);
  });

  it("fails with an error naming the file and the path of a range that ends before it starts", () => {
    const broken = official2027.replace("end: 2027-10-07", "end: 2027-09-07");
    writeFileSync(join(dir, "holidays-2027.yaml"), broken);
    const load = () => getHolidays(2027, createCalendarLoader(dir));
    expect(load).toThrow(CalendarDataError);
    expect(load).toThrow(/holidays-2027\.yaml: holidays\[1\]\.end: 2027-09-07 is before start 2027-10-01/);
  });

  it("reports impossible dates, unknown keys, weekday make-up days and a wrong year, each with its path", () => {
    const broken = `year: 2026
holidays:
  - key: spring_festival
    start: 2027-02-30
    end: 2027-02-13
  - key: labor_day
    start: 2027-05-01
    end: 2027-05-05
`;
    writeFileSync(join(dir, "holidays-2027.yaml"), broken);
    let error: unknown;
    try {
      getHolidays(2027, createCalendarLoader(dir));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CalendarDataError);
    const message = (error as CalendarDataError).message;
    expect(message).toMatch(/holidays-2027\.yaml: holidays\[0\]\.start: must be a real date/);
    expect(message).toMatch(/holidays-2027\.yaml: holidays\[1\]\.key: /);
  });

  it("reports an impossible date alone without running the range checks on it", () => {
    writeFileSync(
      join(dir, "holidays-2027.yaml"),
      official2027.replace("start: 2027-10-01", "start: 2027-09-31"),
    );
    const problems = catchProblems(() => getHolidays(2027, createCalendarLoader(dir)));
    expect(problems).toEqual(["holidays[1].start: must be a real date written YYYY-MM-DD"]);
  });

  it("checks cross-field rules once the shapes are right", () => {
    const broken = `year: 2026
holidays:
  - key: labour_day
    start: 2027-05-01
    end: 2027-05-05
    makeupWorkdays: [2027-04-28, 2027-05-02]
  - key: labour_day
    start: 2027-05-04
    end: 2027-05-06
    extra: 1
`;
    writeFileSync(join(dir, "holidays-2027.yaml"), broken);
    expect(() => getHolidays(2027, createCalendarLoader(dir))).toThrow(
      /holidays\[1\]: Unrecognized key: "extra"/,
    );
    writeFileSync(join(dir, "holidays-2027.yaml"), broken.replace("    extra: 1\n", ""));
    const problems = catchProblems(() => getHolidays(2027, createCalendarLoader(dir)));
    expect(problems).toEqual([
      "year: is 2026 but the file name says 2027",
      "holidays[0].makeupWorkdays[0]: 2027-04-28 is not a Saturday or Sunday, so it is a work day anyway",
      "holidays[0].makeupWorkdays[1]: 2027-05-02 is inside the holiday 2027-05-01..2027-05-05",
      "holidays[1].key: labour_day is already listed at holidays[0]",
    ]);
  });

  it("reports YAML syntax errors with the file, line and column", () => {
    writeFileSync(join(dir, "holidays-2027.yaml"), "year: 2027\nholidays: [\n  key: x\n");
    expect(() => getHolidays(2027, createCalendarLoader(dir))).toThrow(
      /holidays-2027\.yaml: line \d+, column \d+: /,
    );
  });
});

function catchProblems(fn: () => unknown): readonly string[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof CalendarDataError) return e.problems;
    throw e;
  }
  throw new Error("expected a CalendarDataError");
}
