import type { DirectoryArea, DirectoryGrid } from "../store/directory-store.ts";
import type { Stores } from "../store/stores.ts";

export type AreaRow = DirectoryArea;
export type GridRow = DirectoryGrid;

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
export async function loadDirectory(s: Stores): Promise<Directory> {
  const { areas, grids, enterprises, people } = await s.directory.snapshot();
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
