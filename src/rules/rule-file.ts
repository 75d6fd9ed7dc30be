import { z } from "zod";
import { BasisRefsSchema, type Cited } from "../domain/basis/instrument.ts";
import { Grades } from "../domain/checklist/checklist.ts";
import { Roles } from "../domain/people/role.ts";

/** What a rule may ask for. A rule file naming any other event type is rejected at load. */
export const RuleEventTypes = ["open_ticket", "notify_role", "classify_report", "escalate"] as const;
export type RuleEventType = (typeof RuleEventTypes)[number];

/**
 * What a rule set judges: a submitted self-check, a grid worker's report, or an open ticket
 * during the periodic deadline sweep. Each scope has its own facts and events.
 */
export const RuleScopes = ["self_check", "grid_report", "ticket_sweep"] as const;
export type RuleScope = (typeof RuleScopes)[number];

export const FactsByScope: Record<RuleScope, readonly string[]> = {
  self_check: ["answers", "enterprise", "checklist", "campaign"],
  grid_report: ["report", "enterprise"],
  ticket_sweep: ["ticket", "enterprise"],
};

export const EventsByScope: Record<RuleScope, readonly RuleEventType[]> = {
  self_check: ["open_ticket", "notify_role"],
  grid_report: ["classify_report"],
  ticket_sweep: ["escalate"],
};

const Operators = [
  "equal",
  "notEqual",
  "lessThan",
  "lessThanInclusive",
  "greaterThan",
  "greaterThanInclusive",
  "in",
  "notIn",
  "contains",
  "doesNotContain",
  "mentionsAny",
] as const;

const LeafConditionSchema = z
  .object({
    fact: z.string().min(1),
    operator: z.enum(Operators),
    value: z.unknown(),
    path: z
      .string()
      .regex(/^\$\.[A-Za-z0-9_.]+$/, "must be a simple JSONPath such as $.question_id")
      .optional(),
  })
  .strict();
export type LeafCondition = z.infer<typeof LeafConditionSchema>;

export type Condition = LeafCondition | { all: Condition[] } | { any: Condition[] } | { not: Condition };

export const ConditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    LeafConditionSchema,
    z.object({ all: z.array(ConditionSchema).min(1) }).strict(),
    z.object({ any: z.array(ConditionSchema).min(1) }).strict(),
    z.object({ not: ConditionSchema }).strict(),
  ]),
);

/** The longest an immediate hazard (立即整改) may be given: three days, written in hours. */
export const MAX_IMMEDIATE_HOURS = 72;

/**
 * What a rule registers: the hazard key, its title, category, grade and basis, and its deadline
 * in whole days (`deadlineDays`) or, for imminent danger, hours (`deadlineHours`). `immediate`
 * marks a hazard the standards treat as 立即整改: its notice says to stop work and get people
 * out, and its deadline is at most three days.
 */
const HazardParamsShape = z
  .object({
    hazard: z.string().regex(/^[a-z][a-z0-9_.-]*$/, "must be a lower-case key such as hc.gas_detection"),
    title: z.string().min(1),
    category: z.string().min(1),
    grade: z.enum(Grades),
    deadlineDays: z.number().int().min(0).max(365).optional(),
    deadlineHours: z.number().int().min(1).max(MAX_IMMEDIATE_HOURS).optional(),
    immediate: z.boolean().optional(),
    basis: BasisRefsSchema,
    responsible: z.literal("enterprise_head"),
    evidenceQuestion: z.string().optional(),
    descriptionQuestion: z.string().optional(),
  })
  .strict();

type DeadlineShape = {
  deadlineDays?: number | undefined;
  deadlineHours?: number | undefined;
  immediate?: boolean | undefined;
};

/** Exactly one of days or hours; an immediate hazard within three days. */
function checkDeadline(p: DeadlineShape, ctx: z.RefinementCtx): void {
  if ((p.deadlineDays === undefined) === (p.deadlineHours === undefined))
    ctx.addIssue({
      code: "custom",
      path: ["deadlineDays"],
      message: "give the deadline once: deadlineDays (whole days) or deadlineHours (imminent danger)",
    });
  if (p.immediate && p.deadlineDays !== undefined && p.deadlineDays > 3)
    ctx.addIssue({
      code: "custom",
      path: ["deadlineDays"],
      message: `an immediate hazard (立即整改) is due within 3 days: use deadlineHours (at most ${MAX_IMMEDIATE_HOURS}) or deadlineDays 0-3`,
    });
}

/** Days are always there once loaded: hours round up to the days they reach into. */
const withDays = <P extends DeadlineShape>(p: P) => ({
  ...p,
  deadlineDays: p.deadlineDays ?? Math.ceil((p.deadlineHours ?? 0) / 24),
});

const OpenTicketParams = HazardParamsShape.superRefine(checkDeadline).transform(withDays);
/** Ticket parameters with the basis rendered from the catalogue at load. */
export type OpenTicketParams = Cited<z.infer<typeof OpenTicketParams>>;

/**
 * Who a rule tells about a new ticket. A major hazard is announced to the grid workers and leaders
 * when it is registered, whatever found it, so a rule cannot announce it a second time.
 */
const NotifyRoleParams = z
  .object({
    role: z.enum(Roles),
    message: z.enum(["notify.ticket_opened"]),
    hazard: z.string().min(1),
  })
  .strict();
export type NotifyRoleParams = z.infer<typeof NotifyRoleParams>;

/** How a grid worker's report is registered: the hazard it is and how grave. */
const ClassifyReportParams = HazardParamsShape.omit({
  responsible: true,
  evidenceQuestion: true,
  descriptionQuestion: true,
})
  .superRefine(checkDeadline)
  .transform(withDays);
export type ClassifyReportParams = Cited<z.infer<typeof ClassifyReportParams>>;

/** One escalation step of an open ticket: who is told, with which sentence; sent once per step. */
const EscalateParams = z
  .object({
    step: z.string().regex(/^[a-z][a-z0-9_]*$/, "must be snake_case"),
    role: z.enum(Roles),
    message: z.enum(["notify.deadline_soon", "notify.overdue", "notify.overdue_escalated"]),
  })
  .strict();
export type EscalateParams = z.infer<typeof EscalateParams>;

const EventSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("open_ticket"), params: OpenTicketParams }).strict(),
  z.object({ type: z.literal("notify_role"), params: NotifyRoleParams }).strict(),
  z.object({ type: z.literal("classify_report"), params: ClassifyReportParams }).strict(),
  z.object({ type: z.literal("escalate"), params: EscalateParams }).strict(),
]);
type EventSource = z.infer<typeof EventSchema>;
/** An event with its `basis` references rendered (see `Cited`); other events are as written. */
type CitedEvent<E> = E extends { params: { basis: unknown } }
  ? Omit<E, "params"> & { params: Cited<E["params"]> }
  : E;
export type RuleEvent = CitedEvent<EventSource>;

export const RuleSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9-]*$/, "must be kebab-case"),
    description: z.string().optional(),
    checklist: z.string().optional(),
    priority: z.number().int().min(1).max(100).optional(),
    conditions: z.union([
      z.object({ all: z.array(ConditionSchema).min(1) }).strict(),
      z.object({ any: z.array(ConditionSchema).min(1) }).strict(),
    ]),
    event: EventSchema,
  })
  .strict();
/** A rule as written in its file: `basis` is a list of references into the catalogue. */
export type RuleSource = z.infer<typeof RuleSchema>;
/** A rule as the app sees it: each `basis` rendered to its citation when the content was loaded. */
export type Rule = Omit<RuleSource, "event"> & { event: RuleEvent };

/**
 * The envelope of a rule file. Rules are validated one by one after it, so that one broken
 * rule does not hide the problems of the others.
 */
export const RuleFileSchema = z
  .object({ scope: z.enum(RuleScopes), rules: z.array(z.unknown()).min(1) })
  .strict();
export type RuleFile = z.infer<typeof RuleFileSchema>;

/** Every leaf condition of a rule with its path inside the rule, for cross-checks at load. */
export function leafConditions(
  c: Condition,
  path: (string | number)[],
): { leaf: LeafCondition; path: (string | number)[] }[] {
  if ("all" in c) return c.all.flatMap((x, i) => leafConditions(x, [...path, "all", i]));
  if ("any" in c) return c.any.flatMap((x, i) => leafConditions(x, [...path, "any", i]));
  if ("not" in c) return leafConditions(c.not, [...path, "not"]);
  return [{ leaf: c, path }];
}
