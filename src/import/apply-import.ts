import { AppError, isConflict } from "../domain/app-error.ts";
import type { Stores } from "../store/stores.ts";
import type { UnitOfWork } from "../store/unit-of-work.ts";
import type { EnterprisePlan } from "./enterprise-rows.ts";
import type { PersonRecord } from "./people-rows.ts";

// Imports of a few thousand rows run row by row inside one transaction; the default is too short.
const TRANSACTION_TIMEOUT_MS = 300_000;

/** Writes a validated enterprise import in one transaction: new areas, new grids, then enterprises. */
export async function applyEnterprises(uow: UnitOfWork, plan: EnterprisePlan): Promise<void> {
  await inTransaction(uow, async (s) => {
    await s.directory.addAreas(plan.newAreas);
    await s.directory.addGrids(plan.newGrids);
    for (const e of plan.records) {
      const fields = {
        name: e.name,
        industry: e.industry,
        areaId: e.areaId,
        gridId: e.gridId,
        supervisionClass: e.supervisionClass,
        address: e.address,
      };
      if (e.existingId) await s.directory.updateEnterprise(e.existingId, fields);
      else await s.directory.addEnterprise(e.creditCode, fields);
    }
  });
}

/** Writes a validated people import in one transaction; a person's grids and areas are replaced. */
export async function applyPeople(uow: UnitOfWork, records: readonly PersonRecord[]): Promise<void> {
  await inTransaction(uow, async (s) => {
    for (const p of records) {
      const fields = { name: p.name, role: p.role, enterpriseId: p.enterpriseId };
      const places = { gridIds: p.gridIds, areaIds: p.areaIds };
      if (p.existingId) await s.directory.updatePerson(p.existingId, fields, places);
      else await s.directory.addPerson(p.phone, fields, places);
    }
  });
}

async function inTransaction(uow: UnitOfWork, body: (s: Stores) => Promise<void>): Promise<void> {
  try {
    await uow.run(body, { timeoutMs: TRANSACTION_TIMEOUT_MS });
  } catch (e) {
    // Validation ran on a snapshot; another writer in between (a second import) makes a row
    // clash with a key or lose a referenced row. Nothing was written; running again re-validates.
    if (!isConflict(e)) throw e;
    throw new AppError(
      "conflict",
      "The database changed while importing; nothing was written. Run the import again.",
      {
        cause: e,
      },
    );
  }
}
