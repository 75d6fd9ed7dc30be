import type { ImportUndoEntry } from "../store/import-journal-store.ts";
import type { Stores } from "../store/stores.ts";
import type { EnterprisePlan } from "./enterprise-rows.ts";
import type { PersonRecord } from "./people-rows.ts";

/** One row (or new area or grid) of a validated import: writes it and says how to undo it. */
export type ImportStep = (s: Stores) => Promise<ImportUndoEntry>;

/** The steps of an enterprise import: new areas (parents first), new grids, then the enterprises. */
export function enterpriseSteps(plan: EnterprisePlan): ImportStep[] {
  return [
    ...plan.newAreas.map(
      (a): ImportStep =>
        async (s) => {
          await s.directory.addAreas([a]);
          return { kind: "area", id: a.id };
        },
    ),
    ...plan.newGrids.map(
      (g): ImportStep =>
        async (s) => {
          await s.directory.addGrids([g]);
          return { kind: "grid", id: g.id };
        },
    ),
    ...plan.records.map(
      (e): ImportStep =>
        async (s) => {
          const fields = {
            name: e.name,
            industry: e.industry,
            areaId: e.areaId,
            gridId: e.gridId,
            supervisionClass: e.supervisionClass,
            address: e.address,
          };
          if (!e.existingId)
            return { kind: "enterprise", id: await s.directory.addEnterprise(e.creditCode, fields) };
          const was = await s.importJournal.enterpriseWas(e.existingId);
          await s.directory.updateEnterprise(e.existingId, fields);
          return { kind: "enterprise_was", id: e.existingId, fields: was };
        },
    ),
  ];
}

/** The steps of a people import; a person's grids and areas are replaced. */
export function peopleSteps(records: readonly PersonRecord[]): ImportStep[] {
  return records.map(
    (p): ImportStep =>
      async (s) => {
        const fields = { name: p.name, role: p.role, enterpriseId: p.enterpriseId };
        const places = { gridIds: p.gridIds, areaIds: p.areaIds };
        if (!p.existingId)
          return { kind: "person", id: await s.directory.addPerson(p.phone, fields, places) };
        const was = await s.importJournal.personWas(p.existingId);
        await s.directory.updatePerson(p.existingId, fields, places);
        return { kind: "person_was", id: p.existingId, ...was };
      },
  );
}

/** Puts one row back as it was before the import: deleted if the import created it, else its old values. */
export async function undoStep(s: Stores, entry: ImportUndoEntry): Promise<void> {
  switch (entry.kind) {
    case "enterprise_was":
      return s.directory.updateEnterprise(entry.id, entry.fields);
    case "person_was":
      return s.directory.updatePerson(entry.id, entry.fields, entry.places);
    default:
      return s.importJournal.deleteCreated(entry.kind, entry.id);
  }
}
