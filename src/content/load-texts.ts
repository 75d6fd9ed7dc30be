import path from "node:path";
import { Texts, TextsFileSchema } from "../domain/texts.ts";
import type { ContentProblem } from "./content-problem.ts";
import { readStructured } from "./read-structured.ts";

// The bot wording's loader apart from load-content.ts (checklists, rules, the basis catalogue), so a
// command that needs labels alone (`report --industry`, `ledger`) loads none of the rest.

/**
 * The bot wording alone (`messages.yaml`), validated as {@link loadContent} validates it, for a
 * command that needs labels but no checklist or rule (see `content-on-demand.ts`).
 */
export function loadTexts(
  promptsDir: string,
): { ok: true; texts: Texts } | { ok: false; problems: ContentProblem[] } {
  const texts = readStructured(
    path.join(promptsDir, "messages.yaml"),
    TextsFileSchema,
    path.dirname(promptsDir),
  );
  return texts.ok ? { ok: true, texts: new Texts(texts.data) } : texts;
}
