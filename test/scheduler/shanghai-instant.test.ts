import { describe, expect, it } from "vitest";
import { formatShanghai, parseShanghaiInstant } from "../../src/scheduler/shanghai-instant.ts";

describe("operator times", () => {
  it("reads a time without a zone as Asia/Shanghai, whatever the server's zone", () => {
    expect(parseShanghaiInstant("2026-09-24T09:07")?.toISOString()).toBe("2026-09-24T01:07:00.000Z");
    expect(parseShanghaiInstant("2026-09-24 09:07:30")?.toISOString()).toBe("2026-09-24T01:07:30.000Z");
    expect(parseShanghaiInstant("2026-09-24")?.toISOString()).toBe("2026-09-23T16:00:00.000Z");
  });

  it("keeps an explicit zone", () => {
    expect(parseShanghaiInstant("2026-09-24T01:07:00Z")?.toISOString()).toBe("2026-09-24T01:07:00.000Z");
    expect(parseShanghaiInstant("2026-09-24T09:07:00+08:00")?.toISOString()).toBe("2026-09-24T01:07:00.000Z");
  });

  it("refuses what is not a time", () => {
    for (const bad of ["tomorrow", "2026-02-30T09:00", "2026-09-24T25:00", ""])
      expect(parseShanghaiInstant(bad), bad).toBeUndefined();
  });

  it("prints an instant as Shanghai wall-clock time", () => {
    expect(formatShanghai(new Date("2026-09-30T16:30:00Z"))).toBe("2026-10-01 00:30");
  });
});
