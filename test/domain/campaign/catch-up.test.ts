import { describe, expect, it } from "vitest";
import { shanghaiDateTime } from "../../../src/domain/calendar/local-date.ts";
import {
  DEFAULT_CATCH_UP_POLICY,
  inQuietHours,
  triageDueWork,
} from "../../../src/domain/campaign/catch-up.ts";
import type { WorkItem } from "../../../src/domain/campaign/work.ts";

const at = (day: string, time: string) => shanghaiDateTime(day, time);
const reminder = (key: string, day: string, time: string, expires = at("2026-09-25", "00:00")): WorkItem => ({
  kind: "reminder",
  key,
  series: "reminder:A",
  dueAt: at(day, time),
  expiresAt: expires,
  day,
  time,
  variant: "A",
  stage: "chase",
});
const never = () => false;
const keys = (items: { key: string }[]) => items.map((i) => i.key);

describe("the catch-up policy", () => {
  const items = [
    reminder("r1", "2026-09-21", "09:07"),
    reminder("r2", "2026-09-21", "15:37"),
    reminder("r3", "2026-09-22", "09:07"),
    reminder("r4", "2026-09-22", "15:37"),
  ];

  it("runs due work on time and leaves future work alone", () => {
    const t = triageDueWork(items, never, at("2026-09-21", "09:08"));
    expect(keys(t.run)).toEqual(["r1"]);
    expect(t.skip).toEqual([]);
  });

  it("does nothing twice: done work is not due", () => {
    const t = triageDueWork(items, (k) => k === "r1", at("2026-09-21", "09:30"));
    expect(t).toEqual({ run: [], skip: [], deferred: [] });
  });

  it("after downtime sends only the latest missed item of a series and skips the older ones as superseded", () => {
    const t = triageDueWork(items, never, at("2026-09-22", "10:00"));
    expect(keys(t.run)).toEqual(["r3"]);
    expect(t.skip.map((s) => `${s.item.key} ${s.reason}`)).toEqual(["r1 superseded", "r2 superseded"]);
  });

  it("skips work more than 12 hours late as stale", () => {
    const t = triageDueWork(items.slice(0, 2), never, at("2026-09-22", "08:00"));
    expect(t.skip.map((s) => `${s.item.key} ${s.reason}`)).toEqual(["r1 superseded", "r2 stale"]);
  });

  it("skips expired work as too late (a reminder after its deadline day)", () => {
    const t = triageDueWork(items, never, at("2026-09-25", "08:00"));
    expect(t.skip.map((s) => `${s.item.key} ${s.reason}`)).toContain("r4 too_late");
    expect(t.run).toEqual([]);
  });

  it("holds late work back during quiet hours, but not work that is on time", () => {
    const late = triageDueWork(items.slice(0, 2), never, at("2026-09-21", "22:00"));
    expect(keys(late.deferred)).toEqual(["r2"]);
    expect(late.run).toEqual([]);
    const nightly = [reminder("n", "2026-09-21", "21:07")];
    expect(keys(triageDueWork(nightly, never, at("2026-09-21", "21:08")).run)).toEqual(["n"]);
  });

  it("knows the quiet window across midnight, in Asia/Shanghai", () => {
    const quiet = DEFAULT_CATCH_UP_POLICY.quietHours;
    expect(inQuietHours(at("2026-09-21", "20:59"), quiet)).toBe(false);
    expect(inQuietHours(at("2026-09-21", "21:00"), quiet)).toBe(true);
    expect(inQuietHours(at("2026-09-22", "03:00"), quiet)).toBe(true);
    expect(inQuietHours(at("2026-09-22", "07:30"), quiet)).toBe(false);
    expect(inQuietHours(at("2026-09-22", "03:00"), null)).toBe(false);
  });
});
