import { z } from "zod";

/**
 * The six parts of a major hazard's treatment plan (重大事故隐患治理方案): goal and tasks,
 * methods and measures, funds and materials, organisation and people, time limit, safety
 * measures and contingency plan.
 */
export const PlanParts = ["goal", "methods", "funds", "organisation", "timeLimit", "safety"] as const;
export type PlanPart = (typeof PlanParts)[number];

export const TreatmentPlanSchema = z.object(
  Object.fromEntries(PlanParts.map((p) => [p, z.string().min(1)])) as Record<PlanPart, z.ZodString>,
);
export type TreatmentPlan = z.infer<typeof TreatmentPlanSchema>;

/** Reads a stored plan; null when there is none or it is incomplete. */
export function readPlan(json: string | null): TreatmentPlan | null {
  if (!json) return null;
  const parsed = TreatmentPlanSchema.safeParse(JSON.parse(json));
  return parsed.success ? parsed.data : null;
}
