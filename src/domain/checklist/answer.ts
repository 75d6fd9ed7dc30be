import { z } from "zod";

/** A stored answer. `skipped` marks an optional question the person chose to skip. */
export const AnswerValueSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("choice"), id: z.string() }),
  z.object({ kind: z.literal("choices"), ids: z.array(z.string()) }),
  z.object({ kind: z.literal("number"), value: z.number() }),
  z.object({ kind: z.literal("text"), value: z.string() }),
  z.object({ kind: z.literal("photos"), attachmentIds: z.array(z.string()) }),
  z.object({ kind: z.literal("skipped") }),
]);
export type AnswerValue = z.infer<typeof AnswerValueSchema>;
export type Answers = Record<string, AnswerValue>;

/** The plain value rules see for an answer: an option id, ids, a number, text, a photo count. */
export type FactValue = string | string[] | number | null;

export function factValue(a: AnswerValue | undefined): FactValue {
  if (!a) return null;
  switch (a.kind) {
    case "choice":
      return a.id;
    case "choices":
      return a.ids;
    case "number":
    case "text":
      return a.value;
    case "photos":
      return a.attachmentIds.length;
    case "skipped":
      return null;
  }
}
