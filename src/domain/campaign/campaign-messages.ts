/**
 * Wording of everything campaigns send (`prompts/campaigns/messages.yaml`): reminders, leader cards,
 * acknowledgements, admin alerts. Each template must keep the `{placeholders}` the code fills in;
 * a lost one fails at load time, naming the file and the path.
 */
import { z } from "zod";
import { fillTemplate } from "../calendar/labels.ts";
import { type LocalDate, weekday } from "../calendar/local-date.ts";
import type { ChecklistOccasion } from "../checklist/checklist.ts";

/** A string that must contain every listed `{placeholder}`. */
function template(...placeholders: string[]) {
  return z
    .string()
    .min(1)
    .superRefine((text, ctx) => {
      for (const p of placeholders)
        if (!text.includes(`{${p}}`)) ctx.addIssue({ code: "custom", message: `must contain {${p}}` });
    });
}
const text = z.string().min(1);

/** A period's own reminder wording; a stage left out keeps the holiday wording. */
const stageWording = z.strictObject({
  opened: template("enterprise", "deadline").optional(),
  chase: template("enterprise", "deadline").optional(),
  deadline: template("enterprise", "deadline").optional(),
});

/** Schema of messages.yaml. */
export const campaignMessagesSchema = z.strictObject({
  /** How a day is written, e.g. `{month}月{day}日`. */
  date: template("month", "day"),
  /** A day with its weekday, for deadlines, e.g. `{month}月{day}日（{weekday}）`. */
  dateWithWeekday: template("month", "day", "weekday"),
  /** Sunday first. */
  weekdays: z.array(text).length(7),
  reminder: z.strictObject({
    opened: template("enterprise", "deadline"),
    chase: template("enterprise", "deadline"),
    deadline: template("enterprise", "deadline"),
    /** Label of the button that starts the self-check. */
    start: text,
    /** Wording of a supervision period's reminders (template `occasion`), instead of the holiday one. */
    byOccasion: z
      .strictObject({
        flood_season: stageWording.optional(),
        winter_fire: stageWording.optional(),
        resumption: stageWording.optional(),
      } satisfies Record<Exclude<ChecklistOccasion, "holiday">, unknown>)
      .default({}),
  }),
  card: z.strictObject({
    title: text,
    intro: template("campaign", "label"),
    chaseIntro: template("campaign", "label"),
    labels: z.strictObject({
      campaign: text,
      period: text,
      deadline: text,
      completion: text,
      found: text,
      rectified: text,
      overdue: text,
      major: text,
      /** Enterprises of the leader's areas that have not submitted (self-check campaigns). */
      missing: text,
      /** What the leader has to do: majors to sign off, overdue tickets of their areas. */
      tasks: text,
      duties: text,
    }),
    period: template("anchor", "starts", "ends"),
    completion: template("done", "total", "percent"),
    found: template("count", "major"),
    count: template("count"),
    majorItem: template("enterprise", "title"),
    listSeparator: z.string(),
    none: text,
    ack: text,
    /** How many missing enterprises and task tickets a card names before it says how many more. */
    top: z.number().int().min(1).max(20),
    /** `{names}` is the first `top` names joined by `nameSeparator`; `{count}` all of them. */
    missingSome: template("names"),
    missingMore: template("names", "count"),
    nameSeparator: z.string(),
    task: z.strictObject({
      signOff: template("count", "items"),
      overdue: template("count", "items"),
      item: template("number", "enterprise", "title"),
      overdueItem: template("number", "enterprise", "title", "days"),
      /** After the first `top` items of a task. */
      more: template("count"),
    }),
    /** Label of the button that lists every missing enterprise in chat. */
    showAll: text,
  }),
  /** The reply to 查看全部: every missing enterprise of the leader's areas, with its heads. */
  missingList: z.strictObject({
    title: template("campaign", "count"),
    line: template("index", "enterprise", "class", "heads"),
    head: template("name", "phone"),
    noClass: text,
    noHead: text,
    none: template("campaign"),
    unknown: text,
    notLeader: text,
  }),
  ack: z.strictObject({
    done: template("campaign", "label"),
    already: template("at"),
    unknown: text,
  }),
  alerts: z.strictObject({
    dead: template("channel", "recipient", "attempts", "error"),
    /** A send in doubt (its process died during it, or it timed out): not sent again. */
    unconfirmed: template("channel", "recipient", "excerpt"),
    provisional: template("year", "campaign", "basis"),
    /** How computed dates were computed, by what the holiday follows (`{basis}` above). */
    provisionalBasis: z.strictObject({ lunar: text, solar_term: text, fixed: text }),
  }),
});

/** A validated messages.yaml. */
export type CampaignMessages = z.infer<typeof campaignMessagesSchema>;

/** Fills a template. */
export function fill(text: string, values: Readonly<Record<string, string | number>>): string {
  return fillTemplate(text, values);
}

/** A day as written in messages, e.g. 9月30日, or with its weekday 9月30日（周三）. */
export function formatDay(messages: CampaignMessages, date: LocalDate, withWeekday = false): string {
  return fill(withWeekday ? messages.dateWithWeekday : messages.date, {
    month: Number(date.slice(5, 7)),
    day: Number(date.slice(8, 10)),
    weekday: messages.weekdays[weekday(date)] ?? "",
    year: Number(date.slice(0, 4)),
  });
}
