import type { CliErrorCode, Params } from "../content/cli-texts.ts";
import { AppError, type ErrorCode } from "../domain/app-error.ts";

/**
 * A refusal office staff read on the command line, worded in Chinese in prompts/cli.yaml under
 * `errors.<key>`. The key is the stable code scripts see (`[key]` after the sentence, `code` with
 * `--json`); the AppError code still says what kind of refusal it is. Throwing one loads no content:
 * the sentence is filled in when the CLI prints it.
 */
export class WordedError extends AppError {
  constructor(
    code: ErrorCode,
    readonly key: CliErrorCode,
    readonly params: Params = {},
  ) {
    super(code, `${key} ${JSON.stringify(params)}`);
    this.name = "WordedError";
  }
}
