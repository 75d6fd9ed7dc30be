import { z } from "zod";
import { Grades } from "../domain/checklist/checklist.ts";
import { Roles } from "../domain/people/role.ts";

/** What a rule may ask for. A rule file naming any other event type is rejected at load. */
export const RuleEventTypes = ["open_ticket", "notify_role"] as const;
export type RuleEventType = (typeof RuleEventTypes)[number];

/** Which facts a rule set sees, by what it judges. */
export const RuleScopes = ["self_check"] as const;
export type RuleScope = (typeof RuleScopes)[number];

export const FactsByScope: Record<RuleScope, readonly string[]> = {
  self_check: ["answers", "enterprise", "checklist", "campaign"],
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

const OpenTicketParams = z
  .object({
    hazard: z.string().regex(/^[a-z][a-z0-9_.-]*$/, "must be a lower-case key such as hc.gas_detection"),
    title: z.string().min(1),
    category: z.string().min(1),
    grade: z.enum(Grades),
    deadlineDays: z.number().int().min(0).max(365),
    basis: z.string().min(1),
    responsible: z.literal("enterprise_head"),
    evidenceQuestion: z.string().optional(),
    descriptionQuestion: z.string().optional(),
  })
  .strict();
export type OpenTicketParams = z.infer<typeof OpenTicketParams>;

const NotifyRoleParams = z
  .object({
    role: z.enum(Roles),
    message: z.enum(["notify.ticket_opened", "notify.major_hazard"]),
    hazard: z.string().min(1),
  })
  .strict();
export type NotifyRoleParams = z.infer<typeof NotifyRoleParams>;

const EventSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("open_ticket"), params: OpenTicketParams }).strict(),
  z.object({ type: z.literal("notify_role"), params: NotifyRoleParams }).strict(),
]);
export type RuleEvent = z.infer<typeof EventSchema>;

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
export type Rule = z.infer<typeof RuleSchema>;

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
