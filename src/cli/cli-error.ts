import { WordedError } from "../app/worded-error.ts";
import type { CliErrorCode, Params } from "../content/cli-texts.ts";
import { AppError } from "../domain/app-error.ts";
import { isLocalDate } from "../domain/calendar/local-date.ts";
import type { Industry } from "../domain/industry.ts";
import { industryChoices, parseIndustry } from "../domain/parse-industry.ts";
import type { Texts } from "../domain/texts.ts";

/**
 * A refusal of the command line that office staff read (a bad date, year, status...). It carries a
 * stable English code for scripts; the sentence comes from prompts/cli.yaml when it is printed, so
 * throwing one loads no content. Use cases refuse the same way with `WordedError`.
 */
export class CliError extends WordedError {
  constructor(key: CliErrorCode, params: Params = {}) {
    super("invalid_input", key, params);
    this.name = "CliError";
  }
}

/** Refuses an option value that is not a YYYY-MM-DD date. */
export function checkDateOption(option: string, value: string): string {
  if (!isLocalDate(value)) throw new CliError("invalid_date", { option, value });
  return value;
}

/**
 * Reads an `--industry` value: an industry's code or its Chinese name, as import files take it.
 * The labels are read only when the option is given (`report` without it reads no messages.yaml).
 */
export function industryOption(
  labels: () => Texts,
  option: string,
  value: string | undefined,
): Industry | undefined {
  if (value === undefined) return undefined;
  const texts = labels();
  const industry = parseIndustry(value, texts);
  if (industry === null)
    throw new CliError("invalid_industry", { option, value, choices: industryChoices(texts) });
  return industry;
}

/** Refuses an option value that is not one of a closed list (`--format json|md`). */
export function checkChoiceOption<T extends string>(option: string, value: string, choices: readonly T[]): T {
  const found = choices.find((c) => c === value);
  if (found === undefined) throw new CliError("invalid_choice", { option, value, choices });
  return found;
}

/** Refuses a `--from`/`--to` pair that is not two dates in order. */
export function checkPeriodOptions(from: string | undefined, to: string | undefined): void {
  if (from !== undefined) checkDateOption("--from", from);
  if (to !== undefined) checkDateOption("--to", to);
  if (from !== undefined && to !== undefined && from > to)
    throw new CliError("date_order", { from: "--from", to: "--to" });
}

/** Refuses an `--area` id that is not in the area tree, listing the ids there are. */
export function checkAreaOption(
  value: string | undefined,
  areas: readonly { id: string; name: string }[],
): void {
  if (value === undefined || areas.some((a) => a.id === value)) return;
  const choices = areas.map((a) => `${a.id}（${a.name}）`).sort();
  throw new CliError("unknown_area", { value, choices });
}

/** What the error boundary prints for a failure: stderr always, and a JSON document on stdout for `--json`. */
export type FailureOutput = { stderr: string; stdout: string };

/**
 * How the CLI reports a failure. A `CliError` prints its Chinese sentence followed by its code in
 * brackets (and, with `--json`, `{ ok: false, error: { code, message } }` on stdout); other expected
 * failures print their message; anything else its stack, since it is a defect.
 */
export async function describeCliFailure(e: unknown, json: boolean): Promise<FailureOutput> {
  const { ConfigError } = await import("../config.ts");
  let code: string | null = null;
  let message: string;
  if (e instanceof WordedError) {
    code = e.key;
    message = await cliMessage(e);
  } else if (e instanceof AppError || e instanceof ConfigError) {
    code = e instanceof AppError ? e.code : "invalid_environment";
    message = e.message;
  } else message = e instanceof Error ? (e.stack ?? e.message) : String(e);
  const stderr = e instanceof WordedError ? `${message} [${code}]\n` : `${message}\n`;
  const stdout =
    json && code !== null ? `${JSON.stringify({ ok: false, error: { code, message } }, null, 2)}\n` : "";
  return { stderr, stdout };
}

/** The sentence of a CLI error; with the wording unreadable, its code and values, which still say what is wrong. */
async function cliMessage(e: WordedError): Promise<string> {
  try {
    const [{ loadConfig }, { loadCliTexts }] = await Promise.all([
      import("../config.ts"),
      import("../content/cli-texts.ts"),
    ]);
    return loadCliTexts(loadConfig().promptsDir).error(e.key, e.params);
  } catch {
    return e.message;
  }
}
