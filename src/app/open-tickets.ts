import type { Answers } from "../domain/checklist/answer.ts";
import type { HazardFinding } from "../rules/evaluate-self-check.ts";
import type { Stores } from "../store/stores.ts";
import type { AppDeps } from "./app-deps.ts";
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

/** The texts answered to a finding's description questions, in order, joined. */
function descriptionOf(f: HazardFinding, answers: Answers): string | null {
  const texts = f.descriptionQuestions.flatMap((q) => {
    const a = answers[q];
    return a?.kind === "text" && a.value.trim() ? [a.value.trim()] : [];
  });
  return texts.length ? texts.join("；") : null;
}

/** The photos answered to a finding's evidence questions, without repeats. */
function photosOf(f: HazardFinding, answers: Answers): string[] {
  const ids = f.evidenceQuestions.flatMap((q) => {
    const a = answers[q];
    return a?.kind === "photos" ? a.attachmentIds : [];
  });
  return [...new Set(ids)];
}

/**
 * Registers what a self-check's rules found. The description and "before" photos come from
 * the questions of every rule that found the hazard; the head who answered is responsible for
 * the rectification. A major or immediate hazard is announced as it is registered.
 */
export async function openTickets(
  s: Stores,
  deps: AppDeps,
  findings: readonly HazardFinding[],
  o: Origin,
): Promise<RegisteredTicket[]> {
  const out: RegisteredTicket[] = [];
  for (const f of findings) {
    out.push(
      await registerHazard(
        s,
        deps,
        {
          enterpriseId: o.enterpriseId,
          hazardKey: f.hazard,
          title: f.title,
          category: f.category,
          grade: f.grade,
          basis: f.basis,
          deadlineDays: f.deadlineDays,
          ...(f.deadlineHours !== undefined ? { deadlineHours: f.deadlineHours } : {}),
          immediate: f.immediate === true,
          source: "self_check",
          ruleIds: f.ruleIds,
          description: descriptionOf(f, o.answers),
          location: null,
          runId: o.runId,
          campaignId: o.campaignId,
          foundById: o.personId,
          responsibleId: o.personId,
          channel: o.channel,
          photoIds: photosOf(f, o.answers),
        },
        o.now,
      ),
    );
  }
  return out;
}
