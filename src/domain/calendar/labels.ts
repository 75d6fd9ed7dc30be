/**
 * User-facing words of the calendar printout, kept in `prompts/calendar/labels.yaml` so wording can change
 * (or be translated) without touching code. Templates use `{placeholder}`s; the schema checks that each
 * template keeps the placeholders the code fills in, so a typo fails at load time, not in the output.
 */
import { z } from "zod";
import type { HOLIDAY_WARNING_CODES } from "./holiday-model.ts";

/** A template string that must contain every listed `{placeholder}`. */
function template(...placeholders: string[]) {
  return z.string().superRefine((text, ctx) => {
    for (const p of placeholders) {
      if (!text.includes(`{${p}}`)) ctx.addIssue({ code: "custom", message: `must contain {${p}}` });
    }
  });
}

/** Schema of labels.yaml. */
export const calendarLabelsSchema = z.strictObject({
  /** First line of the printout. */
  title: template("year"),
  /** Tag per entry kind, e.g. 【法定节假日】. */
  kinds: z.strictObject({ holiday: z.string(), period: z.string() }),
  range: template("start", "end"),
  offDays: template("count"),
  makeupWorkdays: template("dates"),
  makeupDate: template("date", "weekday"),
  /** Sunday first, as `weekday()` counts. */
  weekdays: z.array(z.string().min(1)).length(7),
  listSeparator: z.string(),
  /** Between the columns of one line. */
  columnSeparator: z.string().min(1),
  /** Appended to the name of a provisional entry, e.g. （暂定）. */
  provisional: z.string().min(1),
  /** Shown when a year has no entries (should not happen: periods always exist). */
  empty: z.string(),
  warningPrefix: z.string(),
  warnings: z.strictObject({
    computed_year: template("year"),
    missing_holiday: template("year", "name"),
    unlisted_official_days: template("year", "detail"),
  } satisfies Record<(typeof HOLIDAY_WARNING_CODES)[number], unknown>),
});

/** A validated labels.yaml. */
export type CalendarLabels = z.infer<typeof calendarLabelsSchema>;

/**
 * Replaces each `{name}` in `text` with `values[name]`. Unknown placeholders are left as written, so a
 * stray brace in a label shows up in the output instead of disappearing.
 */
export function fillTemplate(text: string, values: Readonly<Record<string, string | number>>): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = Object.hasOwn(values, name) ? values[name] : undefined;
    return value === undefined ? whole : String(value);
  });
}
