import fs from "node:fs";
import path from "node:path";
import YAML from "yaml";
import { type Catalogue, CatalogueSchema } from "../domain/basis/instrument.ts";
import { type ContentProblem, zodProblems } from "./content-problem.ts";

/** Where the catalogue of legal instruments lives, relative to `prompts/`. */
export const CATALOGUE_FILE = path.join("basis", "instruments.yaml");

/** Reads and validates `prompts/basis/instruments.yaml`; problems name the file and the path inside it. */
export function loadBasisCatalogue(
  promptsDir: string,
): { ok: true; catalogue: Catalogue } | { ok: false; problems: ContentProblem[] } {
  const file = path.join(promptsDir, CATALOGUE_FILE);
  const rel = path.relative(path.dirname(promptsDir), file);
  let raw: unknown;
  try {
    raw = YAML.parse(fs.readFileSync(file, "utf8"), { prettyErrors: true });
  } catch (e) {
    return {
      ok: false,
      problems: [{ file: rel, path: "(file)", message: e instanceof Error ? e.message : String(e) }],
    };
  }
  const parsed = CatalogueSchema.safeParse(raw);
  return parsed.success
    ? { ok: true, catalogue: parsed.data }
    : { ok: false, problems: zodProblems(rel, parsed.error) };
}
