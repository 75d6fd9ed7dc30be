import type { AreaNode } from "../domain/area/area-tree.ts";
import { subtreeIds } from "../domain/area/area-tree.ts";
import type { Enterprise } from "../domain/enterprise.ts";
import type { Scope } from "../domain/people/scope.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { type Client, textContains } from "./client.ts";
import { toEnterprise } from "./rows.ts";
import type { Sql } from "./sql.ts";

/** Optional narrowing of an enterprise list beside the person's scope. */
export type EnterpriseFilter = {
  /** Keep enterprises of these areas and every area below them. */
  areaIds?: readonly string[];
  industry?: string;
  /** A number from a list the user saw, or part of a name (case-insensitive contains). */
  nameContains?: string;
};

/** Enterprises, areas and grids. */
export class EnterpriseStore {
  constructor(
    private readonly db: Client,
    private readonly sql: Sql,
  ) {}

  async byId(id: string): Promise<Enterprise | null> {
    const row = await this.db.enterprise.findUnique({ where: { id } });
    return row ? toEnterprise(row) : null;
  }

  async byCreditCode(creditCode: string): Promise<Enterprise | null> {
    const row = await this.db.enterprise.findUnique({ where: { creditCode } });
    return row ? toEnterprise(row) : null;
  }

  /** Enterprises inside a scope (and the filter), by name. */
  async list(scope: Scope, filter: EnterpriseFilter = {}): Promise<Enterprise[]> {
    const rows = await this.db.enterprise.findMany({
      where: await this.where(scope, filter),
      orderBy: [{ name: "asc" }, { id: "asc" }],
    });
    return rows.map(toEnterprise);
  }

  /** Ids of the enterprises inside a scope (and the filter). */
  async idsIn(scope: Scope, filter: EnterpriseFilter = {}): Promise<string[]> {
    const rows = await this.db.enterprise.findMany({
      where: await this.where(scope, filter),
      select: { id: true },
    });
    return rows.map((r) => r.id);
  }

  async isInScope(scope: Scope, enterpriseId: string): Promise<boolean> {
    return (
      (await this.db.enterprise.count({
        where: { AND: [{ id: enterpriseId }, await this.where(scope, {})] },
      })) > 0
    );
  }

  /** Every area, for tree walks in the domain. */
  /** The area tree by id; a prepared statement, as `report` and `ledger` check `--area` against it. */
  async areas(): Promise<AreaNode[]> {
    return this.sql.statement("SELECT id, name, parentId FROM Area ORDER BY id").all() as AreaNode[];
  }

  async area(id: string): Promise<AreaNode | null> {
    return this.db.area.findUnique({ where: { id }, select: { id: true, name: true, parentId: true } });
  }

  async grids(): Promise<{ id: string; name: string; areaId: string }[]> {
    return this.db.grid.findMany({ select: { id: true, name: true, areaId: true }, orderBy: { id: "asc" } });
  }

  /** How many enterprises there are; a prepared statement, as every `xunjian start` asks. */
  async count(): Promise<number> {
    return (this.sql.statement("SELECT count(*) AS n FROM Enterprise").get() as { n: number }).n;
  }

  private where(scope: Scope, filter: EnterpriseFilter): Promise<Prisma.EnterpriseWhereInput> {
    return enterpriseWhere(this.db, scope, filter);
  }
}

/**
 * A scope and filter as the ORM's enterprise filter, for every store that narrows by enterprise
 * (tickets, runs, reports). The area subtree is walked in the domain.
 */
export async function enterpriseWhere(
  db: Client,
  scope: Scope,
  filter: EnterpriseFilter = {},
): Promise<Prisma.EnterpriseWhereInput> {
  const and: Prisma.EnterpriseWhereInput[] = [];
  const needsTree = scope.kind === "areas" || filter.areaIds !== undefined;
  const areas = needsTree ? await db.area.findMany({ select: { id: true, parentId: true } }) : [];
  switch (scope.kind) {
    case "all":
      break;
    case "none":
      and.push({ id: { in: [] } });
      break;
    case "enterprise":
      and.push({ id: scope.enterpriseId });
      break;
    case "grids":
      and.push({ gridId: { in: [...scope.gridIds] } });
      break;
    case "areas":
      and.push({ areaId: { in: [...subtreeIds(areas, scope.areaIds)] } });
      break;
  }
  if (filter.areaIds) and.push({ areaId: { in: [...subtreeIds(areas, filter.areaIds)] } });
  if (filter.industry !== undefined) and.push({ industry: filter.industry });
  if (filter.nameContains !== undefined) and.push({ name: textContains(db, filter.nameContains) });
  return { AND: and };
}
