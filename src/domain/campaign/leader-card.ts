/** 安全生产提示卡: what a leader sees for their areas at a campaign's key moments. */
import type { LocalDate } from "../calendar/local-date.ts";
import type { Card, OutboundMessage } from "../messages.ts";
import { type CampaignMessages, fill, formatDay } from "./campaign-messages.ts";

/** Prefix of the acknowledge button's choice id: `ack:<card key>`. */
export const ACK_CHOICE_PREFIX = "ack:";

/** Prefix of the 查看全部 button's choice id: `missing:<campaign key>`. */
export const MISSING_CHOICE_PREFIX = "missing:";

/** The campaign key inside a 查看全部 choice id, or undefined when the id is something else. */
export function parseMissingChoice(choiceId: string): string | undefined {
  return choiceId.startsWith(MISSING_CHOICE_PREFIX)
    ? choiceId.slice(MISSING_CHOICE_PREFIX.length)
    : undefined;
}

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
  /** Targeted enterprises that have not submitted, in the order the card names them. */
  missing: string[];
  /** The leader's own tasks in their areas, whatever the campaign targets. */
  tasks: LeaderTasks;
};

/** A ticket a leader has to act on. */
export type TaskTicket = { number: string; enterprise: string; title: string };

/** What a leader has to do: sign off majors (销号), chase overdue rectifications. */
export type LeaderTasks = {
  /** Major hazards submitted and waiting for the leader's (or an admin's) sign-off. */
  signOff: TaskTicket[];
  /** Tickets the enterprise still owes past their deadline, most overdue first. */
  overdue: (TaskTicket & { days: number })[];
};

/**
 * The order a card names missing enterprises in: by supervision class (A first, none last), then
 * by name in pinyin order, which is how an office reads a list.
 */
export function byClassAndName(
  a: { name: string; supervisionClass: string | null },
  b: { name: string; supervisionClass: string | null },
): number {
  const ca = a.supervisionClass ?? "\uffff";
  const cb = b.supervisionClass ?? "\uffff";
  return ca < cb ? -1 : ca > cb ? 1 : a.name.localeCompare(b.name, "zh-CN");
}

/** What a card is about. */
export type CardFacts = {
  cardKey: string;
  /** The campaign's key, carried by the 查看全部 button. */
  campaignKey: string;
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
      { label: m.labels.missing, value: missingText(messages, figures.missing) },
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
    { label: m.labels.tasks, value: tasksText(messages, figures.tasks) },
    { label: m.labels.duties, value: facts.duties.map((d, i) => `${i + 1}. ${d}`).join("\n") },
  );
  const intro = facts.chase ? m.chaseIntro : m.intro;
  const choices = [{ id: `${ACK_CHOICE_PREFIX}${facts.cardKey}`, label: m.ack }];
  if (facts.selfCheck && figures.missing.length > 0)
    choices.push({ id: `${MISSING_CHOICE_PREFIX}${facts.campaignKey}`, label: m.showAll });
  return {
    text: fill(intro, { campaign: facts.campaign, label: facts.label, anchor: facts.anchor }),
    card: { title: m.title, lines, choices },
    expects: "choice",
  };
}

/** The first `top` missing enterprises, and how many in all when there are more. */
function missingText(messages: CampaignMessages, missing: readonly string[]): string {
  const m = messages.card;
  if (missing.length === 0) return m.none;
  const names = missing.slice(0, m.top).join(m.nameSeparator);
  return missing.length > m.top
    ? fill(m.missingMore, { names, count: missing.length })
    : fill(m.missingSome, { names });
}

/** One line per task the leader has, each naming its first `top` tickets. */
function tasksText(messages: CampaignMessages, tasks: LeaderTasks): string {
  const m = messages.card;
  const items = <T extends TaskTicket>(list: readonly T[], item: (t: T) => string) =>
    [
      ...list.slice(0, m.top).map(item),
      ...(list.length > m.top ? [fill(m.task.more, { count: list.length })] : []),
    ].join(m.listSeparator);
  const lines: string[] = [];
  if (tasks.signOff.length > 0)
    lines.push(
      fill(m.task.signOff, {
        count: tasks.signOff.length,
        items: items(tasks.signOff, (t) => fill(m.task.item, t)),
      }),
    );
  if (tasks.overdue.length > 0)
    lines.push(
      fill(m.task.overdue, {
        count: tasks.overdue.length,
        items: items(tasks.overdue, (t) => fill(m.task.overdueItem, t)),
      }),
    );
  return lines.length > 0 ? lines.join("\n") : m.none;
}
