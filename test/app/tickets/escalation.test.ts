import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { sweepTickets } from "../../../src/app/tickets/sweep-tickets.ts";
import { createTestApp, kindsContent, type TestApp } from "../../support/test-app.ts";
import { openTwoTickets, P } from "./ticket-fixtures.ts";

const HOUR = 3_600_000;

describe("deadline reminders and escalation, run by a periodic sweep with a fake clock", () => {
  let app: TestApp;
  beforeEach(async () => {
    // Opened 2026-09-24 09:00: the general ticket is due 2026-09-27 23:59, the major one 2026-10-24 23:59.
    app = await createTestApp(kindsContent());
    await openTwoTickets(app);
  });
  afterEach(async () => app.close());

  /** Everything each person has received since the last call, as text. */
  const inbox = async () => {
    const got: Record<string, string[]> = {};
    for (const [who, phone] of Object.entries(P))
      got[who] = (await app.chat(phone).pull()).map((m) => m.text);
    return got;
  };
  /** Sweeps every hour between now and `until`, as the scheduler would. */
  const sweepUntil = async (until: string) => {
    const end = new Date(until).getTime();
    let steps = 0;
    while (app.clock.now().getTime() < end) {
      app.clock.advance(HOUR);
      steps += (await sweepTickets(app.deps)).stepsSent;
    }
    return steps;
  };

  it("reminds the head the day before, tells the grid worker on overdue, the leaders after 3 days, each exactly once", async () => {
    // The day before the deadline, at the first sweep after quiet hours (21:00–07:30).
    expect(await sweepUntil("2026-09-26T07:00:00+08:00")).toBe(0);
    expect(await sweepUntil("2026-09-26T08:00:00+08:00")).toBe(1);
    let got = await inbox();
    expect(got.head).toEqual([
      "【整改提醒】隐患 YH-2026-000001（安全出口堵塞）整改期限为 2026-09-27，请抓紧整改并提交。",
    ]);
    expect(got.gridWorker).toEqual([]);

    expect(await sweepUntil("2026-09-28T07:00:00+08:00")).toBe(0);
    expect(await sweepUntil("2026-09-28T08:00:00+08:00")).toBe(1);
    got = await inbox();
    expect(got.gridWorker).toEqual([
      "【逾期】华宁精细化工有限公司 的隐患 YH-2026-000001（安全出口堵塞）已超过整改期限 2026-09-27，请督促整改。",
    ]);
    expect(got.head).toEqual([]);
    expect(got.leader).toEqual([]);

    expect(await sweepUntil("2026-09-30T07:00:00+08:00")).toBe(0);
    expect(await sweepUntil("2026-09-30T08:00:00+08:00")).toBe(1);
    got = await inbox();
    expect(got.leader).toEqual([
      "【逾期升级】华宁精细化工有限公司 的隐患 YH-2026-000001（安全出口堵塞）已逾期 3 天未整改（期限 2026-09-27），请关注督办。",
    ]);
    expect(got.districtLeader).toHaveLength(1);
    expect(got.otherGridWorker).toEqual([]);
    expect(got.otherHead).toEqual([]);

    // Days of further sweeps send nothing more for these steps.
    expect(await sweepUntil("2026-10-05T01:00:00+08:00")).toBe(0);
    expect(Object.values(await inbox()).flat()).toEqual([]);
    const steps = await app.db.scheduledWork.findMany({
      where: { kind: "ticket_step" },
      orderBy: { dueAt: "asc" },
    });
    expect(steps.map((s) => s.key.split(":").at(-1))).toEqual([
      "deadline_soon",
      "overdue",
      "overdue_escalated",
    ]);
  });

  it("does not chase a ticket that was closed, and sweeping twice at the same moment sends once", async () => {
    app.clock.set(new Date("2026-09-27T09:00:00+08:00"));
    const [a, b] = await Promise.all([sweepTickets(app.deps), sweepTickets(app.deps)]);
    expect(a.stepsSent + b.stepsSent).toBe(1);
    expect((await inbox()).head).toHaveLength(1);
    await app.db.ticket.update({ where: { number: "YH-2026-000001" }, data: { status: "closed" } });
    app.clock.set(new Date("2026-10-10T09:00:00+08:00"));
    expect((await sweepTickets(app.deps)).stepsSent).toBe(0);
  });
});
