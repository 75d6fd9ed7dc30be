import { AppError } from "../domain/app-error.ts";
import { Prisma } from "../generated/prisma/client.ts";
import type { Db } from "../store/database.ts";
import type { EnterprisePlan } from "./enterprise-rows.ts";
import type { PersonRecord } from "./people-rows.ts";

// Imports of a few thousand rows run row by row inside one transaction; the default 5 s is too short.
const TRANSACTION = { timeout: 300_000, maxWait: 30_000 };

/** Writes a validated enterprise import in one transaction: new areas, new grids, then enterprises. */
export async function applyEnterprises(db: Db, plan: EnterprisePlan): Promise<void> {
  await inTransaction(db, async (tx) => {
    for (const a of plan.newAreas) await tx.area.create({ data: a });
    for (const g of plan.newGrids) await tx.grid.create({ data: g });
    for (const e of plan.records) {
      const fields = {
        name: e.name,
        industry: e.industry,
        areaId: e.areaId,
        gridId: e.gridId,
        supervisionClass: e.supervisionClass,
        address: e.address,
      };
      if (e.existingId) await tx.enterprise.update({ where: { id: e.existingId }, data: fields });
      else await tx.enterprise.create({ data: { ...fields, creditCode: e.creditCode } });
    }
  });
}

/** Writes a validated people import in one transaction; a person's grids and areas are replaced. */
export async function applyPeople(db: Db, records: readonly PersonRecord[]): Promise<void> {
  await inTransaction(db, async (tx) => {
    for (const p of records) {
      const fields = { name: p.name, role: p.role, enterpriseId: p.enterpriseId };
      const person = p.existingId
        ? await tx.person.update({ where: { id: p.existingId }, data: fields })
        : await tx.person.create({ data: { ...fields, phone: p.phone } });
      if (p.existingId) {
        await tx.personGrid.deleteMany({ where: { personId: person.id } });
        await tx.personArea.deleteMany({ where: { personId: person.id } });
      }
      await tx.personGrid.createMany({ data: p.gridIds.map((gridId) => ({ personId: person.id, gridId })) });
      await tx.personArea.createMany({ data: p.areaIds.map((areaId) => ({ personId: person.id, areaId })) });
    }
  });
}

/** Unique key taken, referenced row gone, row to update gone. */
const CHANGED_UNDERNEATH = ["P2002", "P2003", "P2025"];

type TxClient = Parameters<Parameters<Db["$transaction"]>[0]>[0];

async function inTransaction(db: Db, body: (tx: TxClient) => Promise<void>): Promise<void> {
  try {
    await db.$transaction(body, TRANSACTION);
  } catch (e) {
    // Validation ran on a snapshot; another writer in between (a second import) makes a row
    // clash with a key or lose a referenced row. Nothing was written; running again re-validates.
    if (!(e instanceof Prisma.PrismaClientKnownRequestError && CHANGED_UNDERNEATH.includes(e.code))) throw e;
    throw new AppError(
      "conflict",
      "The database changed while importing; nothing was written. Run the import again.",
      {
        cause: e,
      },
    );
  }
}
