import type { Answers } from "../domain/checklist/answer.ts";
import type { HazardFinding } from "../rules/evaluate-self-check.ts";
import type { Stores } from "../store/stores.ts";
import { type RegisteredTicket, registerHazard } from "./tickets/register-hazard.ts";

type Origin = {
  enterpriseId: string;
  runId: string;
  campaignId: string | null;
  personId: string;
  channel: string;
  answers: Answers;
  now: Date;
};

/**
 * Registers what a self-check's rules found. The description and "before" photos come from
 * the questions the rule names; the head who answered is responsible for the rectification.
 */
export async function openTickets(
  s: Stores,
  findings: readonly HazardFinding[],
  o: Origin,
): Promise<RegisteredTicket[]> {
  const out: RegisteredTicket[] = [];
  for (const f of findings) {
    const description = f.descriptionQuestion ? o.answers[f.descriptionQuestion] : undefined;
    const evidence = f.evidenceQuestion ? o.answers[f.evidenceQuestion] : undefined;
    out.push(
      await registerHazard(
        s,
        {
          enterpriseId: o.enterpriseId,
          hazardKey: f.hazard,
          title: f.title,
          category: f.category,
          grade: f.grade,
          basis: f.basis,
          deadlineDays: f.deadlineDays,
          source: "self_check",
          ruleIds: f.ruleIds,
          description: description?.kind === "text" ? description.value : null,
          location: null,
          runId: o.runId,
          campaignId: o.campaignId,
          foundById: o.personId,
          responsibleId: o.personId,
          channel: o.channel,
          photoIds: evidence?.kind === "photos" ? evidence.attachmentIds : [],
        },
        o.now,
      ),
    );
  }
  return out;
}
