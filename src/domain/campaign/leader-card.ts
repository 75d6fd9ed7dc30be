/** 安全生产提示卡: what a leader sees for their areas at a campaign's key moments. */
import type { LocalDate } from "../calendar/local-date.ts";
import type { Card, OutboundMessage } from "../messages.ts";
import { type CampaignMessages, fill, formatDay } from "./campaign-messages.ts";

/** Prefix of the acknowledge button's choice id: `ack:<card key>`. */
export const ACK_CHOICE_PREFIX = "ack:";

/** The card key inside an acknowledge choice id, or undefined when the id is something else. */
export function parseAckChoice(choiceId: string): string | undefined {
  return choiceId.startsWith(ACK_CHOICE_PREFIX) ? choiceId.slice(ACK_CHOICE_PREFIX.length) : undefined;
}

/** The key of a card moment of a campaign, e.g. `2026-national_day:opening` (fits a 64-byte button id). */
export function cardKeyOf(campaignKey: string, cardId: string): string {
  return `${campaignKey}:${cardId}`;
}

/** Live figures for the enterprises of a leader's areas that the campaign targets. */
export type LeaderFigures = {
  /** Targeted enterprises in the leader's areas. */
  enterprises: number;
  /** Of those, how many submitted the campaign's self-check. */
  submitted: number;
  /** Hazards found in those enterprises since the campaign opened. */
  found: number;
  /** Of `found`, major ones. */
  foundMajor: number;
  /** Of `found`, closed (rectified and reviewed). */
  rectified: number;
  /** Of `found`, past their deadline and not closed. */
  overdue: number;
  /** Major hazards not closed, whenever found, with their enterprises. */
  majorOpen: { enterprise: string; title: string }[];
};

/** What a card is about. */
export type CardFacts = {
  cardKey: string;
  campaign: string;
  anchor: string;
  label: string;
  startsOn: LocalDate;
  endsOn: LocalDate;
  deadlineOn: LocalDate;
  selfCheck: boolean;
  duties: readonly string[];
  /** True for a follow-up to a leader who has the card but has not acknowledged it. */
  chase: boolean;
};

/** Completion as a whole percentage, rounded down so that 100% means every one. */
export function completionPercent(done: number, total: number): number {
  return total === 0 ? 0 : Math.floor((done * 100) / total);
}

/** Builds the card for one leader. */
export function buildLeaderCard(
  messages: CampaignMessages,
  facts: CardFacts,
  figures: LeaderFigures,
): OutboundMessage {
  const m = messages.card;
  const count = (n: number) => fill(m.count, { count: n });
  const lines: Card["lines"] = [
    { label: m.labels.campaign, value: facts.campaign },
    {
      label: m.labels.period,
      value: fill(m.period, {
        anchor: facts.anchor,
        starts: formatDay(messages, facts.startsOn),
        ends: formatDay(messages, facts.endsOn),
      }),
    },
  ];
  if (facts.selfCheck)
    lines.push(
      { label: m.labels.deadline, value: formatDay(messages, facts.deadlineOn, true) },
      {
        label: m.labels.completion,
        value: fill(m.completion, {
          done: figures.submitted,
          total: figures.enterprises,
          percent: completionPercent(figures.submitted, figures.enterprises),
        }),
      },
    );
  lines.push(
    { label: m.labels.found, value: fill(m.found, { count: figures.found, major: figures.foundMajor }) },
    { label: m.labels.rectified, value: count(figures.rectified) },
    { label: m.labels.overdue, value: count(figures.overdue) },
    {
      label: m.labels.major,
      value:
        figures.majorOpen.length === 0
          ? m.none
          : figures.majorOpen.map((h) => fill(m.majorItem, h)).join(m.listSeparator),
    },
    { label: m.labels.duties, value: facts.duties.map((d, i) => `${i + 1}. ${d}`).join("\n") },
  );
  const intro = facts.chase ? m.chaseIntro : m.intro;
  return {
    text: fill(intro, { campaign: facts.campaign, label: facts.label, anchor: facts.anchor }),
    card: { title: m.title, lines, choices: [{ id: `${ACK_CHOICE_PREFIX}${facts.cardKey}`, label: m.ack }] },
    expects: "choice",
  };
}
