/**
 * A campaign of the demo history, from the day it opens: its scheduled work done in its time (cards
 * to the leaders, some acknowledged a little later, follow-ups to the others), and the self-checks
 * its heads submit, on time, late, or never.
 */
import { acknowledgeCard } from "../app/campaign/acknowledge-card.ts";
import { leaderAudience } from "../app/campaign/audience.ts";
import { forWork } from "../app/campaign/campaign-row.ts";
import { DEFAULT_SYNC_OPTIONS } from "../app/campaign/sync-campaigns.ts";
import { CONSOLE_CHANNEL } from "../channels/console/console-session.ts";
import { templateOf } from "../content/campaign-content.ts";
import { addDays, type LocalDate, shanghaiDateTime, yearOf } from "../domain/calendar/local-date.ts";
import type { Campaign } from "../domain/campaign/campaign.ts";
import { cardKeyOf } from "../domain/campaign/leader-card.ts";
import { planYear } from "../domain/campaign/plan.ts";
import { campaignWork, WORK_KINDS, type WorkItem } from "../domain/campaign/work.ts";
import type { Stores } from "../store/stores.ts";
import { seededRandom } from "./history-plan.ts";
import { answerSelfCheck } from "./history-self-check.ts";
import type { HistoryContext } from "./history-timeline.ts";

const MINUTE = 60_000;

/** Plans what happens in a campaign that just opened; the number of self-checks it will see. */
export async function planCampaign(ctx: HistoryContext, campaign: Campaign): Promise<number> {
  const { deps, file, now, timeline } = ctx;
  const template = templateOf(deps.content.campaigns, campaign.templateId);
  if (!template) return 0;
  // A stream of its own per campaign, so leaders' 已阅 do not depend on how many questions were asked.
  const cardRandom = seededRandom(file.seed + hashOf(campaign.key));
  for (const item of campaignWork(forWork(campaign), template, deps.content.campaigns.isWorkday))
    if (item.dueAt.getTime() < now.getTime())
      timeline.add({ at: item.dueAt, run: (s) => doWork(ctx, s, campaign, item, cardRandom) });
  if (!campaign.selfCheck) return 0;
  const enterprises = await deps.uow.read((s) => s.campaigns.targeted(campaign.target));
  let submissions = 0;
  const never = missing(campaign.key, enterprises);
  for (const enterprise of [...enterprises].sort((a, b) => a.creditCode.localeCompare(b.creditCode))) {
    const head = ctx.people.find((p) => p.role === "enterprise_head" && p.enterprise?.id === enterprise.id);
    if (!head || never.has(enterprise.id) || ctx.random() >= file.selfChecks.submitRate) continue;
    const late = ctx.random() < file.selfChecks.lateRate;
    const day = late
      ? addDays(campaign.deadlineOn, 1)
      : dayBetween(campaign.opensOn, campaign.deadlineOn, ctx.random);
    const hour = String(9 + Math.floor(ctx.random() * 8)).padStart(2, "0");
    const minute = String(Math.floor(ctx.random() * 60)).padStart(2, "0");
    const when = shanghaiDateTime(day, `${hour}:${minute}`);
    if (when.getTime() >= now.getTime()) continue;
    submissions++;
    const actor = { person: head, channel: CONSOLE_CHANNEL, externalId: head.phone };
    timeline.add({
      at: when,
      opensTickets: true,
      run: async (s, d) => {
        await answerSelfCheck(s, d, actor, file, ctx.random);
      },
    });
  }
  return submissions;
}

/**
 * One slot of the campaign's work, claimed as the sweep claims it (so the live sweep finds it
 * done); a card goes to the leaders of the targeted areas, a follow-up to those without 已阅.
 */
async function doWork(
  ctx: HistoryContext,
  s: Stores,
  campaign: Campaign,
  item: WorkItem,
  cardRandom: () => number,
): Promise<void> {
  const slot = { key: item.key, kind: WORK_KINDS[item.kind], dueAt: item.dueAt };
  if (!(await s.scheduledWork.claimSlot(slot, item.dueAt))) return;
  await s.scheduledWork.settle(item.key, "sent", JSON.stringify({ history: true }));
  if (item.kind !== "card") return;
  const cardKey = cardKeyOf(campaign.key, item.cardId);
  const to =
    item.round === 0
      ? (await leaderAudience(s, campaign, ctx.areas, item.dueAt)).map((l) => l.personId)
      : (await s.campaigns.cardsOf(cardKey)).filter((c) => !c.acknowledgedAt).map((c) => c.personId);
  for (const personId of to) {
    await s.campaigns.recordCardSent({ cardKey, campaignId: campaign.id, personId }, item.dueAt);
    if (item.round > 0 || cardRandom() >= ctx.file.cards.acknowledgeRate) continue;
    const ackAt = new Date(item.dueAt.getTime() + (20 + Math.floor(cardRandom() * 160)) * MINUTE);
    if (ackAt.getTime() < ctx.now.getTime())
      ctx.timeline.add({
        at: ackAt,
        run: async (s2, d2) => {
          await acknowledgeCard(s2, d2, personId, cardKey);
        },
      });
  }
}

/** The days the campaign sweep changes something in `from`..`to`: a campaign created, opened or closed. */
export function campaignDays(ctx: HistoryContext, from: LocalDate, to: LocalDate): Set<LocalDate> {
  const content = ctx.deps.content.campaigns;
  const days = new Set<LocalDate>();
  for (let year = yearOf(from) - 1; year <= yearOf(to) + 1; year++)
    for (const plan of planYear(year, content.templates, content.planCalendar(year)).plans)
      for (const day of [
        addDays(plan.opensOn, -DEFAULT_SYNC_OPTIONS.createAheadDays),
        plan.opensOn,
        addDays(plan.closesOn, 1),
      ])
        if (day >= from && day <= to) days.add(day);
  return days;
}

/** Share of a campaign's enterprises that never submit, whatever the draw: there is always someone to chase. */
const ALWAYS_MISSING = 0.1;

/** The enterprises that never submit this campaign's self-check (at least one), chosen by a hash. */
function missing(
  campaignKey: string,
  enterprises: readonly { id: string; creditCode: string }[],
): Set<string> {
  const k = Math.max(1, Math.round(enterprises.length * ALWAYS_MISSING));
  const ranked = [...enterprises].sort(
    (a, b) => hashOf(`${campaignKey}:${a.creditCode}`) - hashOf(`${campaignKey}:${b.creditCode}`),
  );
  return new Set(ranked.slice(0, k).map((e) => e.id));
}

/** A small stable number for a text, to vary a seed. */
function hashOf(text: string): number {
  let h = 0;
  for (const ch of text) h = (Math.imul(h, 31) + (ch.codePointAt(0) ?? 0)) | 0;
  return h;
}

/** A day from `from` to `to` (both included), chosen by `random`. */
function dayBetween(from: LocalDate, to: LocalDate, random: () => number): LocalDate {
  const days: LocalDate[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) days.push(d);
  return days[Math.floor(random() * days.length)] ?? from;
}
