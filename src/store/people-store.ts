import { lineageOf } from "../domain/area/area-tree.ts";
import type { Enterprise } from "../domain/enterprise.ts";
import type { Person } from "../domain/people/person.ts";
import type { Role } from "../domain/people/role.ts";
import { type Scope, scopeOf } from "../domain/people/scope.ts";
import { type Client, inChunks } from "./client.ts";
import { toEnterprise, toPerson } from "./rows.ts";
import type { Sql } from "./sql.ts";

/** Where to reach a person: their most recently bound chat account. */
export type Recipient = { personId: string; channel: string; externalId: string };

/** A person with the grids and areas they hold. */
export type PersonWithPlaces = Person & { gridIds: string[]; areaIds: string[] };

/** People, the grids and areas they hold, and how to reach them. */
export class PeopleStore {
  constructor(
    private readonly db: Client,
    private readonly sql: Sql,
  ) {}

  async byId(id: string): Promise<Person | null> {
    const row = await this.db.person.findUnique({ where: { id } });
    return row ? toPerson(row) : null;
  }

  /** A prepared statement: `xunjian start` makes the admin's sign-in link with it at every start. */
  async byPhone(phone: string): Promise<Person | null> {
    const row = this.sql
      .statement("SELECT id, name, phone, role, enterpriseId, active FROM Person WHERE phone = ?")
      .get(phone) as (Omit<Person, "role" | "active"> & { role: string; active: number }) | undefined;
    return row ? toPerson({ ...row, active: row.active !== 0 }) : null;
  }

  async byIds(ids: readonly string[]): Promise<Person[]> {
    const rows = await inChunks(ids, (chunk) => this.db.person.findMany({ where: { id: { in: chunk } } }));
    return rows.map(toPerson);
  }

  /** A person with their enterprise (heads), or null. */
  async withEnterprise(id: string): Promise<(Person & { enterprise: Enterprise | null }) | null> {
    const row = await this.db.person.findUnique({ where: { id }, include: { enterprise: true } });
    return row
      ? { ...toPerson(row), enterprise: row.enterprise ? toEnterprise(row.enterprise) : null }
      : null;
  }

  /** People of one role (active ones unless asked otherwise), by name. */
  async ofRole(role: Role, options: { includeInactive?: boolean } = {}): Promise<PersonWithPlaces[]> {
    const rows = await this.db.person.findMany({
      where: { role, ...(options.includeInactive ? {} : { active: true }) },
      include: { grids: { select: { gridId: true } }, areas: { select: { areaId: true } } },
      orderBy: [{ name: "asc" }, { id: "asc" }],
    });
    return rows.map((r) => ({
      ...toPerson(r),
      gridIds: r.grids.map((g) => g.gridId),
      areaIds: r.areas.map((a) => a.areaId),
    }));
  }

  /** Everyone, for operator listings, with their places. */
  async all(): Promise<(PersonWithPlaces & { enterprise: Enterprise | null })[]> {
    const rows = await this.db.person.findMany({
      include: { enterprise: true, grids: { select: { gridId: true } }, areas: { select: { areaId: true } } },
      orderBy: [{ role: "asc" }, { phone: "asc" }],
    });
    return rows.map((r) => ({
      ...toPerson(r),
      enterprise: r.enterprise ? toEnterprise(r.enterprise) : null,
      gridIds: r.grids.map((g) => g.gridId),
      areaIds: r.areas.map((a) => a.areaId),
    }));
  }

  /** The enterprises a person may see, as data. */
  async scopeOf(person: Pick<Person, "id" | "role" | "enterpriseId">): Promise<Scope> {
    const needs = person.role !== "enterprise_head" && person.role !== "admin";
    if (!needs) return scopeOf(person, { gridIds: [], areaIds: [] });
    const [grids, areas] = await Promise.all([
      this.db.personGrid.findMany({ where: { personId: person.id }, select: { gridId: true } }),
      this.db.personArea.findMany({ where: { personId: person.id }, select: { areaId: true } }),
    ]);
    return scopeOf(person, { gridIds: grids.map((g) => g.gridId), areaIds: areas.map((a) => a.areaId) });
  }

  /** Where to reach each person: their most recently bound chat account (active people only). */
  async recipientsOf(personIds: readonly string[]): Promise<Recipient[]> {
    const identities = await inChunks(personIds, (chunk) =>
      this.db.channelIdentity.findMany({
        where: { personId: { in: chunk }, person: { active: true } },
        orderBy: { boundAt: "desc" },
      }),
    );
    identities.sort((a, b) => b.boundAt.getTime() - a.boundAt.getTime());
    const seen = new Set<string>();
    return identities.flatMap((i) => {
      if (seen.has(i.personId)) return [];
      seen.add(i.personId);
      return [{ personId: i.personId, channel: i.channel, externalId: i.externalId }];
    });
  }

  /**
   * People of a role responsible for an enterprise: its heads, its grid's workers, the leaders,
   * inspectors or experts of its area and the areas above, all admins.
   */
  async responsibleFor(
    enterprise: { id: string; gridId: string | null; areaId: string },
    role: Role,
  ): Promise<string[]> {
    switch (role) {
      case "grid_worker": {
        if (!enterprise.gridId) return [];
        const rows = await this.db.personGrid.findMany({
          where: { gridId: enterprise.gridId, person: { role } },
        });
        return rows.map((r) => r.personId);
      }
      case "leader":
      case "inspector":
      case "expert": {
        const areas = lineageOf(
          await this.db.area.findMany({ select: { id: true, parentId: true } }),
          enterprise.areaId,
        );
        const rows = await this.db.personArea.findMany({
          where: { areaId: { in: areas }, person: { role } },
        });
        return [...new Set(rows.map((r) => r.personId))];
      }
      case "admin":
        return (await this.db.person.findMany({ where: { role, active: true }, select: { id: true } })).map(
          (p) => p.id,
        );
      case "enterprise_head":
        return (
          await this.db.person.findMany({
            where: { enterpriseId: enterprise.id, role, active: true },
            select: { id: true },
          })
        ).map((p) => p.id);
    }
  }
}
