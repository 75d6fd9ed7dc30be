import { AppError } from "../domain/app-error.ts";
import type { LocalDate } from "../domain/calendar/local-date.ts";
import { loadCampaignContent } from "./campaign-content.ts";
import { loadChannelTexts } from "./channel-texts.ts";
import { type ContentProblem, describeProblems } from "./content-problem.ts";
import { loadInspectionContent } from "./inspection-content.ts";
import { type Content, loadContent, loadTexts } from "./load-content.ts";
import { loadReportTexts } from "./report-texts.ts";
import { type ProductContent, validateAllContent } from "./validate-all-content.ts";
import { loadWebTexts } from "./web-texts.ts";

/** What `completeContent` needs to finish an on-demand content object. */
const pending = new WeakMap<ProductContent, (all: ProductContent) => void>();

/** Stops the command the way a failed start-up does: every problem with its file and path. */
function invalid(problems: readonly string[]): never {
  throw new AppError("invalid_content", `Content files are invalid:\n${problems.join("\n")}`);
}

function orStop<T>(result: { ok: true; value: T } | { ok: false; problems: ContentProblem[] }): T {
  if (!result.ok) invalid(describeProblems(result.problems).split("\n"));
  return result.value;
}

/** Runs a loader that throws its problems as an AppError `invalid_content`, with the same message head. */
function rethrown<T>(load: () => T): T {
  try {
    return load();
  } catch (e) {
    if (e instanceof AppError && e.code === "invalid_content") invalid(e.message.split("\n").filter(Boolean));
    throw e;
  }
}

/**
 * The product content for a command that reads only part of it (`report` reads the report wording,
 * the labels and the inspection kinds; not one checklist, rule or campaign template): each section
 * is read and validated the first time it is used, once, with the same loaders `validateAllContent`
 * runs. A malformed file still stops the command, with its file and path, before the command uses
 * anything from it. Validating every file at start-up is `xunjian start`'s and `xunjian check`'s job
 * (`openApp` with the default `content: "all"`).
 */
export function contentOnDemand(promptsDir: string, rulesDir: string, at: LocalDate): ProductContent {
  const fills: ((all: ProductContent) => void)[] = [];
  /** A section read on first use; `fills` lets `completeContent` hand it the fully validated value. */
  const once = <T>(load: () => T, pick?: (all: ProductContent) => T): (() => T) => {
    let loaded: { value: T } | undefined;
    if (pick)
      fills.push((all) => {
        loaded ??= { value: pick(all) };
      });
    return () => {
      loaded ??= { value: load() };
      return loaded.value;
    };
  };
  const core = once(
    (): Content => {
      const result = loadContent(promptsDir, rulesDir, { at });
      return orStop(result.ok ? { ok: true, value: result.content } : result);
    },
    (all) => all,
  );
  const texts = once(
    () => {
      const result = loadTexts(promptsDir);
      return orStop(result.ok ? { ok: true, value: result.texts } : result);
    },
    (all) => all.texts,
  );
  const campaigns = once(
    () => {
      const result = loadCampaignContent(promptsDir, []);
      return orStop(result.ok ? { ok: true, value: result.content } : result);
    },
    (all) => all.campaigns,
  );
  const report = once(
    () => rethrown(() => loadReportTexts(promptsDir)),
    (all) => all.report,
  );
  const channels = once(
    () => rethrown(() => loadChannelTexts(promptsDir)),
    (all) => all.channels,
  );
  const inspections = once(
    () => rethrown(() => loadInspectionContent(promptsDir)),
    (all) => all.inspections,
  );
  const web = once(
    () => rethrown(() => loadWebTexts(promptsDir)),
    (all) => all.web,
  );
  const content: ProductContent = {
    get texts() {
      return texts();
    },
    get checklists() {
      return core().checklists;
    },
    get rules() {
      return core().rules;
    },
    get reportRules() {
      return core().reportRules;
    },
    get sweepRules() {
      return core().sweepRules;
    },
    get policy() {
      return core().policy;
    },
    get catalogue() {
      return core().catalogue;
    },
    get campaigns() {
      return campaigns();
    },
    get report() {
      return report();
    },
    get channels() {
      return channels();
    },
    get inspections() {
      return inspections();
    },
    get web() {
      return web();
    },
  };
  pending.set(content, (all) => {
    for (const fill of fills) fill(all);
  });
  return content;
}

/**
 * Validates every content file now, as `openApp` does by default, for a command that opened the
 * app with on-demand content to answer quickly (`chat` prints its banner first) but must not take
 * input before the whole content is known good. Sections not read yet take the validated values.
 * Does nothing for content that was validated whole at open.
 * @throws AppError `invalid_content` with every problem, its file and path.
 */
export function completeContent(
  content: ProductContent,
  promptsDir: string,
  rulesDir: string,
  at: LocalDate,
): void {
  const fill = pending.get(content);
  if (!fill) return;
  const loaded = validateAllContent(promptsDir, rulesDir, [], at);
  if (!loaded.ok) invalid(loaded.problems);
  fill(loaded.content);
  pending.delete(content);
}
