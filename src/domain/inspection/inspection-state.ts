import { z } from "zod";
import { AnswerValueSchema } from "../checklist/answer.ts";
import { Grades } from "../checklist/checklist.ts";
import { Roles } from "../people/role.ts";
import { MeasureKinds } from "./inspection.ts";

/** Where an inspection in chat stands; the flow asks one thing per stage. */
export const InspectionStages = [
  "kind",
  "enterprise",
  "team",
  "outside_experts",
  "outside_staff",
  "findings",
  "checklist",
  "after_photo",
  "deadline",
  "documents",
  "measures",
  "fine",
  "note",
  "confirm",
] as const;
export type InspectionStage = (typeof InspectionStages)[number];

const Ref = z.object({ id: z.string(), name: z.string() });

const ClassSchema = z.object({
  hazard: z.string(),
  title: z.string(),
  category: z.string(),
  grade: z.enum(Grades),
  basis: z.string(),
  deadlineDays: z.number().int().min(0),
  /** Imminent danger: hours from the finding rather than days. */
  deadlineHours: z.number().int().positive().nullable(),
  /** 立即整改 by the rules: the notice says to stop work and get people out. */
  immediate: z.boolean(),
  ruleIds: z.array(z.string()),
});

/** A finding being collected: photos and a description, in either order. */
const DraftSchema = z.object({ photoIds: z.array(z.string()), description: z.string().nullable() });

/** A finding recorded in the flow: classified, fixed on the spot or given a deadline. */
export const FindingSchema = DraftSchema.extend({
  classification: ClassSchema,
  onSpot: z.boolean(),
  /** Photos of the site once fixed (立即整改). */
  afterPhotoIds: z.array(z.string()),
  /** The inspector's own deadline in days; null keeps the rules' deadline. */
  deadlineDays: z.number().int().min(1).nullable(),
});
export type Finding = z.infer<typeof FindingSchema>;
export type FindingDraft = z.infer<typeof DraftSchema>;

/** A checklist run inside an inspection, as a self-check keeps one: answers by question id. */
export const InspectionChecklistSchema = z.object({
  id: z.string(),
  version: z.number().int(),
  answers: z.record(z.string(), AnswerValueSchema),
  /** The question asked; null once every question is answered. */
  current: z.string().nullable(),
});
export type InspectionChecklist = z.infer<typeof InspectionChecklistSchema>;

/**
 * An on-site inspection (检查) in progress, kept in the conversation so that a restart resumes at
 * the same question. Nothing is written to the ledger until 提交.
 */
export const InspectionStateSchema = z.object({
  flow: z.literal("inspection"),
  stage: z.enum(InspectionStages),
  /** ISO instant the inspection was started. */
  startedAt: z.string(),
  /** A kind id of prompts/inspections.yaml. */
  kind: z.string().nullable(),
  enterprise: Ref.nullable(),
  /** The numbered enterprise list last shown, so "2" means what the person saw. */
  candidates: z.array(Ref),
  /** The people of the enterprise's area the team may be picked from, as numbered when shown. */
  people: z.array(Ref.extend({ role: z.enum(Roles) })),
  memberIds: z.array(z.string()),
  outsideExperts: z.number().int().min(0),
  outsideStaff: z.number().int().min(0),
  location: z
    .object({ latitude: z.number(), longitude: z.number(), label: z.string().nullable() })
    .nullable(),
  draft: DraftSchema,
  /** A classified finding waiting for its after photo or its deadline. */
  pending: FindingSchema.nullable(),
  findings: z.array(FindingSchema),
  /** Document type ids of prompts/inspections.yaml. */
  documents: z.array(z.string()),
  measures: z.array(z.enum(MeasureKinds)),
  fineFen: z.number().int().positive().nullable(),
  note: z.string().nullable(),
  /**
   * The enterprise's industry checklist being run from the inspector's side (stage `checklist`):
   * its answers so far and the question asked. Absent in states saved before it existed.
   */
  checklist: InspectionChecklistSchema.nullable().default(null),
});
export type InspectionState = z.infer<typeof InspectionStateSchema>;

/** A fresh inspection started at `startedAt`. */
export function emptyInspection(startedAt: Date): InspectionState {
  return {
    flow: "inspection",
    stage: "kind",
    startedAt: startedAt.toISOString(),
    kind: null,
    enterprise: null,
    candidates: [],
    people: [],
    memberIds: [],
    outsideExperts: 0,
    outsideStaff: 0,
    location: null,
    draft: { photoIds: [], description: null },
    pending: null,
    findings: [],
    documents: [],
    measures: [],
    fineFen: null,
    note: null,
    checklist: null,
  };
}
