import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  createCalendarLoader,
  DEFAULT_CALENDAR_DIR,
  readYamlFile,
} from "../../../src/content/calendar-files.ts";
import { CalendarDataError } from "../../../src/domain/calendar/calendar-loader.ts";
import { buildCalendarYear, formatCalendar } from "../../../src/domain/calendar/calendar-year.ts";
import { holidayFileSchema } from "../../../src/domain/calendar/holiday-file.ts";
import { DEFAULT_PERIODS_CONFIG } from "../../../src/domain/calendar/periods.ts";

const shipped = createCalendarLoader();

describe("buildCalendarYear", () => {
  const calendar = buildCalendarYear(2026, shipped);

  it("combines holidays and periods sorted by start date, each tagged with its kind", () => {
    const starts = calendar.entries.map((e) => e.start);
    expect(starts).toEqual([...starts].sort());
    expect(calendar.entries.filter((e) => e.kind === "holiday")).toHaveLength(7);
    expect(calendar.entries.filter((e) => e.kind === "period").map((e) => e.key)).toEqual([
      "winter_fire",
      "resumption",
      "lianghui",
      "safety_month",
      "flood_season",
      "winter_fire",
    ]);
  });

  it("orders entries that start on the same day shortest first, beginning with last winter's season", () => {
    const june = calendar.entries.filter((e) => e.start === "2026-06-01").map((e) => e.key);
    expect(june).toEqual(["safety_month", "flood_season"]);
    expect(calendar.entries[0]).toMatchObject({ key: "winter_fire", start: "2025-11-01" });
  });
});

describe("formatCalendar", () => {
  const labels = shipped.labels();

  it("prints one line per entry with range, days off and make-up work days", () => {
    const text = formatCalendar(buildCalendarYear(2026, shipped), labels);
    const lines = text.split("\n");
    expect(lines[0]).toBe("2026 年安全检查日历");
    expect(lines).toContain(
      "【法定节假日】春节　2026-02-15 至 2026-02-23　放假 9 天　调休上班：2026-02-14（周六）、2026-02-28（周六）",
    );
    expect(lines).toContain("【法定节假日】清明节　2026-04-04 至 2026-04-06　放假 3 天");
    expect(lines).toContain("【重点时段】节后复工复产　2026-02-24 至 2026-03-10");
    expect(lines).toHaveLength(1 + 7 + 6);
    expect(text).not.toContain("暂定");
  });

  it("marks provisional entries and ends with the admin warning for a computed year", () => {
    const lines = formatCalendar(buildCalendarYear(2027, shipped), labels).split("\n");
    expect(lines).toContain("【法定节假日】春节（暂定）　2027-02-05 至 2027-02-10　放假 6 天");
    expect(lines).toContain("【重点时段】节后复工复产（暂定）　2027-02-11 至 2027-02-25");
    expect(lines.at(-1)).toMatch(/^注意：2027 年官方放假安排尚未录入.*holidays-2027\.yaml/);
  });

  it("shows the combined 国庆节、中秋节 of 2025 as a single line", () => {
    const lines = formatCalendar(buildCalendarYear(2025, shipped), labels).split("\n");
    expect(lines.filter((l) => l.includes("中秋"))).toEqual([
      "【法定节假日】国庆节、中秋节　2025-10-01 至 2025-10-08　放假 8 天　调休上班：2025-09-28（周日）、2025-10-11（周六）",
    ]);
  });
});

describe("shipped calendar data in prompts/calendar", () => {
  it("has periods.yaml equal to the built-in defaults", () => {
    expect(shipped.periodsConfig()).toEqual(DEFAULT_PERIODS_CONFIG);
  });

  it("has an example holiday file that is valid but never loaded", () => {
    const example = readYamlFile(
      join(DEFAULT_CALENDAR_DIR, "holidays-2027.example.yaml"),
      holidayFileSchema(2027),
    );
    expect(example.holidays).toHaveLength(7);
    expect(shipped.holidayFile(2027)).toBeUndefined();
  });
});

describe("calendar files in another directory", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "xunjian-calendar-"));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it("uses defaults when periods.yaml is missing and reads it when present", () => {
    expect(createCalendarLoader(dir).periodsConfig()).toEqual(DEFAULT_PERIODS_CONFIG);
    writeFileSync(join(dir, "periods.yaml"), 'flood_season:\n  start: "05-01"\n');
    expect(buildCalendarYear(2026, createCalendarLoader(dir)).entries).toContainEqual(
      expect.objectContaining({ key: "flood_season", start: "2026-05-01", end: "2026-09-30" }),
    );
  });

  it("names the file and path of a bad periods.yaml entry", () => {
    writeFileSync(join(dir, "periods.yaml"), "resumption:\n  days: 0\n");
    expect(() => createCalendarLoader(dir).periodsConfig()).toThrow(/periods\.yaml: resumption\.days: /);
  });

  it("refuses a labels.yaml template that lost its placeholder", () => {
    writeFileSync(join(dir, "labels.yaml"), "title: 日历\n");
    expect(() => createCalendarLoader(dir).labels()).toThrow(CalendarDataError);
    expect(() => createCalendarLoader(dir).labels()).toThrow(/labels\.yaml: title: must contain \{year\}/);
  });
});
