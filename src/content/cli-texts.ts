import path from "node:path";
import { z } from "zod";
import { AppError } from "../domain/app-error.ts";
import { sentence } from "../domain/sentence-schema.ts";
import { describeProblems } from "./content-problem.ts";
import { readStructured } from "./read-structured.ts";

/**
 * Problems of an import file, each with the placeholders its sentence may use. The key is the
 * stable code scripts see (`--json` prints it as `code`); the sentence lives in prompts/cli.yaml.
 */
export const ImportProblemParams = {
  file_not_found: [],
  file_is_directory: [],
  file_unreadable: ["reason"],
  file_xls: [],
  file_pdf: [],
  file_image: [],
  file_utf16: [],
  file_binary: [],
  file_not_utf8: ["line"],
  csv_unreadable: ["reason"],
  xlsx_unreadable: ["reason"],
  xlsx_no_sheet: [],
  file_empty: [],
  no_data_rows: [],
  duplicate_column: ["other", "names"],
  missing_column: ["names"],
  required_empty: [],
  required_for_role: ["role"],
  not_for_role: ["role"],
  credit_code_length: ["length"],
  credit_code_character: [],
  credit_code_check: [],
  duplicate_credit_code: ["code", "row"],
  unknown_industry: ["value", "choices"],
  class_too_long: ["max", "length"],
  ambiguous_area: ["value", "matches"],
  ambiguous_grid: ["value", "matches"],
  grid_in_other_area: ["grid", "owner", "area"],
  phone_invalid: ["value"],
  duplicate_phone: ["phone", "row"],
  unknown_role: ["value", "choices"],
  enterprise_not_found: ["code"],
  ambiguous_grid_ref: ["value", "matches"],
  ambiguous_area_ref: ["value", "matches"],
  unknown_grid: ["value"],
  unknown_area: ["value"],
  import_conflict: [],
  import_failed: ["reason"],
  import_undo_failed: ["reason", "undo"],
} as const satisfies Record<string, readonly string[]>;
export type ImportProblemCode = keyof typeof ImportProblemParams;

/** Refusals of the command line, with their placeholders; the key is the code scripts see. */
export const CliErrorParams = {
  invalid_date: ["option", "value"],
  date_order: ["from", "to"],
  invalid_year: ["option", "value"],
  invalid_time: ["option", "value"],
  invalid_status: ["option", "value", "choices"],
  invalid_industry: ["option", "value", "choices"],
  invalid_number: ["option", "value"],
  unknown_instrument: ["id"],
  invalid_choice: ["option", "value", "choices"],
  not_xlsx: ["option", "value"],
  unknown_area: ["value", "choices"],
  enterprise_not_found: ["value"],
  enterprise_no_match: ["value"],
  enterprise_ambiguous: ["value", "count", "matches"],
  person_not_found: ["phone"],
  person_inactive: ["name", "phone"],
  unknown_template: ["value", "choices"],
  campaign_exists: ["key"],
  campaign_not_found: ["key"],
  campaign_already_cancelled: ["key"],
  campaign_needs_dates: ["template", "year"],
  campaign_dates_together: [],
  campaign_date_order: [],
} as const satisfies Record<string, readonly string[]>;
export type CliErrorCode = keyof typeof CliErrorParams;

/** The lines `xunjian import` prints around the problems. */
const ImportLineParams = {
  failed: ["file", "count"],
  row_problem: ["row", "column", "problem"],
  file_problem: ["file", "problem"],
  done: ["file", "kind", "created", "updated"],
  dry_run: ["file", "kind", "created", "updated"],
  area_created: ["name", "parent"],
  area_created_top: ["name"],
  grid_created: ["name", "area"],
  area_planned: ["name", "parent"],
  area_planned_top: ["name"],
  grid_planned: ["name", "area"],
  undone: ["count"],
  progress_write: ["kind"],
} as const satisfies Record<string, readonly string[]>;
export type ImportLine = keyof typeof ImportLineParams;

const WordParams = {
  enterprises: [],
  people: [],
  list_separator: [],
} as const satisfies Record<string, readonly string[]>;
export type CliWord = keyof typeof WordParams;

const ConsoleParams = {
  photo_not_found: ["path"],
  photo_unreadable: ["path", "reason"],
  failed: ["reason"],
} as const satisfies Record<string, readonly string[]>;
export type ConsoleLine = keyof typeof ConsoleParams;

/** Values for a sentence's placeholders; a list is joined with the wording's list separator (「、」). */
export type Params = Record<string, string | number | readonly string[]>;

/** One closed section: every key required, no other key allowed. */
const section = <K extends string>(params: Record<K, readonly string[]>) =>
  z
    .object(
      Object.fromEntries(
        Object.entries<readonly string[]>(params).map(([k, allowed]) => [k, sentence(allowed)]),
      ) as unknown as Record<K, z.ZodString>,
    )
    .strict();

export const CliTextsFileSchema = z
  .object({
    problems: section(ImportProblemParams),
    errors: section(CliErrorParams),
    import: section(ImportLineParams),
    words: section(WordParams),
    console: section(ConsoleParams),
  })
  .strict();
export type CliTextsFile = z.infer<typeof CliTextsFileSchema>;

/** The wording of the command line (prompts/cli.yaml), by code. */
export class CliTexts {
  constructor(private readonly file: CliTextsFile) {}

  /** The sentence of one import problem. */
  problem(code: ImportProblemCode, params: Params = {}): string {
    return this.fill(this.file.problems[code], params);
  }

  /** The sentence of one refusal of the command line. */
  error(code: CliErrorCode, params: Params = {}): string {
    return this.fill(this.file.errors[code], params);
  }

  /** One line `xunjian import` prints. */
  importLine(key: ImportLine, params: Params = {}): string {
    return this.fill(this.file.import[key], params);
  }

  /** A word put into other sentences. */
  word(key: CliWord): string {
    return this.file.words[key];
  }

  /** One of the console chat's own answers. */
  console(key: ConsoleLine, params: Params = {}): string {
    return this.fill(this.file.console[key], params);
  }

  /** Fills `{name}` placeholders (a list joined with 「、」); an unknown one stays as written. */
  private fill(template: string, params: Params): string {
    return template.replace(/\{(\w+)\}/g, (m, name: string) => {
      const v = params[name];
      if (v === undefined) return m;
      return typeof v === "object" ? v.join(this.file.words.list_separator) : String(v);
    });
  }
}

/** The file's problems as `file: path: message` lines, or none. */
export function cliTextsProblems(promptsDir: string): string[] {
  const read = readCliTexts(promptsDir);
  return read.ok ? [] : read.problems;
}

const loaded = new Map<string, CliTexts>();

/**
 * Reads and validates prompts/cli.yaml once per prompts directory. A broken file is an
 * `invalid_content` error naming the file and the path of each problem.
 */
export function loadCliTexts(promptsDir: string): CliTexts {
  const cached = loaded.get(promptsDir);
  if (cached) return cached;
  const read = readCliTexts(promptsDir);
  if (!read.ok) throw new AppError("invalid_content", read.problems.join("\n"));
  loaded.set(promptsDir, read.texts);
  return read.texts;
}

function readCliTexts(promptsDir: string): { ok: true; texts: CliTexts } | { ok: false; problems: string[] } {
  const read = readStructured(
    path.join(promptsDir, "cli.yaml"),
    CliTextsFileSchema,
    path.dirname(promptsDir),
  );
  return read.ok
    ? { ok: true, texts: new CliTexts(read.data) }
    : { ok: false, problems: describeProblems(read.problems).split("\n") };
}
