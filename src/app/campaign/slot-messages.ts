/**
 * The messages of one slot of campaign work, built from the database as it is now: reminders for the
 * heads still to submit, cards with live figures for the leaders still to acknowledge. Used by the
 * sweep (which sends them) and by the schedule preview (which prints them).
 */

import type { CampaignContent } from "../../content/campaign-content.ts";
import type { AreaNode } from "../../domain/area/area-tree.ts";
import { type LocalDate, toShanghaiDate } from "../../domain/calendar/local-date.ts";
import { buildLeaderCard, cardKeyOf } from "../../domain/campaign/leader-card.ts";
import { reminderBuilder } from "../../domain/campaign/reminder-message.ts";
import { type CampaignTemplate, occasionOf } from "../../domain/campaign/template.ts";
import type { CardWork, ReminderWork } from "../../domain/campaign/work.ts";
import type { OutboundMessage } from "../../domain/messages.ts";
import type { OutboxItem } from "../../domain/outbox-item.ts";
import type { Stores } from "../../store/stores.ts";
import {
  type HeadRecipient,
  leaderAudience,
  REMINDER_PAGE_SIZE,
  reminderCounts,
  reminderPages,
} from "./audience.ts";
import type { CampaignLike } from "./campaign-row.ts";

/** The outbox rows of one page of a reminder slot's heads. */
function reminderItems(
  content: CampaignContent,
  campaign: CampaignLike,
  template: CampaignTemplate,
  item: ReminderWork,
  heads: readonly HeadRecipient[],
  today: LocalDate,
): OutboxItem[] {
  const reminder = reminderBuilder(
    content.messages,
    item.stage,
    {
      campaign: campaign.name,
      anchor: campaign.anchorName ?? campaign.name,
      startsOn: campaign.startsOn,
      endsOn: campaign.endsOn,
      deadlineOn: campaign.deadlineOn,
      today,
    },
    occasionOf(template),
  );
  return heads.map((r) => ({
    key: `${item.key}:${r.personId}`,
    channel: r.channel,
    recipient: r.externalId,
    personId: r.personId,
    message: reminder({ enterprise: r.enterpriseName, person: r.personName }),
  }));
}

/**
 * The messages of one reminder slot, built from the current state of the database page by page
 * (`pageSize` heads each, by phone) and handed to `onPage` as they are built: a sweep over a
 * district holds one page at a time. Returns the slot's note (enterprises, submitted, unreachable,
 * messages).
 */
export async function forEachReminderPage(
  s: Stores,
  content: CampaignContent,
  campaign: CampaignLike,
  template: CampaignTemplate,
  item: ReminderWork,
  now: Date,
  onPage: (items: OutboxItem[]) => Promise<void>,
  pageSize = REMINDER_PAGE_SIZE,
): Promise<Record<string, number>> {
  const today = toShanghaiDate(now);
  let messages = 0;
  for await (const heads of reminderPages(s, campaign, template, item.variant, pageSize)) {
    const items = reminderItems(content, campaign, template, item, heads, today);
    messages += items.length;
    await onPage(items);
  }
  const { enterprises, submitted, unreachable } = await reminderCounts(s, campaign, template, item.variant);
  return { enterprises, submitted, unreachable, messages };
}

/** Messages for one reminder slot, all at once (the schedule preview prints them). */
export async function reminderMessages(
  s: Stores,
  content: CampaignContent,
  campaign: CampaignLike,
  template: CampaignTemplate,
  item: ReminderWork,
  now: Date,
): Promise<{ items: OutboxItem[]; note: Record<string, number> }> {
  const items: OutboxItem[] = [];
  const note = await forEachReminderPage(s, content, campaign, template, item, now, async (page) => {
    items.push(...page);
  });
  return { items, note };
}

/** Leaders who get one card slot (those who have not acknowledged it), with their cards. */
export async function cardMessages(
  s: Stores,
  content: CampaignContent,
  campaign: CampaignLike,
  template: CampaignTemplate,
  item: CardWork,
  areas: readonly AreaNode[],
  now: Date,
): Promise<{ items: (OutboxItem & { personId: string; chase: boolean })[]; cardKey: string }> {
  const cardKey = cardKeyOf(campaign.key, item.cardId);
  const leaders = await leaderAudience(s, campaign, areas, now);
  const cards = campaign.id === null ? [] : await s.campaigns.cardsOf(cardKey);
  const had = new Map(cards.map((c) => [c.personId, c]));
  const waiting = leaders.filter((l) => !had.get(l.personId)?.acknowledgedAt);
  const reachable = new Map(
    (await s.people.recipientsOf(waiting.map((l) => l.personId))).map((r) => [r.personId, r]),
  );
  const spec = template.leaders.cards.find((c) => c.id === item.cardId);
  const items: (OutboxItem & { personId: string; chase: boolean })[] = [];
  for (const leader of waiting) {
    const r = reachable.get(leader.personId);
    if (!r) continue;
    const chase = had.has(leader.personId);
    const message: OutboundMessage = buildLeaderCard(
      content.messages,
      {
        cardKey,
        campaignKey: campaign.key,
        campaign: campaign.name,
        anchor: campaign.anchorName ?? campaign.name,
        label: item.label,
        startsOn: campaign.startsOn,
        endsOn: campaign.endsOn,
        deadlineOn: campaign.deadlineOn,
        selfCheck: campaign.selfCheck,
        duties: spec?.duties ?? template.leaders.duties,
        chase,
      },
      leader.figures,
    );
    items.push({
      key: `${item.key}:${r.personId}`,
      channel: r.channel,
      recipient: r.externalId,
      personId: r.personId,
      message,
      chase,
    });
  }
  return { items, cardKey };
}
