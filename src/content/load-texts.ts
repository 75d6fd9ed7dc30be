import fs from "node:fs";
import path from "node:path";
import YAML from "yaml";
import type { z } from "zod";
import { Texts, TextsFileSchema } from "../domain/texts.ts";
import { type ContentProblem, zodProblems } from "./content-problem.ts";

// The bot wording's loader apart from load-content.ts (checklists, rules, the basis catalogue), so a
// command that needs labels alone (`report --industry`, `ledger`) loads none of the rest.

export type Parsed<T> = { file: string; data: T } | { problems: ContentProblem[] };

/** A YAML (or JSON) file read and validated with `schema`; problems name the file (relative to `root`) and the path. */
export function readStructured<S extends z.ZodType>(
  file: string,
  schema: S,
  root: string,
): Parsed<z.infer<S>> {
  const rel = path.relative(root, file) || file;
  let raw: unknown;
  try {
    const text = fs.readFileSync(file, "utf8");
    raw = file.endsWith(".json") ? JSON.parse(text) : YAML.parse(text, { prettyErrors: true });
  } catch (e) {
    return { problems: [{ file: rel, path: "(file)", message: e instanceof Error ? e.message : String(e) }] };
  }
  const parsed = schema.safeParse(raw);
  return parsed.success ? { file: rel, data: parsed.data } : { problems: zodProblems(rel, parsed.error) };
}

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
  return "problems" in texts
    ? { ok: false, problems: texts.problems }
    : { ok: true, texts: new Texts(texts.data) };
}
