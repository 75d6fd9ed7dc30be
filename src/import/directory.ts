import type { Tx } from "../store/database.ts";

export type AreaRow = { id: string; name: string; kind: string; parentId: string | null };
export type GridRow = { id: string; name: string; areaId: string };

/** What an import checks rows against: the areas, grids, enterprises and people already stored. */
export type Directory = {
  areas: AreaRow[];
  grids: GridRow[];
  /** By credit code. */
  enterprises: Map<string, { id: string; name: string; areaId: string; gridId: string | null }>;
  /** By phone. */
  people: Map<string, { id: string; name: string }>;
};

/** Reads the directory in one go, so validation itself needs no database. */
export async function loadDirectory(db: Tx): Promise<Directory> {
  const [areas, grids, enterprises, people] = await Promise.all([
    db.area.findMany({
      select: { id: true, name: true, kind: true, parentId: true },
      orderBy: { id: "asc" },
    }),
    db.grid.findMany({ select: { id: true, name: true, areaId: true }, orderBy: { id: "asc" } }),
    db.enterprise.findMany({
      select: { id: true, name: true, creditCode: true, areaId: true, gridId: true },
    }),
    db.person.findMany({ select: { id: true, name: true, phone: true } }),
  ]);
  return {
    areas,
    grids,
    enterprises: new Map(enterprises.map(({ creditCode, ...e }) => [creditCode, e])),
    people: new Map(people.map((p) => [p.phone, { id: p.id, name: p.name }])),
  };
}

export type Lookup<T> = { kind: "found"; row: T } | { kind: "ambiguous"; rows: T[] } | { kind: "none" };

/** A row by exact id, else by name; several rows with the name are ambiguous. */
export function byIdOrName<T extends { id: string; name: string }>(
  rows: readonly T[],
  value: string,
): Lookup<T> {
  const byId = rows.find((r) => r.id === value);
  if (byId) return { kind: "found", row: byId };
  const named = rows.filter((r) => r.name === value);
  if (named.length === 1 && named[0]) return { kind: "found", row: named[0] };
  return named.length ? { kind: "ambiguous", rows: named } : { kind: "none" };
}

/** "化工园区 (p1)": how messages name an area or grid. */
export const nameWithId = (r: { id: string; name: string }) => `${r.name} (${r.id})`;
