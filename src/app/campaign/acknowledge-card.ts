import { toShanghaiDate } from "../../domain/calendar/local-date.ts";
import { fill, formatDay } from "../../domain/campaign/campaign-messages.ts";
import type { OutboundMessage } from "../../domain/messages.ts";
import type { Stores } from "../../store/stores.ts";
import type { AppDeps } from "../app-deps.ts";

/**
 * 已阅 on a leader card (choice id `ack:<cardKey>`): records the acknowledgement, which stops the
 * follow-ups for that card, and answers. Pressing it again, or on a card this person never got,
 * changes nothing and says so.
 */
export async function acknowledgeCard(
  s: Stores,
  deps: AppDeps,
  personId: string,
  cardKey: string,
): Promise<OutboundMessage[]> {
  const { messages, templates } = deps.content.campaigns;
  const card = await s.campaigns.card(cardKey, personId);
  if (!card) return [{ text: messages.ack.unknown, expects: "none" }];
  if (card.acknowledgedAt) {
    const at = formatDay(messages, toShanghaiDate(card.acknowledgedAt));
    return [{ text: fill(messages.ack.already, { at }), expects: "none" }];
  }
  const now = deps.clock.now();
  // Pressed twice at once: the other press recorded it.
  if (!(await s.campaigns.acknowledgeCard(card.id, now)))
    return [
      { text: fill(messages.ack.already, { at: formatDay(messages, toShanghaiDate(now)) }), expects: "none" },
    ];
  await s.audit.record({
    at: now,
    actorId: personId,
    action: "campaign.card_acknowledged",
    subjectType: "leader_card",
    subjectId: card.id,
    detail: { cardKey },
  });
  const cardId = cardKey.slice(card.campaign.key.length + 1);
  const template = templates.find((t) => t.id === card.campaign.templateId);
  const label = template?.leaders.cards.find((c) => c.id === cardId)?.label ?? cardId;
  return [{ text: fill(messages.ack.done, { campaign: card.campaign.name, label }), expects: "none" }];
}
