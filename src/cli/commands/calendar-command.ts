import path from "node:path";
import type { Command } from "commander";
import { loadConfig } from "../../config.ts";
import { createCalendarLoader } from "../../content/calendar-files.ts";
import { AppError } from "../../domain/app-error.ts";
import { buildCalendarYear, CalendarDataError, formatCalendar } from "../../domain/calendar/index.ts";
import { printJson } from "../cli-context.ts";

/** A year given on the command line. */
export function parseYear(text: string): number {
  const year = Number(text);
  if (!Number.isInteger(year) || year < 1901 || year > 2099)
    throw new AppError("invalid_input", `--year must be a year between 1901 and 2099, got ${text}`);
  return year;
}

/** Turns a calendar data problem into the CLI's expected-failure error. */
export function calendarFailure(e: unknown): never {
  if (e instanceof CalendarDataError) throw new AppError("invalid_content", e.message, { cause: e });
  throw e;
}

/** `xunjian calendar --year <y>`: the year's holidays (ranges, make-up work days) and supervision periods. */
export function registerCalendar(program: Command): void {
  program
    .command("calendar")
    .description("print a year's public holidays with make-up work days, and its supervision periods")
    .requiredOption("--year <y>", "the year")
    .option("--json", "print JSON")
    .action((opts: { year: string; json?: boolean }) => {
      const config = loadConfig();
      const loader = createCalendarLoader(path.join(config.promptsDir, "calendar"));
      try {
        const calendar = buildCalendarYear(parseYear(opts.year), loader);
        if (opts.json) printJson(calendar);
        else process.stdout.write(`${formatCalendar(calendar, loader.labels())}\n`);
      } catch (e) {
        calendarFailure(e);
      }
    });
}
