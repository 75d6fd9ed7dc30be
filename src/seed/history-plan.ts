/** The demo history file (prompts/demo/demo-history.yaml) and the seeded random numbers it drives. */
import fs from "node:fs";
import path from "node:path";
import YAML from "yaml";
import { z } from "zod";
import { describeProblems, zodProblems } from "../content/content-problem.ts";
import { AppError } from "../domain/app-error.ts";
import { PlanParts } from "../domain/ticket/treatment-plan.ts";

/** What becomes of a seeded ticket. */
export const HISTORY_OUTCOMES = [
  "closed",
  "returned",
  "reopened",
  "submitted",
  "rectifying",
  "open",
] as const;
/** What becomes of a seeded ticket. */
export type HistoryOutcome = (typeof HISTORY_OUTCOMES)[number];

const rate = z.number().min(0).max(1);

const HistoryFileSchema = z.strictObject({
  days: z.number().int().min(7).max(365),
  seed: z.number().int(),
  selfChecks: z.strictObject({
    submitRate: rate,
    lateRate: rate,
    hazardRate: rate,
    note: z.string().min(1),
    percent: z.number(),
    count: z.number(),
  }),
  cards: z.strictObject({ acknowledgeRate: rate }),
  reports: z.array(
    z.strictObject({
      enterprise: z.string(),
      by: z.string(),
      daysAgo: z.number().int().min(1),
      description: z.string().min(1),
      location: z.string().min(1),
    }),
  ),
  outcomes: z.array(z.enum(HISTORY_OUTCOMES)),
  closeRate: rate,
  wording: z.strictObject({
    rectification: z.string().min(1),
    returnReason: z.string().min(1),
    reopenReason: z.string().min(1),
    plan: z.strictObject(
      Object.fromEntries(PlanParts.map((p) => [p, z.string().min(1)])) as Record<
        (typeof PlanParts)[number],
        z.ZodString
      >,
    ),
  }),
});

/** A validated demo history file. */
export type HistoryFile = z.infer<typeof HistoryFileSchema>;

/** Reads and validates `<promptsDir>/demo/demo-history.yaml`. */
export function readHistoryFile(promptsDir: string): HistoryFile {
  const file = path.join(promptsDir, "demo", "demo-history.yaml");
  const parsed = HistoryFileSchema.safeParse(YAML.parse(fs.readFileSync(file, "utf8")));
  if (!parsed.success)
    throw new AppError("invalid_content", describeProblems(zodProblems(file, parsed.error)));
  return parsed.data;
}

/** A seeded generator of numbers in [0, 1) (mulberry32): the same seed gives the same history. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
