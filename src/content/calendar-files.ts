/**
 * The only place that reads calendar YAML from disk. Everything else in the calendar domain is pure and
 * takes what this returns, so tests can point a loader at a temporary directory.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseDocument } from "yaml";
import type { z } from "zod";
import { CalendarDataError, type CalendarLoader } from "../domain/calendar/calendar-loader.ts";
import { type HolidayFileData, holidayFileSchema } from "../domain/calendar/holiday-file.ts";
import { type CalendarLabels, calendarLabelsSchema } from "../domain/calendar/labels.ts";
import {
  DEFAULT_PERIODS_CONFIG,
  type PeriodsConfig,
  periodsConfigSchema,
} from "../domain/calendar/periods.ts";

/**
 * `prompts/calendar` of this package, resolved from this module's location rather than the working
 * directory, so `xunjian calendar` works wherever it is started (src/content → two levels up).
 */
export const DEFAULT_CALENDAR_DIR: string = fileURLToPath(
  new URL("../../prompts/calendar/", import.meta.url),
);

/** Zod issue path as written in YAML terms: `holidays[1].end`; `(root)` for the whole document. */
function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const part of path) {
    out += typeof part === "number" ? `[${part}]` : `${out ? "." : ""}${String(part)}`;
  }
  return out || "(root)";
}

/** Parses and validates one YAML file, turning every problem into a {@link CalendarDataError}. */
export function readYamlFile<T extends z.ZodType>(file: string, schema: T): z.infer<T> {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new CalendarDataError(file, [`(file): cannot read: ${(error as Error).message}`]);
  }
  const doc = parseDocument(text);
  if (doc.errors.length > 0) {
    throw new CalendarDataError(
      file,
      doc.errors.map((e) => {
        const where = e.linePos?.[0];
        const at = where ? `line ${where.line}, column ${where.col}` : "(yaml)";
        return `${at}: ${e.message.split("\n")[0]}`;
      }),
    );
  }
  // A file holding only comments parses to null; treat it as empty so all-default schemas accept it.
  const result = schema.safeParse(doc.toJS() ?? undefined);
  if (!result.success) {
    throw new CalendarDataError(
      file,
      result.error.issues.map((i) => `${formatPath(i.path)}: ${i.message}`),
    );
  }
  return result.data;
}

/**
 * A loader over `dir` (default {@link DEFAULT_CALENDAR_DIR}). Holiday files are named
 * `holidays-<year>.yaml`; `*.example.yaml` files are documentation and never read. Each file is read on
 * first use, so a broken 2027 file only affects questions about 2027 (and late-December 2026 dates).
 */
export function createCalendarLoader(dir: string = DEFAULT_CALENDAR_DIR): CalendarLoader {
  const holidayCache = new Map<number, HolidayFileData | undefined>();
  let periods: PeriodsConfig | undefined;
  let labels: CalendarLabels | undefined;
  return {
    dir,
    holidayFile(year) {
      if (!holidayCache.has(year)) {
        const file = join(dir, `holidays-${year}.yaml`);
        holidayCache.set(year, existsSync(file) ? readYamlFile(file, holidayFileSchema(year)) : undefined);
      }
      return holidayCache.get(year);
    },
    periodsConfig() {
      const file = join(dir, "periods.yaml");
      periods ??= existsSync(file) ? readYamlFile(file, periodsConfigSchema) : DEFAULT_PERIODS_CONFIG;
      return periods;
    },
    labels() {
      labels ??= readYamlFile(join(dir, "labels.yaml"), calendarLabelsSchema);
      return labels;
    },
  };
}
