/**
 * A campaign template (`prompts/campaigns/templates/<id>.yaml`): what one holiday's or supervision
 * period's campaign looks like every year. The schema is the contract with admins who edit the files;
 * everything a template can say is checked here, when it is loaded.
 */
import { z } from "zod";
import { HOLIDAY_DATE_BASIS, HOLIDAY_KEYS, type HolidayDateBasis } from "../calendar/holiday-model.ts";
import { PERIOD_KEYS } from "../calendar/period-keys.ts";
import { type ChecklistOccasion, ChecklistOccasions } from "../checklist/checklist.ts";
import { type ClassSelection, classId, targetSchema } from "./target-schema.ts";

export { type ClassSelection, type Target, targetSchema } from "./target-schema.ts";

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/**
 * A send time `HH:mm` in Asia/Shanghai. Minutes :00 and :30 are refused: every scheduler in the
 * country fires then, so platforms are busiest and our own bursts would line up with theirs.
 */
export const sendTimeSchema = z
  .string()
  .regex(TIME, { message: "must be a time written HH:mm", abort: true })
  .refine((t) => !t.endsWith(":00") && !t.endsWith(":30"), {
    message: "pick a minute off the hour and half hour (e.g. 09:07), so sends do not pile up",
  });

/** The points a date rule counts from: the anchor's first and last day, the campaign's opening and deadline. */
export const DATE_RULE_BASES = ["start", "end", "opens", "deadline"] as const;
/** The point a date rule counts from. */
export type DateRuleBase = (typeof DATE_RULE_BASES)[number];

/**
 * A date relative to the anchor: `days` counts calendar days, `workdays` counts work days (so
 * `{ from: start, workdays: -1 }` is the last work day before the holiday, make-up Saturdays included).
 * Neither means the base day itself. `roll` moves a day that is not a work day to the next
 * (`forward`) or previous (`backward`) work day.
 */
export const dateRuleSchema = z
  .strictObject({
    from: z.enum(DATE_RULE_BASES),
    days: z.number().int().min(-120).max(120).optional(),
    workdays: z.number().int().min(-60).max(60).optional(),
    roll: z.enum(["forward", "backward"]).optional(),
  })
  .refine((r) => r.days === undefined || r.workdays === undefined, {
    message: "give either days or workdays, not both",
  });
/** A date relative to the anchor or to the campaign's own dates. */
export type DateRule = z.infer<typeof dateRuleSchema>;

/** Class ids and card ids end up in keys and button ids: short, no separators. */
const cardId = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,11}$/, { message: "lower-case letters, digits, _; at most 12" });

/** How often enterprises that have not submitted are reminded. */
export const cadenceSchema = z.strictObject({
  /** Remind on every n-th reminder day, counted from the first; the deadline day is always one. */
  everyDays: z.number().int().min(1).max(14).default(1),
  /** Send times on a reminder day. */
  times: z.array(sendTimeSchema).min(1).max(6),
  /** Send times on the deadline day, when they differ (a last call in the afternoon, say). */
  deadlineDay: z.array(sendTimeSchema).min(1).max(6).optional(),
});
/** A reminder cadence. */
export type Cadence = z.infer<typeof cadenceSchema>;

const leaderCardSchema = z.strictObject({
  id: cardId,
  /** Shown on the card, e.g. 启动部署, 自查截止, 假期首日, 节后总结. */
  label: z.string().min(1),
  on: dateRuleSchema,
  at: sendTimeSchema,
  /** Duties for this card instead of the template's. */
  duties: z.array(z.string().min(1)).min(1).optional(),
});
/** One moment at which leaders get a card. */
export type LeaderCardSpec = z.infer<typeof leaderCardSchema>;

const ID = /^[a-z][a-z0-9_]{0,23}$/;
const NAME_PLACEHOLDERS = ["year", "anchor"];

/** Schema of one template file. */
export const campaignTemplateSchema = z
  .strictObject({
    /** Also the key's suffix: campaign `2026-national_day` comes from template `national_day`. */
    id: z
      .string()
      .regex(ID, { message: "lower-case letters, digits and _, starting with a letter; at most 24" }),
    /** Campaign name; `{year}` and `{anchor}` (the holiday's or period's name) are filled in. */
    name: z
      .string()
      .min(1)
      .refine((n) => [...n.matchAll(/\{(\w+)\}/g)].every((m) => NAME_PLACEHOLDERS.includes(m[1] ?? "")), {
        message: `only the placeholders {${NAME_PLACEHOLDERS.join("}, {")}} are known`,
      }),
    anchor: z.union([
      z.strictObject({ holiday: z.enum(HOLIDAY_KEYS) }),
      z.strictObject({ period: z.enum(PERIOD_KEYS) }),
    ]),
    /**
     * A holiday that ends at most `withinDays` before this anchor starts is folded into this campaign
     * (2026: 中秋 09-25..27 and 国庆 10-01..07 make one 中秋节、国庆节 campaign), and gets none of its own.
     */
    absorbs: z
      .strictObject({ holiday: z.enum(HOLIDAY_KEYS), withinDays: z.number().int().min(0).max(31) })
      .optional(),
    opens: dateRuleSchema.refine((r) => r.from === "start" || r.from === "end", {
      message: "opens counts from start or end",
    }),
    deadline: dateRuleSchema.refine((r) => r.from !== "deadline", {
      message: "deadline counts from start, end or opens",
    }),
    target: targetSchema.default({}),
    /**
     * Which checklists its enterprises answer, and how its reminders are worded: `holiday` (节前自查,
     * the default) or a period's own (flood_season, winter_fire, resumption). Every industry the
     * target selects must have a checklist for it (`xunjian check`).
     */
    occasion: z.enum(ChecklistOccasions).default("holiday"),
    /** Enterprise self-check reminders; without this block the campaign sends leader cards only. */
    reminders: z
      .strictObject({
        /** Skip Saturdays, Sundays and holidays (make-up work days count as work days). */
        workdaysOnly: z.boolean().default(true),
        default: cadenceSchema,
        /** Stronger cadences for higher-risk supervision classes. */
        byClass: z.record(classId, cadenceSchema).default({}),
      })
      .optional(),
    leaders: z.strictObject({
      cards: z.array(leaderCardSchema).default([]),
      /** Re-sends to leaders who have not pressed 已阅, on the days after a card. */
      chase: z
        .strictObject({
          everyDays: z.number().int().min(1).max(14).default(1),
          at: sendTimeSchema,
          max: z.number().int().min(1).max(10),
          workdaysOnly: z.boolean().default(true),
        })
        .optional(),
      /** 工作要求 shown on every card. */
      duties: z.array(z.string().min(1)).min(1),
    }),
  })
  .superRefine((t, ctx) => {
    const seen = new Set<string>();
    for (const [i, card] of t.leaders.cards.entries()) {
      if (seen.has(card.id))
        ctx.addIssue({
          code: "custom",
          path: ["leaders", "cards", i, "id"],
          message: `card id "${card.id}" is used twice`,
        });
      seen.add(card.id);
    }
    if (t.reminders && Object.hasOwn(t.reminders.byClass, DEFAULT_VARIANT))
      ctx.addIssue({
        code: "custom",
        path: ["reminders", "byClass", DEFAULT_VARIANT],
        message: `"${DEFAULT_VARIANT}" is not a class; set the default cadence in reminders.default`,
      });
    if (t.absorbs && "holiday" in t.anchor && t.absorbs.holiday === t.anchor.holiday)
      ctx.addIssue({
        code: "custom",
        path: ["absorbs", "holiday"],
        message: "a template cannot absorb its own anchor",
      });
  });

/** A validated campaign template. */
export type CampaignTemplate = z.infer<typeof campaignTemplateSchema>;

/** The variant name of enterprises without a class of their own in `reminders.byClass`. */
export const DEFAULT_VARIANT = "default";

/** The reminder variant of an enterprise's class: the class itself when the template has a cadence for it. */
export function variantOf(template: CampaignTemplate, supervisionClass: string | null): string {
  const byClass = template.reminders?.byClass ?? {};
  return supervisionClass !== null && Object.hasOwn(byClass, supervisionClass)
    ? supervisionClass
    : DEFAULT_VARIANT;
}

/** The cadence of a variant. */
export function cadenceOf(template: CampaignTemplate, variant: string): Cadence | undefined {
  const reminders = template.reminders;
  if (!reminders) return undefined;
  return variant === DEFAULT_VARIANT ? reminders.default : reminders.byClass[variant];
}

/** The classes that have their own cadence (the others share the default one). */
export function classVariants(template: CampaignTemplate): string[] {
  return Object.keys(template.reminders?.byClass ?? {});
}

/** The classes a reminder variant reaches. */
export function classesOfVariant(template: CampaignTemplate, variant: string): ClassSelection {
  return variant === DEFAULT_VARIANT ? { except: classVariants(template) } : { only: variant };
}

/**
 * What a campaign's computed dates follow when its year has no official schedule: its holiday's
 * basis (lunar when it absorbs a lunar one, 中秋 into 国庆), lunar for 节后复工复产 (it follows 春节);
 * the other periods have fixed dates and are never computed.
 */
export function dateBasisOf(template: CampaignTemplate): HolidayDateBasis {
  if ("period" in template.anchor) return template.anchor.period === "resumption" ? "lunar" : "fixed";
  const own = HOLIDAY_DATE_BASIS[template.anchor.holiday];
  return template.absorbs && HOLIDAY_DATE_BASIS[template.absorbs.holiday] === "lunar" ? "lunar" : own;
}

/** The occasion of a campaign's template (the holiday one when the template is gone). */
export function occasionOf(template: CampaignTemplate | undefined): ChecklistOccasion {
  return template?.occasion ?? "holiday";
}
