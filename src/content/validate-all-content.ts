import { AppError } from "../domain/app-error.ts";
import type { LocalDate } from "../domain/calendar/local-date.ts";
import { type CampaignContent, loadCampaignContent } from "./campaign-content.ts";
import { type ChannelTexts, loadChannelTexts } from "./channel-texts.ts";
import { describeProblems } from "./content-problem.ts";
import { type InspectionContent, loadInspectionContent } from "./inspection-content.ts";
import { type Content, loadContent } from "./load-content.ts";
import { checkOccasionCoverage } from "./occasion-coverage.ts";
import { loadReportTexts, type ReportTexts } from "./report-texts.ts";
import { loadWebTexts, type WebTexts } from "./web-texts.ts";

/**
 * Everything the product reads from `prompts/` and `rules/`, loaded and validated once at start and
 * passed in: bot wording, checklists and rules, the basis catalogue, ticket policy, campaign
 * templates with the calendar, report wording and channel wording.
 */
export type ProductContent = Content & {
  campaigns: CampaignContent;
  report: ReportTexts;
  channels: ChannelTexts;
  inspections: InspectionContent;
  web: WebTexts;
};

export type ContentCheck =
  | { ok: true; content: ProductContent; campaignTemplates: number }
  | { ok: false; problems: string[] };

/** Runs a loader that throws its problems as an AppError, and keeps its value or its problem lines. */
function attempt<T>(load: () => T): { value?: T; problems: string[] } {
  try {
    return { value: load(), problems: [] };
  } catch (e) {
    if (e instanceof AppError && e.code === "invalid_content")
      return { problems: e.message.split("\n").filter(Boolean) };
    throw e;
  }
}

/**
 * Every content file the product reads, in one call, every problem with its file and path.
 * Campaign templates are planned for `years`, so a date that does not work out shows now; with
 * `years`, every industry a self-check template targets must have a checklist of its occasion.
 * Citations must hold on `at` (today by default): no instrument superseded by then or not yet in force.
 */
export function validateAllContent(
  promptsDir: string,
  rulesDir: string,
  years: readonly number[] = [],
  at?: LocalDate,
): ContentCheck {
  const core = loadContent(promptsDir, rulesDir, at === undefined ? {} : { at });
  const campaigns = loadCampaignContent(promptsDir, years);
  const report = attempt(() => loadReportTexts(promptsDir));
  const channels = attempt(() => loadChannelTexts(promptsDir));
  const web = attempt(() => loadWebTexts(promptsDir));
  const inspections = attempt(() => loadInspectionContent(promptsDir));
  const problems = [
    ...(core.ok ? [] : describeProblems(core.problems).split("\n")),
    ...(campaigns.ok ? [] : describeProblems(campaigns.problems).split("\n")),
    ...report.problems,
    ...channels.problems,
    ...inspections.problems,
    ...web.problems,
    // Checked with the plans (`xunjian check`): at run time an industry without its occasion's
    // checklist answers its holiday one, so a test tree with checklists of its own still opens.
    ...(core.ok && campaigns.ok && years.length > 0
      ? describeProblems(
          checkOccasionCoverage(
            campaigns.content.templates,
            core.content.checklists,
            (id) => `prompts/campaigns/templates/${id}.yaml`,
          ),
        )
          .split("\n")
          .filter(Boolean)
      : []),
  ];
  if (
    !core.ok ||
    !campaigns.ok ||
    !report.value ||
    !channels.value ||
    !inspections.value ||
    !web.value ||
    problems.length > 0
  )
    return { ok: false, problems };
  return {
    ok: true,
    content: {
      ...core.content,
      campaigns: campaigns.content,
      report: report.value,
      channels: channels.value,
      inspections: inspections.value,
      web: web.value,
    },
    campaignTemplates: campaigns.content.templates.length,
  };
}

/**
 * The campaign content alone, for commands that plan without opening the database.
 * @throws AppError `invalid_content` listing every problem.
 */
export function requireCampaignContent(promptsDir: string): CampaignContent {
  const result = loadCampaignContent(promptsDir);
  if (!result.ok)
    throw new AppError(
      "invalid_content",
      `Campaign content is invalid:\n${describeProblems(result.problems)}`,
    );
  return result.content;
}
