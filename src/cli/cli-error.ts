import type { CliErrorCode, Params } from "../content/cli-texts.ts";
import { AppError } from "../domain/app-error.ts";
import { isLocalDate } from "../domain/calendar/local-date.ts";

/**
 * A refusal of the command line that office staff read (a bad date, year, status...). It carries a
 * stable English code for scripts; the sentence comes from prompts/cli.yaml when it is printed, so
 * throwing one loads no content.
 */
export class CliError extends AppError {
  constructor(
    readonly key: CliErrorCode,
    readonly params: Params = {},
  ) {
    super("invalid_input", `${key} ${JSON.stringify(params)}`);
    this.name = "CliError";
  }
}

/** Refuses an option value that is not a YYYY-MM-DD date. */
export function checkDateOption(option: string, value: string): string {
  if (!isLocalDate(value)) throw new CliError("invalid_date", { option, value });
  return value;
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
  if (e instanceof CliError) {
    code = e.key;
    message = await cliMessage(e);
  } else if (e instanceof AppError || e instanceof ConfigError) {
    code = e instanceof AppError ? e.code : "invalid_environment";
    message = e.message;
  } else message = e instanceof Error ? (e.stack ?? e.message) : String(e);
  const stderr = e instanceof CliError ? `${message} [${code}]\n` : `${message}\n`;
  const stdout =
    json && code !== null ? `${JSON.stringify({ ok: false, error: { code, message } }, null, 2)}\n` : "";
  return { stderr, stdout };
}

/** The sentence of a CLI error; with the wording unreadable, its code and values, which still say what is wrong. */
async function cliMessage(e: CliError): Promise<string> {
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
