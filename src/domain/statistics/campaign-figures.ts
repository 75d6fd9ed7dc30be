import { addDays, type LocalDate, shanghaiDateTime } from "../calendar/local-date.ts";
import type { Target } from "../campaign/template.ts";
import type { Figures } from "./report-figures.ts";

/** A campaign as the report reads it. */
export type CampaignInput = {
  id: string;
  key: string;
  name: string;
  status: string;
  opensOn: LocalDate;
  deadlineOn: LocalDate;
  endsOn: LocalDate;
  /** Last day with scheduled work; the campaign's days run from `opensOn` to this (or `endsOn`). */
  closesOn: LocalDate | null;
  selfCheck: boolean;
  target: Target;
};

/** A self-check run submitted for a campaign, whenever it was submitted. */
export type CampaignRunRow = { campaignId: string; enterpriseId: string; submittedAt: Date };

/** A 提示卡 sent to a leader for one card moment, with the leader's areas. */
export type CardRow = {
  campaignId: string;
  personId: string;
  firstSentAt: Date;
  /** Sends of this card, follow-ups included. */
  sends: number;
  acknowledgedAt: Date | null;
  /** The leader's areas (a report narrowed to an area counts leaders of areas within it). */
  areaIds: readonly string[];
};

/** 提示卡 figures of a campaign at the report moment. JSON keys are public. */
export type CardFigures = {
  /** Cards sent (次): one per leader and card moment. */
  sent: number;
  /** Sends, follow-ups of a card not yet acknowledged included. */
  sends: number;
  /** Cards acknowledged (已阅, 次). */
  acknowledged: number;
  /** Leaders sent at least one card (位). */
  leaders: number;
  /** Leaders who acknowledged at least one card (位). */
  leadersAcknowledged: number;
};

/** One campaign's figures in a report: 应查, 已查, 完成率, 提示卡, and the hazard figures of its days. */
export type CampaignFigures = {
  key: string;
  name: string;
  status: string;
  /** False for a campaign that only sends 提示卡 (no enterprise self-check, so no 应查 / 已查). */
  selfCheck: boolean;
  /** The campaign's days counted: its days (opening to closing) within the report period. */
  from: LocalDate;
  to: LocalDate;
  /** 应查: enterprises in the report's scope that the campaign's target selects. */
  enterprisesTargeted: number;
  /** 已查: of those, enterprises that submitted the campaign's self-check by the report moment. */
  enterprisesSubmitted: number;
  /** 完成率: enterprisesSubmitted ÷ enterprisesTargeted, 4 decimals; null without a self-check or targets. */
  completionRate: number | null;
  cards: CardFigures;
} & Figures;

/** The last day of a campaign's days (its closing day, or the end of its holiday or period). */
export function campaignLastDay(c: Pick<CampaignInput, "closesOn" | "endsOn">): LocalDate {
  return c.closesOn ?? c.endsOn;
}

/** The campaign's days within the period, or null when they do not meet. */
export function campaignDaysWithin(
  c: Pick<CampaignInput, "opensOn" | "closesOn" | "endsOn">,
  period: { from: LocalDate; to: LocalDate },
): { from: LocalDate; to: LocalDate } | null {
  const from = c.opensOn > period.from ? c.opensOn : period.from;
  const last = campaignLastDay(c);
  const to = last < period.to ? last : period.to;
  return from <= to ? { from, to } : null;
}

/** The instants `[start, end)` of a span of Shanghai days, in ms. */
export function daySpan(days: { from: LocalDate; to: LocalDate }): { start: number; end: number } {
  return {
    start: shanghaiDateTime(days.from, "00:00").getTime(),
    end: shanghaiDateTime(addDays(days.to, 1), "00:00").getTime(),
  };
}

/**
 * The 提示卡 figures of one campaign: cards first sent by the moment, and acknowledged by it;
 * when `areas` is given, only leaders with an area among them.
 */
export function cardFigures(
  cards: readonly CardRow[],
  moment: Date,
  areas: ReadonlySet<string> | null,
): CardFigures {
  const at = moment.getTime();
  const leaders = new Set<string>();
  const acknowledging = new Set<string>();
  let sent = 0;
  let sends = 0;
  let acknowledged = 0;
  for (const c of cards) {
    if (c.firstSentAt.getTime() > at) continue;
    if (areas !== null && !c.areaIds.some((a) => areas.has(a))) continue;
    sent++;
    sends += c.sends;
    leaders.add(c.personId);
    if (c.acknowledgedAt !== null && c.acknowledgedAt.getTime() <= at) {
      acknowledged++;
      acknowledging.add(c.personId);
    }
  }
  return { sent, sends, acknowledged, leaders: leaders.size, leadersAcknowledged: acknowledging.size };
}
