import { z } from "zod";
import { BasisRefsSchema, type Cited } from "../basis/instrument.ts";

/** Local policy for the closed loop, from prompts/ticket-policy.yaml. */
export const TicketPolicySchema = z
  .object({
    evidence: z
      .object({
        minPhotos: z.object({ general: z.number().int().min(0), major: z.number().int().min(0) }).strict(),
      })
      .strict(),
    /**
     * The hazards the standards treat as 立即整改 (imminent danger): every rule that registers one
     * must say `immediate: true`, and a rule may say it only of a hazard listed here.
     */
    immediate: z.object({ hazards: z.array(z.string().min(1)).min(1) }).strict(),
    gridReportFallback: z
      .object({
        hazard: z.string().min(1),
        title: z.string().min(1),
        category: z.string().min(1),
        grade: z.enum(["general", "major"]),
        deadlineDays: z.number().int().min(0),
        basis: BasisRefsSchema,
      })
      .strict(),
  })
  .strict();
/** The policy file as written: the fallback's `basis` is a list of references into the catalogue. */
export type TicketPolicySource = z.infer<typeof TicketPolicySchema>;
/** The policy as the app sees it: the fallback's basis rendered when the content was loaded. */
export type TicketPolicy = Omit<TicketPolicySource, "gridReportFallback"> & {
  gridReportFallback: Cited<TicketPolicySource["gridReportFallback"]>;
};
