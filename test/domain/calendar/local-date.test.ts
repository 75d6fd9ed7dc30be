import { describe, expect, it } from "vitest";
import {
  addDays,
  compareDates,
  datesInRange,
  daysBetween,
  isLocalDate,
  shanghaiDateTime,
  toShanghaiDate,
  weekday,
} from "../../../src/domain/calendar/local-date.ts";

describe("toShanghaiDate", () => {
  it("puts 2026-09-30 16:30 UTC on 2026-10-01 in Shanghai", () => {
    expect(toShanghaiDate(new Date("2026-09-30T16:30:00Z"))).toBe("2026-10-01");
  });

  it("gives the same day for one instant written with different offsets", () => {
    // The same instant as New York and UTC wall time: the host zone never enters the calculation.
    const instants = ["2026-10-01T00:30:00+08:00", "2026-09-30T16:30:00Z", "2026-09-30T12:30:00-04:00"];
    for (const iso of instants) expect(toShanghaiDate(new Date(iso))).toBe("2026-10-01");
  });

  it("keeps the last minute before Shanghai midnight on the earlier day", () => {
    expect(toShanghaiDate(new Date("2026-12-31T15:59:59.999Z"))).toBe("2026-12-31");
    expect(toShanghaiDate(new Date("2026-12-31T16:00:00Z"))).toBe("2027-01-01");
  });
});

describe("shanghaiDateTime", () => {
  it("returns the instant Shanghai clocks show the given time, eight hours ahead of UTC", () => {
    expect(shanghaiDateTime("2026-10-01", "09:00").toISOString()).toBe("2026-10-01T01:00:00.000Z");
    expect(shanghaiDateTime("2026-10-01", "00:30").toISOString()).toBe("2026-09-30T16:30:00.000Z");
  });

  it("round-trips with toShanghaiDate at both ends of the day", () => {
    expect(toShanghaiDate(shanghaiDateTime("2026-02-17", "00:00"))).toBe("2026-02-17");
    expect(toShanghaiDate(shanghaiDateTime("2026-02-17", "23:59"))).toBe("2026-02-17");
  });

  it("rejects times that are not HH:mm", () => {
    expect(() => shanghaiDateTime("2026-10-01", "24:00")).toThrow(RangeError);
    expect(() => shanghaiDateTime("2026-10-01", "9:00")).toThrow(RangeError);
  });
});

describe("date arithmetic on YYYY-MM-DD strings", () => {
  it("adds days across month, year and leap-day boundaries", () => {
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
  });

  it("knows the weekday with Sunday as 0", () => {
    expect(weekday("2026-02-14")).toBe(6);
    expect(weekday("2026-01-04")).toBe(0);
    expect(weekday("2026-10-01")).toBe(4);
    expect(weekday("1969-12-31")).toBe(3);
  });

  it("counts days between dates and compares them", () => {
    expect(daysBetween("2026-01-01", "2026-12-31")).toBe(364);
    expect(daysBetween("2026-02-24", "2026-02-15")).toBe(-9);
    expect(["2026-10-01", "2025-12-31", "2026-02-14"].sort(compareDates)).toEqual([
      "2025-12-31",
      "2026-02-14",
      "2026-10-01",
    ]);
  });

  it("lists a range inclusively", () => {
    expect(datesInRange("2026-09-30", "2026-10-02")).toEqual(["2026-09-30", "2026-10-01", "2026-10-02"]);
    expect(datesInRange("2026-10-02", "2026-10-01")).toEqual([]);
  });

  it("accepts only real dates", () => {
    expect(isLocalDate("2026-02-28")).toBe(true);
    expect(isLocalDate("2026-02-29")).toBe(false);
    expect(isLocalDate("2026-2-1")).toBe(false);
    expect(() => addDays("2026-02-30", 1)).toThrow(RangeError);
  });
});
