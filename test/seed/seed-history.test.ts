import { inflateSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { leaderAudience } from "../../src/app/campaign/audience.ts";
import { OPEN_STATUSES } from "../../src/domain/ticket/ticket-lifecycle.ts";
import { runSweeps } from "../../src/scheduler/sweeps.ts";
import { seedDemoIfEmpty } from "../../src/seed/seed-demo.ts";
import { createTestApp, type TestApp } from "../support/test-app.ts";

const AT = "2026-11-29T20:00:00+08:00";

/** Decodes an 8-bit RGB PNG far enough to prove it is whole: the size, and pixel data of that size. */
function decodedPngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const width = bytes.readUInt32BE(16);
  const height = bytes.readUInt32BE(20);
  const idat: Buffer[] = [];
  for (let at = 8; at < bytes.length; ) {
    const len = bytes.readUInt32BE(at);
    if (bytes.toString("ascii", at + 4, at + 8) === "IDAT") idat.push(bytes.subarray(at + 8, at + 8 + len));
    at += 12 + len;
  }
  expect(inflateSync(Buffer.concat(idat)).length).toBe((width * 3 + 1) * height);
  return { width, height };
}

/** A fresh demo park with its three months of history, as `npm start` seeds it on that day. */
async function seeded(): Promise<TestApp> {
  const app = await createTestApp({ seed: false, at: AT });
  await seedDemoIfEmpty(app.deps, { history: true });
  return app;
}

describe("the demo park with three months of history (npm start on an empty database)", () => {
  // Seeded once: the tests read it, and the one that sweeps runs last.
  let app: TestApp;
  beforeAll(async () => {
    app = await seeded();
  }, 60_000);
  afterAll(async () => app.close());

  it("has run its campaigns: one skipped (past its deadline when the history begins), one closed, one open", async () => {
    const campaigns = await app.db.campaign.findMany({ orderBy: { key: "asc" } });
    expect(campaigns.map((c) => `${c.key} ${c.status}`)).toEqual([
      "2026-flood_season skipped",
      "2026-national_day closed",
      "2026-winter_fire open",
      "2027-new_year planned",
    ]);
    const runs = await app.db.selfCheckRun.groupBy({ by: ["status"], _count: true });
    expect(runs).toEqual([{ status: "submitted", _count: expect.any(Number) }]);
    expect(runs[0]?._count).toBeGreaterThan(25);
    const cards = await app.db.leaderCard.findMany();
    expect(cards.length).toBeGreaterThan(5);
    expect(cards.some((c) => c.acknowledgedAt !== null)).toBe(true);
    expect(cards.some((c) => c.acknowledgedAt === null && c.sends > 1)).toBe(true);
  });

  it("has tickets in every state: overdue, returned, reopened, waiting for review and for 销号, closed majors", async () => {
    const now = app.clock.now();
    const tickets = await app.db.ticket.findMany();
    const count = (f: (t: (typeof tickets)[number]) => boolean) => tickets.filter(f).length;
    for (const status of ["open", "rectifying", "submitted", "returned", "closed", "reopened"])
      expect(
        count((t) => t.status === status),
        status,
      ).toBeGreaterThan(0);
    expect(count((t) => t.grade === "major" && t.status === "closed")).toBeGreaterThan(0);
    expect(count((t) => t.grade === "major" && t.status === "submitted")).toBeGreaterThan(0);
    expect(
      count((t) => (OPEN_STATUSES as readonly string[]).includes(t.status) && t.deadline < now),
    ).toBeGreaterThan(0);
    expect(count((t) => t.source === "self_check")).toBeGreaterThan(0);
    expect(count((t) => t.source === "grid_report")).toBeGreaterThan(0);
    // A major closed by a leader, after its head's treatment plan.
    const major = tickets.find(
      (t) => t.grade === "major" && t.status === "closed" && t.source === "grid_report",
    );
    expect(major?.treatmentPlan).toBeTruthy();
  });

  it("has photos before and after on most tickets, real PNG files in the file store", async () => {
    // The history's tickets (the demo inspections' are documented by their inspection papers).
    const tickets = await app.db.ticket.findMany({
      where: { source: { in: ["grid_report", "self_check"] } },
      include: { attachments: true },
    });
    const before = tickets.filter((t) => t.attachments.some((a) => a.purpose === "hazard"));
    expect(before.length / tickets.length).toBeGreaterThan(0.5);
    expect(before.some((t) => t.source === "grid_report")).toBe(true);
    expect(before.some((t) => t.source === "self_check")).toBe(true);
    const after = await app.db.attachment.findMany({
      where: { purpose: "rectification", ticketEventId: { not: null } },
      include: { ticketEvent: true },
    });
    expect(after.length).toBeGreaterThan(5);
    expect(after.every((a) => a.ticketEvent?.kind === "submitted")).toBe(true);
    const photos = await app.db.attachment.findMany({
      where: { purpose: { in: ["hazard", "rectification"] } },
    });
    for (const sha256 of new Set(photos.map((p) => p.sha256))) {
      const bytes = await app.deps.files.get(sha256);
      expect(decodedPngSize(bytes)).toEqual({ width: 320, height: 240 });
    }
  });

  it("gives the leader cards real numbers: completion, hazards, the missing and the leader's tasks", async () => {
    const figures = await app.deps.uow.read(async (s) => {
      const campaign = await s.campaigns.byKey("2026-winter_fire");
      if (!campaign) throw new Error("no winter campaign");
      return leaderAudience(s, campaign, await s.enterprises.areas(), app.clock.now());
    });
    const district = figures.find((f) => f.name === "钱主任")?.figures;
    expect(district?.submitted).toBeGreaterThan(0);
    expect(district?.found).toBeGreaterThan(0);
    expect((district?.tasks.overdue.length ?? 0) + (district?.tasks.signOff.length ?? 0)).toBeGreaterThan(0);
  });

  it("is the same history every time on the same day", async () => {
    const other = await seeded();
    const shape = async (a: TestApp) =>
      (await a.db.ticket.findMany({ orderBy: { number: "asc" }, include: { enterprise: true } })).map(
        (t) => `${t.number} ${t.enterprise.name} ${t.title} ${t.grade} ${t.status}`,
      );
    expect(await shape(other)).toEqual(await shape(app));
    expect(await other.db.selfCheckRun.count()).toBe(await app.db.selfCheckRun.count());
    await other.close();
  });

  it("leaves nothing old to send: starting the product now delivers none of the history", async () => {
    expect(await app.db.outboxMessage.count({ where: { status: { not: "sent" } } })).toBe(0);
    expect(await app.db.outboxMessage.count()).toBeGreaterThan(0);
    const report = await runSweeps(app.deps, app.deps.content.campaigns, app.clock.now());
    expect(report.work.outcomes.filter((o) => o.outcome === "sent")).toEqual([]);
  });

  it("is left out of the tests' demo park unless asked", async () => {
    const plain = await createTestApp({ at: AT });
    expect(await plain.db.campaign.count()).toBe(0);
    expect(await plain.db.ticket.count()).toBe(0);
    await plain.close();
  });
});
