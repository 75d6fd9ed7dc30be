import type { HolidayFiles } from "./holiday-file.ts";
import type { CalendarLabels } from "./labels.ts";
import type { PeriodsConfig } from "./periods.ts";

/**
 * A calendar data file is missing or malformed. The message has one line per problem,
 * `<file>: <path inside the file>: <problem>`, e.g. `…/holidays-2027.yaml: holidays[1].end: …`.
 */
export class CalendarDataError extends Error {
  override readonly name = "CalendarDataError";
  constructor(
    /** Path of the offending file. */
    readonly file: string,
    /** Problems as `<path>: <message>`. */
    readonly problems: readonly string[],
  ) {
    super(problems.map((p) => `${file}: ${p}`).join("\n"));
  }
}

/** Reads calendar data files; results are cached per loader, so create a new loader to re-read. */
export type CalendarLoader = HolidayFiles & {
  /** The directory the files are read from. */
  readonly dir: string;
  /** periods.yaml, or the defaults when the file does not exist. */
  periodsConfig(): PeriodsConfig;
  /** labels.yaml (required: label text is not duplicated in code). */
  labels(): CalendarLabels;
};
