import type { Role } from "../domain/people/role.ts";
import type { Tx } from "../store/database.ts";

export type Recipient = { personId: string; channel: string; externalId: string };

/** Where to reach each person: their most recently bound chat account. */
export async function recipientsOf(tx: Tx, personIds: readonly string[]): Promise<Recipient[]> {
  const identities = [];
  // SQLite refuses statements with more than 999 parameters: ask in chunks.
  for (let i = 0; i < personIds.length; i += 500) {
    identities.push(
      ...(await tx.channelIdentity.findMany({
        where: { personId: { in: personIds.slice(i, i + 500) }, person: { active: true } },
        orderBy: { boundAt: "desc" },
      })),
    );
  }
  identities.sort((a, b) => b.boundAt.getTime() - a.boundAt.getTime());
  const seen = new Set<string>();
  return identities.flatMap((i) => {
    if (seen.has(i.personId)) return [];
    seen.add(i.personId);
    return [{ personId: i.personId, channel: i.channel, externalId: i.externalId }];
  });
}

/** The area and all its ancestors, nearest first. */
export async function areaLineage(tx: Tx, areaId: string): Promise<string[]> {
  const lineage: string[] = [];
  let current: string | null = areaId;
  while (current && !lineage.includes(current)) {
    lineage.push(current);
    const area: { parentId: string | null } | null = await tx.area.findUnique({
      where: { id: current },
      select: { parentId: true },
    });
    current = area?.parentId ?? null;
  }
  return lineage;
}

/** People of a role responsible for an enterprise: its heads, its grid's workers, its areas' leaders, all admins. */
export async function responsibleFor(
  tx: Tx,
  enterprise: { id: string; gridId: string | null; areaId: string },
  role: Role,
): Promise<string[]> {
  switch (role) {
    case "grid_worker": {
      if (!enterprise.gridId) return [];
      const rows = await tx.personGrid.findMany({ where: { gridId: enterprise.gridId, person: { role } } });
      return rows.map((r) => r.personId);
    }
    case "leader": {
      const areas = await areaLineage(tx, enterprise.areaId);
      const rows = await tx.personArea.findMany({ where: { areaId: { in: areas }, person: { role } } });
      return [...new Set(rows.map((r) => r.personId))];
    }
    case "admin":
      return (await tx.person.findMany({ where: { role: "admin", active: true }, select: { id: true } })).map(
        (p) => p.id,
      );
    case "enterprise_head":
      return (
        await tx.person.findMany({
          where: { enterpriseId: enterprise.id, role, active: true },
          select: { id: true },
        })
      ).map((p) => p.id);
  }
}
