import path from "node:path";
import { type Catalogue, CatalogueSchema } from "../domain/basis/instrument.ts";
import type { ContentProblem } from "./content-problem.ts";
import { readStructured } from "./read-structured.ts";

/** Where the catalogue of legal instruments lives, relative to `prompts/`. */
export const CATALOGUE_FILE = path.join("basis", "instruments.yaml");

/** Reads and validates `prompts/basis/instruments.yaml`; problems name the file and the path inside it. */
export function loadBasisCatalogue(
  promptsDir: string,
): { ok: true; catalogue: Catalogue } | { ok: false; problems: ContentProblem[] } {
  const read = readStructured(
    path.join(promptsDir, CATALOGUE_FILE),
    CatalogueSchema,
    path.dirname(promptsDir),
  );
  return read.ok ? { ok: true, catalogue: read.data } : read;
}
