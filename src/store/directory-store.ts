import { AppError } from "../domain/app-error.ts";
import type { AreaNode } from "../domain/area/area-tree.ts";
import type { Enterprise } from "../domain/enterprise.ts";
import type { Person } from "../domain/people/person.ts";
import type { Role } from "../domain/people/role.ts";
import { type Client, isKnownRequestError } from "./client.ts";
import { toEnterprise, toPerson } from "./rows.ts";
import type { Sql } from "./sql.ts";

/** An area with its kind (district | street | town | park), as imports and the seed write it. */
export type DirectoryArea = AreaNode & { kind: string };

/** A grid and the area it belongs to. */
export type DirectoryGrid = { id: string; name: string; areaId: string };

/** What an import checks rows against: every area, grid, enterprise and person stored. */
export type DirectorySnapshot = {
  /** By id. */
  areas: DirectoryArea[];
  /** By id. */
  grids: DirectoryGrid[];
  enterprises: Pick<Enterprise, "id" | "creditCode" | "name" | "areaId" | "gridId">[];
  people: Pick<Person, "id" | "name" | "phone">[];
};

/**
 * An enterprise's fields besides its credit code. An optional field left `undefined` keeps the
 * stored value on update (an import file without that column); `null` clears it.
 */
export type EnterpriseFields = {
  name: string;
  industry: string;
  areaId: string;
  gridId?: string | null | undefined;
  supervisionClass?: string | null | undefined;
  address?: string | null | undefined;
};

/** A person's fields besides their phone. */
export type PersonFields = { name: string; role: Role; enterpriseId: string | null };

/** The grids (grid workers) and areas (leaders, admins) a person holds. */
export type PersonPlaces = { gridIds: readonly string[]; areaIds: readonly string[] };

/** A binding code that was already used, as a finished binding leaves it. */
export type UsedInvite = { code: string; personId: string; usedBy: string; at: Date };

/** A chat account bound to a person. */
export type NewAccount = { channel: string; externalId: string; personId: string; at: Date };

/**
 * Bulk reads and writes of the directory (areas, grids, enterprises, people and their places)
 * for import and the demo seed. Writes that lose a row they refer to, or a row they update, to
 * another writer fail as the domain's `conflict` (a unique key taken is one already, through the
 * unit of work).
 */
export class DirectoryStore {
  constructor(
    private readonly db: Client,
    private readonly sql: Sql,
  ) {}

  /** The whole directory in one go, so an import validates its rows without the database. */
  async snapshot(): Promise<DirectorySnapshot> {
    const [areas, grids, enterprises, people] = await Promise.all([
      this.db.area.findMany({
        select: { id: true, name: true, kind: true, parentId: true },
        orderBy: { id: "asc" },
      }),
      this.db.grid.findMany({ select: { id: true, name: true, areaId: true }, orderBy: { id: "asc" } }),
      this.db.enterprise.findMany({
        select: { id: true, name: true, creditCode: true, areaId: true, gridId: true },
      }),
      this.db.person.findMany({ select: { id: true, name: true, phone: true } }),
    ]);
    return { areas, grids, enterprises, people };
  }

  /** Adds areas in the order given (a parent before its children). */
  async addAreas(areas: readonly DirectoryArea[]): Promise<void> {
    for (const a of areas)
      await changed(() =>
        this.db.area.create({ data: { id: a.id, name: a.name, kind: a.kind, parentId: a.parentId } }),
      );
  }

  /** Adds grids to existing areas. */
  async addGrids(grids: readonly DirectoryGrid[]): Promise<void> {
    for (const g of grids)
      await changed(() => this.db.grid.create({ data: { id: g.id, name: g.name, areaId: g.areaId } }));
  }

  /** Adds an enterprise and answers its new id. */
  async addEnterprise(creditCode: string, fields: EnterpriseFields): Promise<string> {
    const row = await changed(() =>
      this.db.enterprise.create({ data: { ...enterpriseData(fields), creditCode } }),
    );
    return row.id;
  }

  /** Updates an enterprise's fields; optional fields left undefined keep their stored value. */
  async updateEnterprise(id: string, fields: EnterpriseFields): Promise<void> {
    await changed(() => this.db.enterprise.update({ where: { id }, data: enterpriseData(fields) }));
  }

  /** Adds a person holding the given places and answers their new id. */
  async addPerson(phone: string, fields: PersonFields, places: PersonPlaces): Promise<string> {
    const person = await changed(() => this.db.person.create({ data: { ...fields, phone } }));
    await this.addPlaces(person.id, places);
    return person.id;
  }

  /** Updates a person's fields and replaces the places they hold. */
  async updatePerson(id: string, fields: PersonFields, places: PersonPlaces): Promise<void> {
    await changed(() => this.db.person.update({ where: { id }, data: fields }));
    await this.db.personGrid.deleteMany({ where: { personId: id } });
    await this.db.personArea.deleteMany({ where: { personId: id } });
    await this.addPlaces(id, places);
  }

  /** Records a binding code as already used (the seed binds people as a real binding would). */
  async addUsedInvite(invite: UsedInvite): Promise<void> {
    await changed(() =>
      this.db.inviteCode.create({
        data: {
          code: invite.code,
          personId: invite.personId,
          expiresAt: invite.at,
          usedAt: invite.at,
          usedBy: invite.usedBy,
          createdAt: invite.at,
        },
      }),
    );
  }

  /** Binds a chat account to a person. */
  async addAccount(account: NewAccount): Promise<void> {
    await changed(() =>
      this.db.channelIdentity.create({
        data: {
          channel: account.channel,
          externalId: account.externalId,
          personId: account.personId,
          boundAt: account.at,
        },
      }),
    );
  }

  /** People with an account on a channel, with their enterprise, by role then phone. */
  async boundOn(channel: string): Promise<(Person & { enterprise: Enterprise | null })[]> {
    // A prepared statement: `xunjian start` lists the demo people at every start, and an idle
    // start should not load the ORM for it.
    const rows = this.sql.statement(BOUND_ON).all(channel) as BoundRow[];
    return rows.map((r) => ({
      ...toPerson({ ...r, active: r.active !== 0 }),
      enterprise:
        r.enterpriseId === null || r.creditCode === null
          ? null
          : toEnterprise({
              id: r.enterpriseId,
              creditCode: r.creditCode,
              name: r.enterpriseName ?? "",
              industry: r.industry ?? "",
              supervisionClass: r.supervisionClass,
              areaId: r.areaId ?? "",
              gridId: r.gridId,
              address: r.address,
            }),
    }));
  }

  private async addPlaces(personId: string, places: PersonPlaces): Promise<void> {
    await changed(() =>
      this.db.personGrid.createMany({ data: places.gridIds.map((gridId) => ({ personId, gridId })) }),
    );
    await changed(() =>
      this.db.personArea.createMany({ data: places.areaIds.map((areaId) => ({ personId, areaId })) }),
    );
  }
}

/** People with an account on a channel, with their enterprise, by role and phone. */
const BOUND_ON = `SELECT p.id, p.name, p.phone, p.role, p.enterpriseId, p.active,
    e.creditCode, e.name AS enterpriseName, e.industry, e.supervisionClass, e.areaId, e.gridId, e.address
  FROM Person p LEFT JOIN Enterprise e ON e.id = p.enterpriseId
  WHERE EXISTS (SELECT 1 FROM ChannelIdentity ci WHERE ci.personId = p.id AND ci.channel = ?)
  ORDER BY p.role, p.phone`;

type BoundRow = {
  id: string;
  name: string;
  phone: string;
  role: string;
  enterpriseId: string | null;
  active: number;
  creditCode: string | null;
  enterpriseName: string | null;
  industry: string | null;
  supervisionClass: string | null;
  areaId: string | null;
  gridId: string | null;
  address: string | null;
};

/** The ORM's data for an enterprise's fields: `undefined` leaves a column as it is. */
function enterpriseData(fields: EnterpriseFields) {
  return {
    name: fields.name,
    industry: fields.industry,
    areaId: fields.areaId,
    gridId: fields.gridId,
    supervisionClass: fields.supervisionClass,
    address: fields.address,
  };
}

/** Referenced row gone, row to update gone. */
const GONE = new Map([
  ["P2003", "a row it refers to is not there"],
  ["P2025", "the row to update is not there"],
]);

/**
 * Runs a write; a row it needs that another writer removed meanwhile becomes `conflict`, so a
 * use case that validated against a snapshot can say what happened without knowing the ORM.
 */
async function changed<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (e) {
    const gone = isKnownRequestError(e) ? GONE.get(e.code) : undefined;
    if (gone === undefined) throw e;
    throw new AppError("conflict", gone, { cause: e });
  }
}
