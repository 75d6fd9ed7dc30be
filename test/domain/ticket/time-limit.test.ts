import { describe, expect, it } from "vitest";
import { formatDeadline } from "../../../src/domain/ticket/deadline.ts";
import { readCount, readTimeLimit } from "../../../src/domain/ticket/time-limit.ts";

/** 2026-09-24 09:00 in Shanghai. */
const NOW = new Date("2026-09-24T09:00:00+08:00");
const read = (text: string) => {
  const d = readTimeLimit(text, NOW);
  return d ? formatDeadline(d) : null;
};

describe("reading a treatment plan's 治理时限 as a deadline", () => {
  it("reads a date written in any of the usual ways, to the end of that day", () => {
    expect(read("2026-11-30")).toBe("2026-11-30");
    expect(read("2026/11/30前完成")).toBe("2026-11-30");
    expect(read("2026.11.5 前")).toBe("2026-11-05");
    expect(read("于2026年11月30日前完成全部整改")).toBe("2026-11-30");
    expect(read("２０２６年１１月３０日")).toBe("2026-11-30");
  });

  it("reads a month and day as the next such day", () => {
    expect(read("11月30日前完成")).toBe("2026-11-30");
    expect(read("9月24号")).toBe("2026-09-24");
    expect(read("3月1日前")).toBe("2027-03-01");
  });

  it("reads a span in hours, days, working days, weeks or months, in digits or Chinese numerals", () => {
    expect(read("48小时内")).toBe("2026-09-26 09:00");
    expect(read("30日内完成")).toBe("2026-10-24");
    expect(read("30 天")).toBe("2026-10-24");
    expect(read("三十天内")).toBe("2026-10-24");
    expect(read("十五天")).toBe("2026-10-09");
    expect(read("两周内完成")).toBe("2026-10-08");
    expect(read("10个工作日")).toBe("2026-10-08");
    expect(read("一个月")).toBe("2026-10-24");
  });

  it("reads nothing from words alone, a day already past, nought, or more than a year", () => {
    expect(read("尽快")).toBeNull();
    expect(read("立即整改")).toBeNull();
    expect(read("2026-09-20")).toBeNull();
    expect(read("0天")).toBeNull();
    expect(read("2027-12-31")).toBeNull();
    expect(read("2026-02-30")).toBeNull();
    expect(read("400天")).toBeNull();
  });

  it("reads Chinese numerals up to hundreds", () => {
    expect([
      readCount("十"),
      readCount("十五"),
      readCount("二十"),
      readCount("一百二十"),
      readCount("两"),
    ]).toEqual([10, 15, 20, 120, 2]);
    expect(readCount("几")).toBeNull();
  });
});
