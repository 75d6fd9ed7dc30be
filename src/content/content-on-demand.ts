import type { LocalDate } from "../domain/calendar/local-date.ts";
import * as full from "./full-loaders.ts";
import { completeSections, sectionsOnDemand } from "./sections-on-demand.ts";
import type { ProductContent } from "./validate-all-content.ts";

/**
 * The product content for a command that reads only part of it, each section read and validated
 * the first time it is used, every section available (`chat`; `report` and `ledger` use
 * `sectionsOnDemand` without the other sections' loaders). See `sections-on-demand.ts`.
 */
export function contentOnDemand(promptsDir: string, rulesDir: string, at: LocalDate): ProductContent {
  return sectionsOnDemand(promptsDir, rulesDir, at, full);
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
  completeSections(content, promptsDir, rulesDir, at);
}
