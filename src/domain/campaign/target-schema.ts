// A campaign's target schema apart from template.ts: the campaign store reads targets on every
// command (a report's campaign figures), and the template schemas around them cost some 15 ms to load.
import { z } from "zod";
import { Industries } from "../industry.ts";

/** A supervision class id (分级分类, local policy such as A–D). */
export const classId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,16}$/, { message: "letters, digits, _ or -, at most 16" });

/** Which enterprises a campaign concerns; an absent list means "all". */
export const targetSchema = z.strictObject({
  industries: z.array(z.enum(Industries)).min(1).optional(),
  /** Supervision classes (分级分类, local policy such as A–D); enterprises without a class match only when absent. */
  classes: z.array(classId).min(1).optional(),
  /** Area ids; an enterprise anywhere below one of them matches. */
  areas: z.array(z.string().min(1)).min(1).optional(),
});
/** Which enterprises a campaign concerns. */
export type Target = z.infer<typeof targetSchema>;

/**
 * The supervision classes whose enterprises follow a variant's cadence: exactly its class, or for
 * the default variant every class without a cadence of its own (and enterprises without a class).
 */
export type ClassSelection = { only: string } | { except: readonly string[] };
