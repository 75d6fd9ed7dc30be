/**
 * A reminder slot is read in pages (a sweep never holds a whole district): whatever the page size,
 * the same heads get the same reminders, each once, on their newest account, by phone, and the
 * slot's counts are those of the whole target.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type HeadRecipient, reminderCounts, reminderPages } from "../../src/app/campaign/audience.ts";
import { forWork } from "../../src/app/campaign/campaign-row.ts";
import { forEachReminderPage } from "../../src/app/campaign/slot-messages.ts";
import { templateOf } from "../../src/content/campaign-content.ts";
import { DEFAULT_VARIANT } from "../../src/domain/campaign/template.ts";
import { campaignWork, type ReminderWork } from "../../src/domain/campaign/work.ts";
import { shippedCampaigns } from "../app/campaign/campaign-harness.ts";
import { createTestApp, type TestApp } from "../support/test-app.ts";

const content = shippedCampaigns();
const template = (() => {
  const t = templateOf(content, "national_day");
  if (!t) throw new Error("national_day template missing");
  return t;
})();
const CLASSES = ["A", "B", "C", "D", null] as const;
const ENTERPRISES = 23;

let app: TestApp;
const campaign = {
  id: "c-paged",
  key: "2026-national_day",
  name: "2026年国庆节",
  anchorName: "国庆节",
  opensOn: "2026-09-18",
  deadlineOn: "2026-09-29",
  startsOn: "2026-10-01",
  endsOn: "2026-10-08",
  target: {},
};

beforeEach(async () => {
  app = await createTestApp({ seed: false, at: "2026-09-18T09:00:00+08:00" });
  const now = app.clock.now();
  await app.db.area.create({ data: { id: "d1", name: "区", kind: "district" } });
  await app.db.campaign.create({
    data: {
      id: campaign.id,
      key: campaign.key,
      templateId: "national_day",
      name: campaign.name,
      anchorName: campaign.anchorName,
      opensOn: campaign.opensOn,
      deadlineOn: campaign.deadlineOn,
      startsOn: campaign.startsOn,
      endsOn: campaign.endsOn,
      closesOn: "2026-10-09",
      status: "open",
      target: "{}",
      selfCheck: true,
    },
  });
  for (let i = 0; i < ENTERPRISES; i++) {
    await app.db.enterprise.create({
      data: {
        id: `e${i}`,
        creditCode: `PAGED${String(i).padStart(13, "0")}`,
        name: `企业${i}`,
        industry: "small_venues",
        supervisionClass: CLASSES[i % CLASSES.length],
        areaId: "d1",
      },
    });
    // Phones in an order unlike the ids, so paging by phone is tested, not by insertion.
    const phone = `139${String((i * 7) % ENTERPRISES).padStart(8, "0")}`;
    await app.db.person.create({
      data: {
        id: `p${i}`,
        name: `负责人${i}`,
        phone,
        role: "enterprise_head",
        enterpriseId: `e${i}`,
        active: i !== 5, // an inactive head gets nothing
        updatedAt: now,
      },
    });
    // Enterprise 4's head has no chat account (unreachable); 8's has two (the newer one is used).
    if (i === 4) continue;
    await app.db.channelIdentity.create({
      data: {
        channel: "console",
        externalId: phone,
        personId: `p${i}`,
        boundAt: new Date(now.getTime() - 86_400_000),
      },
    });
    if (i === 8)
      await app.db.channelIdentity.create({
        data: { channel: "telegram", externalId: "tg-8", personId: `p${i}`, boundAt: now },
      });
  }
  // Two enterprises submitted already.
  for (const i of [1, 12])
    await app.db.selfCheckRun.create({
      data: {
        enterpriseId: `e${i}`,
        personId: `p${i}`,
        campaignId: campaign.id,
        checklistId: "small-venues",
        checklistVersion: 1,
        status: "submitted",
        startedAt: now,
        submittedAt: now,
      },
    });
});

afterEach(async () => {
  await app.close();
});

async function collect(variant: string, pageSize: number): Promise<HeadRecipient[][]> {
  return app.deps.uow.read(async (s) => {
    const pages: HeadRecipient[][] = [];
    for await (const page of reminderPages(s, campaign, template, variant, pageSize)) pages.push(page);
    return pages;
  });
}

describe("paged reminder audience", () => {
  it("gives the same heads in the same order for every page size, each once", async () => {
    // Every class in one selection: the default variant without class cadences is every class.
    for (const variant of [DEFAULT_VARIANT, "A", "B"]) {
      const whole = (await collect(variant, 1000)).flat();
      for (const size of [1, 2, 3, 7]) {
        const pages = await collect(variant, size);
        expect(pages.every((p) => p.length <= size && p.length > 0)).toBe(true);
        expect(pages.flat()).toEqual(whole);
      }
    }
  });

  it("reminds exactly the pending, active, reachable heads, by phone, on their newest account", async () => {
    const all = [
      ...(await collect(DEFAULT_VARIANT, 2)).flat(),
      ...(await collect("A", 2)).flat(),
      ...(await collect("B", 2)).flat(),
    ];
    const expected = Array.from({ length: ENTERPRISES }, (_, i) => i).filter(
      (i) => ![1, 12].includes(i) && i !== 5 && i !== 4,
    );
    expect(all.map((r) => r.enterpriseId).sort()).toEqual(expected.map((i) => `e${i}`).sort());
    expect(new Set(all.map((r) => r.personId)).size).toBe(all.length);
    const eight = all.find((r) => r.personId === "p8");
    expect(eight).toMatchObject({ channel: "telegram", externalId: "tg-8", enterpriseName: "企业8" });
    const a = (await collect("A", 2)).flat();
    const phones = await app.db.person.findMany({ where: { id: { in: a.map((r) => r.personId) } } });
    const phoneOf = new Map(phones.map((p) => [p.id, p.phone]));
    const order = a.map((r) => phoneOf.get(r.personId) ?? "");
    expect(order).toEqual([...order].sort());
  });

  it("counts the whole target, not a page", async () => {
    const counts = await app.deps.uow.read((s) => reminderCounts(s, campaign, template, "A"));
    // Class A: enterprises 0, 5, 10, 15, 20; none submitted; 5's head is inactive.
    expect(counts).toEqual({ enterprises: 5, submitted: 0, unreachable: 1 });
    const b = await app.deps.uow.read((s) => reminderCounts(s, campaign, template, "B"));
    // Class B: 1 (submitted), 6, 11, 16, 21.
    expect(b).toEqual({ enterprises: 5, submitted: 1, unreachable: 0 });
  });

  it("builds one reminder per head across page boundaries, with the slot's note", async () => {
    const stored = await app.deps.uow.read((s) => s.campaigns.byId(campaign.id));
    if (!stored) throw new Error("campaign missing");
    const item = campaignWork(forWork(stored), template, content.isWorkday).find(
      (w): w is ReminderWork => w.kind === "reminder" && w.variant === DEFAULT_VARIANT,
    );
    if (!item) throw new Error("no default reminder slot");
    const run = (size: number) =>
      app.deps.uow.read(async (s) => {
        const pages: string[][] = [];
        const note = await forEachReminderPage(
          s,
          content,
          stored,
          template,
          item,
          app.clock.now(),
          async (page) => {
            pages.push(page.map((m) => `${m.key}|${m.recipient}|${m.message.text}`));
          },
          size,
        );
        return { pages, note };
      });
    const one = await run(1000);
    const paged = await run(2);
    expect(paged.pages.length).toBeGreaterThan(1);
    expect(paged.pages.flat()).toEqual(one.pages.flat());
    expect(paged.note).toEqual(one.note);
    expect(one.note.messages).toBe(one.pages.flat().length);
    expect(new Set(one.pages.flat().map((l) => l.split("|")[0])).size).toBe(one.note.messages);
  });
});
