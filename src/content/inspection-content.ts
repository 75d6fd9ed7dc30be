import fs from "node:fs";
import path from "node:path";
import YAML from "yaml";
import { AppError } from "../domain/app-error.ts";
import {
  type InspectionCatalogue,
  InspectionCatalogueSchema,
} from "../domain/inspection/inspection-catalogue.ts";
import { describeProblems, zodProblems } from "./content-problem.ts";

/** Inspection kinds, documents and measure labels, from prompts/inspections.yaml. */
export type InspectionContent = InspectionCatalogue;

/** Reads and validates `inspections.yaml` in the prompts directory; a problem names the file and the path. */
export function loadInspectionContent(promptsDir: string): InspectionContent {
  const file = path.join(promptsDir, "inspections.yaml");
  const shown = path.join(path.basename(promptsDir), "inspections.yaml");
  let raw: unknown;
  try {
    raw = YAML.parse(fs.readFileSync(file, "utf8"), { prettyErrors: true });
  } catch (e) {
    throw new AppError("invalid_content", `${shown}: (file): ${e instanceof Error ? e.message : String(e)}`, {
      cause: e,
    });
  }
  const parsed = InspectionCatalogueSchema.safeParse(raw);
  if (!parsed.success)
    throw new AppError("invalid_content", describeProblems(zodProblems(shown, parsed.error)));
  return parsed.data;
}
