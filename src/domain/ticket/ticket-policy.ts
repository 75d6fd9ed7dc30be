import { z } from "zod";

/** Local policy for the closed loop, from prompts/ticket-policy.yaml. */
export const TicketPolicySchema = z
  .object({
    evidence: z
      .object({
        minPhotos: z.object({ general: z.number().int().min(0), major: z.number().int().min(0) }).strict(),
      })
      .strict(),
    gridReportFallback: z
      .object({
        hazard: z.string().min(1),
        title: z.string().min(1),
        category: z.string().min(1),
        grade: z.enum(["general", "major"]),
        deadlineDays: z.number().int().min(0),
        basis: z.string().min(1),
      })
      .strict(),
  })
  .strict();
export type TicketPolicy = z.infer<typeof TicketPolicySchema>;
