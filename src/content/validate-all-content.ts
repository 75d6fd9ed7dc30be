import { loadCampaignContent } from "../app/campaign/campaign-content.ts";
import { loadReportTexts } from "../app/report/report-texts.ts";
import { loadChannelTexts } from "../channels/channel-texts.ts";
import { AppError } from "../domain/app-error.ts";
import type { LocalDate } from "../domain/calendar/local-date.ts";
import { describeProblems } from "./content-problem.ts";
import { type Content, loadContent } from "./load-content.ts";

export type ContentCheck =
  | { ok: true; content: Content; campaignTemplates: number }
  | { ok: false; problems: string[] };

/** Runs a loader that throws its problems as an AppError, and keeps them as lines. */
function problemsOf(load: () => unknown): string[] {
  try {
    load();
    return [];
  } catch (e) {
    if (e instanceof AppError && e.code === "invalid_content") return e.message.split("\n").filter(Boolean);
    throw e;
  }
}

/**
 * Every content file the product reads: bot wording, checklists and rules, ticket policy,
 * campaign templates (planned for `years`, so a date that does not work out shows now),
 * report and channel wording. One call, every problem with its file and path. Citations must
 * hold on `at` (today by default): no instrument superseded by then or not yet in force.
 */
export function validateAllContent(
  promptsDir: string,
  rulesDir: string,
  years: readonly number[] = [],
  at?: LocalDate,
): ContentCheck {
  const core = loadContent(promptsDir, rulesDir, at === undefined ? {} : { at });
  const campaigns = loadCampaignContent(promptsDir, years);
  const problems = [
    ...(core.ok ? [] : describeProblems(core.problems).split("\n")),
    ...(campaigns.ok ? [] : describeProblems(campaigns.problems).split("\n")),
    ...problemsOf(() => loadReportTexts(promptsDir)),
    ...problemsOf(() => loadChannelTexts(promptsDir)),
  ];
  if (!core.ok || !campaigns.ok || problems.length > 0) return { ok: false, problems };
  return { ok: true, content: core.content, campaignTemplates: campaigns.content.templates.length };
}
