import { AppError } from "../domain/app-error.ts";
import type { LocalDate } from "../domain/calendar/local-date.ts";
import { type ContentProblem, describeProblems } from "./content-problem.ts";
import { loadInspectionContent } from "./inspection-content.ts";
import type { Content } from "./load-content.ts";
import { loadTexts } from "./load-texts.ts";
import { loadReportTexts } from "./report-texts.ts";
import type { ProductContent } from "./validate-all-content.ts";

/** The loaders of the sections beyond a report's, and the whole-content check (`full-loaders.ts`). */
export type FullLoaders = typeof import("./full-loaders.ts");

/** What `completeSections` needs to finish an on-demand content object: its loaders and how to fill it. */
const pending = new WeakMap<ProductContent, { full: FullLoaders | null; fill(all: ProductContent): void }>();

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
 *
 * `full` null: the content of a command that reads what a report reads and nothing else (`report`,
 * `ledger`): the other sections' loaders are not even imported, and reading one of those sections
 * is a defect.
 */
export function sectionsOnDemand(
  promptsDir: string,
  rulesDir: string,
  at: LocalDate,
  full: FullLoaders | null,
): ProductContent {
  const loaders = (section: string): FullLoaders => {
    if (full === null)
      throw new AppError("internal", `the content section "${section}" is not loaded for this command`);
    return full;
  };
  const fills: ((all: ProductContent) => void)[] = [];
  /** A section read on first use; `fills` lets `completeSections` hand it the fully validated value. */
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
      const result = loaders("core").loadContent(promptsDir, rulesDir, { at });
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
      const result = loaders("campaigns").loadCampaignContent(promptsDir, []);
      return orStop(result.ok ? { ok: true, value: result.content } : result);
    },
    (all) => all.campaigns,
  );
  const report = once(
    () => rethrown(() => loadReportTexts(promptsDir)),
    (all) => all.report,
  );
  const channels = once(
    () => rethrown(() => loaders("channels").loadChannelTexts(promptsDir)),
    (all) => all.channels,
  );
  const inspections = once(
    () => rethrown(() => loadInspectionContent(promptsDir)),
    (all) => all.inspections,
  );
  const web = once(
    () => rethrown(() => loaders("web").loadWebTexts(promptsDir)),
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
  pending.set(content, {
    full,
    fill: (all) => {
      for (const fill of fills) fill(all);
    },
  });
  return content;
}

/** `completeContent` (content-on-demand.ts), for content made by `sectionsOnDemand`. */
export function completeSections(
  content: ProductContent,
  promptsDir: string,
  rulesDir: string,
  at: LocalDate,
): void {
  const open = pending.get(content);
  if (!open) return;
  if (open.full === null) throw new AppError("internal", "content opened for a report cannot be completed");
  const loaded = open.full.validateAllContent(promptsDir, rulesDir, [], at);
  if (!loaded.ok) invalid(loaded.problems);
  open.fill(loaded.content);
  pending.delete(content);
}
