import { describe, expect, it } from "vitest";
import { getHolidays, NO_HOLIDAY_FILES } from "../../../src/domain/calendar/holidays.ts";
import {
  DEFAULT_PERIODS_CONFIG,
  getPeriods,
  type Period,
  periodsConfigSchema,
} from "../../../src/domain/calendar/periods.ts";

function periodsOf(year: number, config = DEFAULT_PERIODS_CONFIG): Period[] {
  return getPeriods(year, getHolidays(year, NO_HOLIDAY_FILES), config);
}

function only(periods: Period[], key: Period["key"]): Period {
  const found = periods.filter((p) => p.key === key);
  if (found.length !== 1 || !found[0]) throw new Error(`expected one ${key}, got ${found.length}`);
  return found[0];
}

describe("supervision periods", () => {
  it("starts 节后复工复产 2026 on 02-24, the first work day after 春节, for 15 days", () => {
    expect(only(periodsOf(2026), "resumption")).toEqual({
      key: "resumption",
      name: "节后复工复产",
      start: "2026-02-24",
      end: "2026-03-10",
      provisional: false,
    });
  });

  it("starts 节后复工复产 2025 on 02-05 and honours a configured length", () => {
    const config = periodsConfigSchema.parse({ resumption: { days: 10 } });
    expect(only(periodsOf(2025, config), "resumption")).toMatchObject({
      start: "2025-02-05",
      end: "2025-02-14",
    });
  });

  it("marks 节后复工复产 provisional when 春节 is computed", () => {
    expect(only(periodsOf(2027), "resumption")).toMatchObject({ start: "2027-02-11", provisional: true });
  });

  it("makes 安全生产月 the whole of June", () => {
    expect(only(periodsOf(2026), "safety_month")).toMatchObject({
      name: "安全生产月",
      start: "2026-06-01",
      end: "2026-06-30",
    });
  });

  it("uses the default 两会 and 汛期 dates", () => {
    const periods = periodsOf(2026);
    expect(only(periods, "lianghui")).toMatchObject({ name: "两会", start: "2026-03-03", end: "2026-03-15" });
    expect(only(periods, "flood_season")).toMatchObject({
      name: "汛期",
      start: "2026-06-01",
      end: "2026-09-30",
    });
  });

  it("runs 冬季防火 across the year boundary and shows both seasons touching the year", () => {
    const winter = periodsOf(2026).filter((p) => p.key === "winter_fire");
    expect(winter.map((p) => `${p.start}..${p.end}`)).toEqual([
      "2025-11-01..2026-03-31",
      "2026-11-01..2027-03-31",
    ]);
  });

  it("sorts the periods by start date", () => {
    const starts = periodsOf(2026).map((p) => p.start);
    expect(starts).toEqual([...starts].sort());
  });

  it("accepts configured dates and rejects impossible month-days", () => {
    const config = periodsConfigSchema.parse({
      flood_season: { start: "05-15" },
      lianghui: { end: "03-11" },
    });
    expect(config.flood_season).toEqual({ name: "汛期", start: "05-15", end: "09-30" });
    expect(config.lianghui.end).toBe("03-11");
    expect(periodsConfigSchema.safeParse({ winter_fire: { end: "02-29" } }).success).toBe(false);
    expect(periodsConfigSchema.safeParse({ lianghui: { start: 303 } }).success).toBe(false);
    expect(periodsConfigSchema.safeParse({ lianghui: { starts: "03-01" } }).success).toBe(false);
  });
});
