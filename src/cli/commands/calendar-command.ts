import type { Command } from "commander";
import { AppError } from "../../domain/app-error.ts";
import { CalendarDataError } from "../../domain/calendar/calendar-loader.ts";
import { printJson } from "../cli-context.ts";
import { CliError } from "../cli-error.ts";

/** A year given on the command line. */
export function parseYear(text: string): number {
  const year = Number(text);
  if (!Number.isInteger(year) || year < 1901 || year > 2099)
    throw new CliError("invalid_year", { option: "--year", value: text });
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
    .action(async (opts: { year: string; json?: boolean }) => {
      const year = parseYear(opts.year);
      const [path, { loadConfig }, { createCalendarLoader }, { buildCalendarYear, formatCalendar }] =
        await Promise.all([
          import("node:path"),
          import("../../config.ts"),
          import("../../content/calendar-files.ts"),
          import("../../domain/calendar/index.ts"),
        ]);
      const config = loadConfig();
      const loader = createCalendarLoader(path.join(config.promptsDir, "calendar"));
      try {
        const calendar = buildCalendarYear(year, loader);
        if (opts.json) printJson(calendar);
        else process.stdout.write(`${formatCalendar(calendar, loader.labels())}\n`);
      } catch (e) {
        calendarFailure(e);
      }
    });
}
