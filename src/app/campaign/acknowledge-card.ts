import { toShanghaiDate } from "../../domain/calendar/local-date.ts";
import { fill, formatDay } from "../../domain/campaign/campaign-messages.ts";
import type { OutboundMessage } from "../../domain/messages.ts";
import type { Tx } from "../../store/database.ts";
import type { AppDeps } from "../app-deps.ts";
import { campaignContentFor } from "./campaign-content.ts";

/**
 * 已阅 on a leader card (choice id `ack:<cardKey>`): records the acknowledgement, which stops the
 * follow-ups for that card, and answers. Pressing it again, or on a card this person never got,
 * changes nothing and says so.
 */
export async function acknowledgeCard(
  tx: Tx,
  deps: AppDeps,
  personId: string,
  cardKey: string,
): Promise<OutboundMessage[]> {
  const { messages, templates } = campaignContentFor(deps.config.promptsDir);
  const card = await tx.leaderCard.findUnique({
    where: { cardKey_personId: { cardKey, personId } },
    include: { campaign: true },
  });
  if (!card) return [{ text: messages.ack.unknown, expects: "none" }];
  if (card.acknowledgedAt) {
    const at = formatDay(messages, toShanghaiDate(card.acknowledgedAt));
    return [{ text: fill(messages.ack.already, { at }), expects: "none" }];
  }
  const now = deps.clock.now();
  const taken = await tx.leaderCard.updateMany({
    where: { id: card.id, acknowledgedAt: null },
    data: { acknowledgedAt: now },
  });
  // Pressed twice at once: the other press recorded it.
  if (taken.count === 0)
    return [
      { text: fill(messages.ack.already, { at: formatDay(messages, toShanghaiDate(now)) }), expects: "none" },
    ];
  await tx.auditLog.create({
    data: {
      at: now,
      actorId: personId,
      action: "campaign.card_acknowledged",
      subjectType: "leader_card",
      subjectId: card.id,
      detail: JSON.stringify({ cardKey }),
    },
  });
  const cardId = cardKey.slice(card.campaign.key.length + 1);
  const template = templates.find((t) => t.id === card.campaign.templateId);
  const label = template?.leaders.cards.find((c) => c.id === cardId)?.label ?? cardId;
  return [{ text: fill(messages.ack.done, { campaign: card.campaign.name, label }), expects: "none" }];
}
