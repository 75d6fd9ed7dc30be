/**
 * Campaign templates against checklists: a template with enterprise reminders asks every industry it
 * targets to answer the checklist of its occasion, so each of those industries needs one (a period
 * campaign must never fall back to the holiday questions without anyone noticing).
 */
import type { CampaignTemplate } from "../domain/campaign/template.ts";
import type { Checklist } from "../domain/checklist/checklist.ts";
import { Industries } from "../domain/industry.ts";
import type { ContentProblem } from "./content-problem.ts";

/** One problem per (template, industry) whose occasion has no checklist for that industry. */
export function checkOccasionCoverage(
  templates: readonly CampaignTemplate[],
  checklists: readonly Checklist[],
  fileOf: (templateId: string) => string,
): ContentProblem[] {
  const problems: ContentProblem[] = [];
  for (const t of templates) {
    if (!t.reminders) continue;
    for (const industry of t.target.industries ?? Industries) {
      const covered = checklists.some((c) => c.occasion === t.occasion && c.industries.includes(industry));
      if (!covered)
        problems.push({
          file: fileOf(t.id),
          path: "occasion",
          message: `no checklist in prompts/checklists/ has occasion ${t.occasion} for industry ${industry}, which this template targets`,
        });
    }
  }
  return problems;
}
