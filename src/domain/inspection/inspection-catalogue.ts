import { z } from "zod";
import { sentence } from "../sentence-schema.ts";
import { InspectingRoles, MeasureKinds } from "./inspection.ts";

const text = z.string().min(1);
const id = z.string().regex(/^[a-z][a-z0-9_]*$/, "must be snake_case");

const KindSchema = z
  .object({
    id,
    label: text,
    /** The roles that may start this kind; every inspecting role when absent. */
    startedBy: z.array(z.enum(InspectingRoles)).min(1).optional(),
    /** Link the inspection to the enterprise's open holiday campaign when there is one. */
    linksCampaign: z.boolean().optional(),
  })
  .strict();

const DocumentSchema = z
  .object({
    id,
    label: text,
    /** The number series: `<prefix>-<year>-<sequence>`. */
    prefix: z.string().regex(/^[A-Z]{1,4}$/, "must be 1-4 capital letters, e.g. ZL"),
  })
  .strict();

/**
 * The enterprise's industry checklist run from the inspector's side (检查表): the words that start
 * it inside an inspection, and what the inspector is told.
 */
const ChecklistTextsSchema = z
  .object({
    /** What the inspector sends at the findings question to run the checklist. */
    words: z.array(text).min(1),
    hint: text,
    start: sentence(["title", "total"]),
    /** Replaces the self-check's controls line under each question. */
    controls: sentence(["skip"]),
    skip: sentence(["word"]),
    none: sentence(["industry"]),
    done: sentence(["count", "first", "last"]),
    done_one: sentence(["index"]),
    done_clean: text,
    in_progress: sentence(["title"]),
  })
  .strict();

/** A refinement: each item's key must be unique in its list. */
function unique<T>(key: (item: T) => string, what: string) {
  return (items: T[], ctx: z.RefinementCtx) => {
    const seen = new Set<string>();
    for (const [i, item] of items.entries()) {
      if (seen.has(key(item)))
        ctx.addIssue({ code: "custom", path: [i], message: `duplicate ${what} ${key(item)}` });
      seen.add(key(item));
    }
  };
}

/**
 * prompts/inspections.yaml: the kinds of inspection, the documents issued, the measures' labels,
 * and the wording of the inspector-side checklist.
 */
export const InspectionCatalogueSchema = z
  .object({
    kinds: z
      .array(KindSchema)
      .min(1)
      .superRefine(unique((k) => k.id, "kind id")),
    documents: z
      .array(DocumentSchema)
      .superRefine(unique((d) => d.id, "document id"))
      .superRefine(unique((d) => d.prefix, "document prefix")),
    measures: z
      .object(
        Object.fromEntries(MeasureKinds.map((k) => [k, text])) as Record<
          (typeof MeasureKinds)[number],
          typeof text
        >,
      )
      .strict(),
    checklist: ChecklistTextsSchema,
  })
  .strict();

/** Inspection kinds, documents and measure labels, as loaded from content. */
export type InspectionCatalogue = z.infer<typeof InspectionCatalogueSchema>;
export type InspectionKind = InspectionCatalogue["kinds"][number];
export type InspectionDocumentType = InspectionCatalogue["documents"][number];
