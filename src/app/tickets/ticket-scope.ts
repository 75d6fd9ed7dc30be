import type { Prisma } from "../../generated/prisma/client.ts";
import type { Tx } from "../../store/database.ts";

type ScopedPerson = { id: string; role: string; enterpriseId: string | null };

/** The areas given and every area below them. */
async function subtree(tx: Tx, roots: readonly string[]): Promise<string[]> {
  const areas = await tx.area.findMany({ select: { id: true, parentId: true } });
  const result = new Set(roots);
  let grew = true;
  while (grew) {
    grew = false;
    for (const a of areas)
      if (a.parentId && result.has(a.parentId) && !result.has(a.id)) {
        result.add(a.id);
        grew = true;
      }
  }
  return [...result];
}

/**
 * Which enterprises a person may see: a head their own, a grid worker those in their grids,
 * a leader those in their areas and below, an admin all.
 */
export async function enterpriseScope(tx: Tx, person: ScopedPerson): Promise<Prisma.EnterpriseWhereInput> {
  switch (person.role) {
    case "enterprise_head":
      return { id: person.enterpriseId ?? "-" };
    case "grid_worker": {
      const grids = await tx.personGrid.findMany({
        where: { personId: person.id },
        select: { gridId: true },
      });
      return { gridId: { in: grids.map((g) => g.gridId) } };
    }
    case "leader": {
      const areas = await tx.personArea.findMany({
        where: { personId: person.id },
        select: { areaId: true },
      });
      return {
        areaId: {
          in: await subtree(
            tx,
            areas.map((a) => a.areaId),
          ),
        },
      };
    }
    case "admin":
      return {};
    default:
      return { id: "-" };
  }
}

/** Whether an enterprise is inside the person's scope. */
export async function inScope(tx: Tx, person: ScopedPerson, enterpriseId: string): Promise<boolean> {
  const scope = await enterpriseScope(tx, person);
  return (await tx.enterprise.count({ where: { AND: [{ id: enterpriseId }, scope] } })) > 0;
}
