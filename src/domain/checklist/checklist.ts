import { z } from "zod";
import { BasisRefsSchema, type Cited } from "../basis/instrument.ts";
import { Industries } from "../industry.ts";
import { Grades } from "./grade.ts";

/** Question kinds a checklist may use. */
export const QuestionKinds = ["yes_no", "single", "multi", "number", "text", "photo"] as const;
export type QuestionKind = (typeof QuestionKinds)[number];

/**
 * What a checklist is for: the holiday self-check (节前自查), or a supervision period that asks its
 * own questions (汛期, 冬季防火, 节后复工复产). A campaign template names the occasion its
 * enterprises answer; every industry has at most one checklist per occasion.
 */
export const ChecklistOccasions = ["holiday", "flood_season", "winter_fire", "resumption"] as const;
export type ChecklistOccasion = (typeof ChecklistOccasions)[number];

export { type Grade, Grades } from "./grade.ts";

const Id = z.string().regex(/^[a-z][a-z0-9_]*$/, "must be snake_case: lower-case letters, digits, _");

const OptionSchema = z.object({ id: Id, label: z.string().min(1) }).strict();

/** A hint for the hazard a bad answer reveals; rules decide, the hint documents and defaults. */
const HazardHintSchema = z
  .object({ category: z.string().min(1), grade: z.enum(Grades), basis: BasisRefsSchema.optional() })
  .strict();
/** A hazard hint as the app sees it: its basis rendered from the catalogue at load. */
export type HazardHint = Cited<z.infer<typeof HazardHintSchema>>;

/** When a follow-up group applies, judged on the parent's answer. */
const ConditionSchema = z.union([
  z.object({ equals: z.union([z.string(), z.number()]) }).strict(),
  z.object({ includes: z.string() }).strict(),
  z.object({ lessThan: z.number() }).strict(),
  z.object({ greaterThan: z.number() }).strict(),
]);
export type Condition = z.infer<typeof ConditionSchema>;

const QuestionFields = {
  id: Id,
  text: z.string().min(1),
  kind: z.enum(QuestionKinds),
  required: z.boolean().default(true),
  help: z.string().optional(),
  options: z.array(OptionSchema).min(2).optional(),
  allowNotApplicable: z.boolean().optional(),
  min: z.number().optional(),
  max: z.number().optional(),
  integer: z.boolean().optional(),
  unit: z.string().optional(),
  maxLength: z.number().int().positive().optional(),
  hazard: HazardHintSchema.optional(),
};

const LeafQuestionSchema = z.object(QuestionFields).strict();

const QuestionSchema = z
  .object({
    ...QuestionFields,
    followUps: z
      .array(z.object({ when: ConditionSchema, questions: z.array(LeafQuestionSchema).min(1) }).strict())
      .optional(),
  })
  .strict();

export const ChecklistSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9-]*$/, "must be kebab-case"),
    version: z.number().int().positive(),
    title: z.string().min(1),
    intro: z.string().optional(),
    occasion: z.enum(ChecklistOccasions).default("holiday"),
    industries: z.array(z.enum(Industries)).min(1),
    questions: z.array(QuestionSchema).min(1),
  })
  .strict()
  .superRefine((c, ctx) => {
    const seen = new Set<string>();
    const check = (q: z.infer<typeof LeafQuestionSchema>, path: (string | number)[]) => {
      if (seen.has(q.id))
        ctx.addIssue({ code: "custom", path: [...path, "id"], message: `duplicate question id "${q.id}"` });
      seen.add(q.id);
      const needsOptions = q.kind === "single" || q.kind === "multi";
      if (needsOptions && !q.options)
        ctx.addIssue({ code: "custom", path, message: `a ${q.kind} question needs options` });
      if (!needsOptions && q.options)
        ctx.addIssue({
          code: "custom",
          path: [...path, "options"],
          message: `a ${q.kind} question takes no options`,
        });
      if (q.min !== undefined && q.max !== undefined && q.min > q.max)
        ctx.addIssue({ code: "custom", path: [...path, "min"], message: "min is greater than max" });
    };
    for (const [i, q] of c.questions.entries()) {
      check(q, ["questions", i]);
      for (const [j, f] of (q.followUps ?? []).entries())
        for (const [k, fq] of f.questions.entries())
          check(fq, ["questions", i, "followUps", j, "questions", k]);
    }
  });

type WithHint<Q> = Omit<Q, "hazard"> & { hazard?: HazardHint };
export type LeafQuestion = WithHint<z.infer<typeof LeafQuestionSchema>>;
type QuestionSource = z.infer<typeof QuestionSchema>;
export type FollowUp = Omit<NonNullable<QuestionSource["followUps"]>[number], "questions"> & {
  questions: LeafQuestion[];
};
export type Question = Omit<WithHint<QuestionSource>, "followUps"> & { followUps?: FollowUp[] };
/** A checklist as written in its file: hazard hints cite by reference into the catalogue. */
export type ChecklistSource = z.infer<typeof ChecklistSchema>;
/** A checklist as the app sees it: every hazard hint's basis rendered when the content was loaded. */
export type Checklist = Omit<ChecklistSource, "questions"> & { questions: Question[] };

/** Every question of a checklist, follow-ups included, by id. */
export function questionIndex(checklist: Checklist): Map<string, LeafQuestion> {
  const index = new Map<string, LeafQuestion>();
  for (const q of checklist.questions) {
    index.set(q.id, q);
    for (const f of q.followUps ?? []) for (const fq of f.questions) index.set(fq.id, fq);
  }
  return index;
}
