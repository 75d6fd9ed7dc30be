/**
 * Loads and validates `prompts/campaigns/` (templates and wording) together with the calendar data in
 * `prompts/calendar/` they depend on. Every problem names the file and the path inside it, in the same
 * shape as the rest of the content (`xunjian check`).
 */
import fs from "node:fs";
import path from "node:path";
import {
  CalendarDataError,
  type CalendarLoader,
  getHolidays,
  getPeriods,
  isWorkday,
  type LocalDate,
} from "../domain/calendar/index.ts";
import { type CampaignMessages, campaignMessagesSchema } from "../domain/campaign/campaign-messages.ts";
import { type IsWorkday, type PlanCalendar, planYear } from "../domain/campaign/plan.ts";
import { type CampaignTemplate, campaignTemplateSchema } from "../domain/campaign/template.ts";
import { createCalendarLoader } from "./calendar-files.ts";
import type { ContentProblem } from "./content-problem.ts";
import { readStructured } from "./read-structured.ts";

/** Templates, wording and the calendar: everything campaigns read from `prompts/`. */
export type CampaignContent = {
  templates: CampaignTemplate[];
  messages: CampaignMessages;
  calendar: CalendarLoader;
  /** Work-day test on the official calendar (data files, chinese-days, or computed). */
  isWorkday: IsWorkday;
  /** The calendar of one year as the planner needs it. */
  planCalendar(year: number): PlanCalendar;
};

/** Outcome of {@link loadCampaignContent}. */
export type CampaignContentResult =
  | { ok: true; content: CampaignContent }
  | { ok: false; problems: ContentProblem[] };

function calendarProblems(error: unknown, root: string): ContentProblem[] {
  if (!(error instanceof CalendarDataError)) throw error;
  const file = path.relative(root, error.file) || error.file;
  return error.problems.map((p) => {
    const at = p.indexOf(": ");
    return at < 0
      ? { file, path: "(file)", message: p }
      : { file, path: p.slice(0, at), message: p.slice(at + 2) };
  });
}

function anchorName(t: CampaignTemplate): string {
  return "holiday" in t.anchor ? `holiday ${t.anchor.holiday}` : `period ${t.anchor.period}`;
}

/**
 * Reads `<promptsDir>/campaigns/messages.yaml`, every `<promptsDir>/campaigns/templates/*.yaml` and the
 * calendar files, and plans `checkYears` with them, so that a template whose dates do not work out
 * (a deadline before the opening) is reported now rather than when the scheduler meets it.
 */
export function loadCampaignContent(
  promptsDir: string,
  checkYears: readonly number[] = [],
): CampaignContentResult {
  const root = path.dirname(promptsDir);
  const dir = path.join(promptsDir, "campaigns");
  const problems: ContentProblem[] = [];
  const messages = readStructured(path.join(dir, "messages.yaml"), campaignMessagesSchema, root);
  if ("problems" in messages) problems.push(...messages.problems);

  const templates: CampaignTemplate[] = [];
  const fileOf = new Map<string, string>();
  const templatesDir = path.join(dir, "templates");
  const files = fs.existsSync(templatesDir)
    ? fs
        .readdirSync(templatesDir)
        .filter((f) => /\.ya?ml$/.test(f))
        .sort()
    : [];
  if (files.length === 0)
    problems.push({
      file: path.relative(root, templatesDir),
      path: "(dir)",
      message: "no campaign templates",
    });
  for (const name of files) {
    const file = path.join(templatesDir, name);
    const rel = path.relative(root, file);
    const t = readStructured(file, campaignTemplateSchema, root);
    if ("problems" in t) {
      problems.push(...t.problems);
      continue;
    }
    const sameId = templates.find((x) => x.id === t.data.id);
    if (sameId) problems.push({ file: rel, path: "id", message: `template id "${t.data.id}" is used twice` });
    const sameAnchor = templates.find((x) => anchorName(x) === anchorName(t.data));
    if (sameAnchor)
      problems.push({
        file: rel,
        path: "anchor",
        message: `${anchorName(t.data)} already has template "${sameAnchor.id}"; one campaign per holiday or period`,
      });
    templates.push(t.data);
    fileOf.set(t.data.id, rel);
  }

  const calendar = createCalendarLoader(path.join(promptsDir, "calendar"));
  const workday: IsWorkday = (date: LocalDate) => isWorkday(date, calendar);
  const planCalendar = (year: number): PlanCalendar => {
    const holidays = getHolidays(year, calendar);
    return { holidays, periods: getPeriods(year, holidays, calendar.periodsConfig()), isWorkday: workday };
  };
  try {
    calendar.periodsConfig();
    for (const year of checkYears) {
      for (const p of planYear(year, templates, planCalendar(year)).problems) {
        problems.push({
          file: fileOf.get(p.templateId) ?? p.templateId,
          path: "(plan)",
          message: `${year}: ${p.message}`,
        });
      }
    }
  } catch (e) {
    problems.push(...calendarProblems(e, root));
  }

  if (problems.length > 0 || "problems" in messages) return { ok: false, problems };
  return {
    ok: true,
    content: { templates, messages: messages.data, calendar, isWorkday: workday, planCalendar },
  };
}

/** The template a campaign row was made from. */
export function templateOf(content: CampaignContent, templateId: string): CampaignTemplate | undefined {
  return content.templates.find((t) => t.id === templateId);
}
