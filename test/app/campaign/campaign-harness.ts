/** Test helpers for campaigns: a recording channel, clock ticks through a window, submissions. */

import { planFor } from "../../../src/app/campaign/manage-campaigns.ts";
import type { CampaignContent } from "../../../src/content/campaign-content.ts";
import { requireCampaignContent } from "../../../src/content/validate-all-content.ts";
import { shanghaiDateTime } from "../../../src/domain/calendar/local-date.ts";
import { campaignWork } from "../../../src/domain/campaign/work.ts";
import type { OutboundMessage } from "../../../src/domain/messages.ts";
import { Dispatcher } from "../../../src/outbox/dispatcher.ts";
import { runSweeps, type SweepReport } from "../../../src/scheduler/sweeps.ts";
import { ROOT, type TestApp } from "../../support/test-app.ts";

export const PROMPTS = `${ROOT}/prompts`;

/** The shipped campaign content. */
export function shippedCampaigns(): CampaignContent {
  return requireCampaignContent(PROMPTS);
}

/** A message as a person received it. */
export type Received = { to: string; at: string; text: string; message: OutboundMessage; key: string };

/** `YYYY-MM-DD HH:mm` in Asia/Shanghai. */
export const local = (at: Date) =>
  new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace("T", " ");

/** Delivers console messages of the app's outbox into a list, stamped with the app clock. */
export class Inbox {
  readonly received: Received[] = [];
  private dispatcher: Dispatcher;

  constructor(app: TestApp) {
    this.dispatcher = this.build(app);
  }

  private build(app: TestApp): Dispatcher {
    const d = new Dispatcher(app.deps.uow, app.deps.clock, app.deps.log);
    d.register({
      id: "console",
      send: async (recipient, message, delivery) => {
        const key = delivery?.key ?? "";
        this.received.push({
          to: recipient,
          at: local(app.deps.clock.now()),
          text: message.text,
          message,
          key,
        });
        return { ok: true };
      },
    });
    return d;
  }

  /** After a restart: deliver through the new app. */
  attach(app: TestApp): void {
    this.dispatcher = this.build(app);
  }

  async deliver(): Promise<void> {
    while ((await this.dispatcher.drain()) > 0) {
      // a batch may be followed by more
    }
  }

  to(phone: string): Received[] {
    return this.received.filter((r) => r.to === phone);
  }

  /**
   * `MM-DD HH:mm kind` lines for one person, for readable assertions. Notices of the hazard loop
   * (deadline reminders, escalations: outbox keys `sweep:…`) are left out; see {@link ticketNotices}.
   */
  timeline(phone: string): string[] {
    return this.to(phone)
      .filter((r) => !r.key.startsWith("sweep:"))
      .map((r) => `${r.at.slice(5)} ${kindOf(r.message)}`);
  }

  /** The hazard loop's deadline notices one person received. */
  ticketNotices(phone: string): Received[] {
    return this.to(phone).filter((r) => r.key.startsWith("sweep:"));
  }
}

/** What a message is: a reminder stage, a card, or a follow-up. */
export function kindOf(m: OutboundMessage): string {
  if (m.card) {
    const ack = m.card.choices[0]?.id ?? "";
    return `${m.text.includes("尚未确认") ? "follow-up" : "card"} ${ack.slice(4)}`;
  }
  if (m.choices?.[0]?.id === "selfcheck")
    return m.text.includes("今天是") ? "deadline" : m.text.includes("将至") ? "opened" : "chase";
  return "notice";
}

/**
 * The instants a cron tick matters in a window: every due time of the year's planned work (one minute
 * after, as a real tick would see it), plus a tick every `everyHours` hours that should change nothing.
 */
export function tickTimes(
  content: CampaignContent,
  year: number,
  from: Date,
  to: Date,
  everyHours = 3,
): Date[] {
  const times = new Set<number>();
  for (const plan of planFor(content, year).plans) {
    const template = content.templates.find((t) => t.id === plan.templateId);
    if (!template) continue;
    for (const w of campaignWork(plan, template, content.isWorkday)) times.add(w.dueAt.getTime() + 60_000);
  }
  for (let t = from.getTime(); t <= to.getTime(); t += everyHours * 3_600_000) times.add(t);
  return [...times]
    .filter((t) => t >= from.getTime() && t <= to.getTime())
    .sort((a, b) => a - b)
    .map((t) => new Date(t));
}

/** Moves the clock to each time, runs the sweeps and delivers; `at` hooks run before the sweep at that time. */
export async function runThrough(
  app: () => TestApp,
  inbox: Inbox,
  content: CampaignContent,
  times: readonly Date[],
  hooks: { at: Date; run: () => Promise<void> }[] = [],
): Promise<SweepReport[]> {
  const reports: SweepReport[] = [];
  const pending = [...hooks].sort((a, b) => a.at.getTime() - b.at.getTime());
  for (const t of times) {
    while (pending[0] && pending[0].at.getTime() <= t.getTime()) {
      const hook = pending.shift();
      if (!hook) break;
      app().clock.set(hook.at);
      await hook.run();
      await inbox.deliver();
    }
    app().clock.set(t);
    reports.push(await runSweeps(app().deps, content, t));
    await inbox.deliver();
  }
  return reports;
}

/** Records a submitted self-check of the enterprise whose head has this phone, for the campaign. */
export async function submitFor(app: TestApp, phone: string, campaignKey: string): Promise<void> {
  const db = app.db;
  const person = await db.person.findUniqueOrThrow({ where: { phone } });
  const campaign = await db.campaign.findUniqueOrThrow({ where: { key: campaignKey } });
  const now = app.clock.now();
  await db.selfCheckRun.create({
    data: {
      enterpriseId: person.enterpriseId ?? "",
      personId: person.id,
      campaignId: campaign.id,
      checklistId: "test",
      checklistVersion: 1,
      status: "submitted",
      startedAt: now,
      submittedAt: now,
    },
  });
}

/** An instant in Asia/Shanghai. */
export const sh = (date: string, time: string) => shanghaiDateTime(date, time);

/** Phones of the demo park used in campaign tests, with their supervision class. */
export const PEOPLE = {
  chemA1: "13900000001", // 华宁精细化工, class A, park p1
  chemA2: "13900000002", // 东泰危险品仓储, class A, park p1
  chemA3: "13900000003", // 瑞丰化学品经营, class A, park p1
  tradeB: "13900000006", // 鑫达机械制造, class B
  crowdedC: "13900000016", // 万达广场购物中心, class C
  smallD: "13900000024", // 老张家川菜馆, class D
  leaderDistrict: "13700000001", // 钱主任, district d1: all 30 enterprises
  leaderPark: "13700000002", // 孙书记, park p1: the 5 chemical enterprises
  admin: "13600000001",
} as const;
