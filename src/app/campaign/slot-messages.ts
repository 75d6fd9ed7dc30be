/**
 * The messages of one slot of campaign work, built from the database as it is now: reminders for the
 * heads still to submit, cards with live figures for the leaders still to acknowledge. Used by the
 * sweep (which sends them) and by the schedule preview (which prints them).
 */

import type { CampaignContent } from "../../content/campaign-content.ts";
import type { AreaNode } from "../../domain/area/area-tree.ts";
import { toShanghaiDate } from "../../domain/calendar/local-date.ts";
import { buildLeaderCard, cardKeyOf } from "../../domain/campaign/leader-card.ts";
import { buildReminder } from "../../domain/campaign/reminder-message.ts";
import { type CampaignTemplate, occasionOf } from "../../domain/campaign/template.ts";
import type { CardWork, ReminderWork } from "../../domain/campaign/work.ts";
import type { OutboundMessage } from "../../domain/messages.ts";
import type { OutboxItem } from "../../domain/outbox-item.ts";
import type { Stores } from "../../store/stores.ts";
import { leaderAudience, reminderAudience } from "./audience.ts";
import type { CampaignLike } from "./campaign-row.ts";

/** Messages for one reminder slot, built from the current state of the database. */
export async function reminderMessages(
  s: Stores,
  content: CampaignContent,
  campaign: CampaignLike,
  template: CampaignTemplate,
  item: ReminderWork,
  now: Date,
): Promise<{ items: OutboxItem[]; note: Record<string, number> }> {
  const audience = await reminderAudience(s, campaign, template, item.variant);
  const today = toShanghaiDate(now);
  const items = audience.recipients.map((r) => ({
    key: `${item.key}:${r.personId}`,
    channel: r.channel,
    recipient: r.externalId,
    personId: r.personId,
    message: buildReminder(
      content.messages,
      item.stage,
      {
        campaign: campaign.name,
        anchor: campaign.anchorName ?? campaign.name,
        startsOn: campaign.startsOn,
        endsOn: campaign.endsOn,
        deadlineOn: campaign.deadlineOn,
        enterprise: r.enterpriseName,
        person: r.personName,
        today,
      },
      occasionOf(template),
    ),
  }));
  const { enterprises, submitted, unreachable } = audience;
  return { items, note: { enterprises, submitted, unreachable, messages: items.length } };
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
