import {
  type InspectionCatalogue,
  InspectionCatalogueSchema,
} from "../domain/inspection/inspection-catalogue.ts";
import { readPromptsFile } from "./read-structured.ts";

/** Inspection kinds, documents and measure labels, from prompts/inspections.yaml. */
export type InspectionContent = InspectionCatalogue;

/** Reads and validates `inspections.yaml` in the prompts directory; a problem names the file and the path. */
export function loadInspectionContent(promptsDir: string): InspectionContent {
  return readPromptsFile(promptsDir, "inspections.yaml", InspectionCatalogueSchema);
}
