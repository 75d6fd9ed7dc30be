import { type AreaRow, byIdOrName, type Directory, type GridRow, nameWithId } from "./directory.ts";
import type { Checked } from "./table.ts";

/**
 * Resolves the area and grid cells of an enterprise import to ids, planning the areas and grids
 * the file names but the database lacks. New areas become streets under the one top-level
 * district (the usual single-district install), or top-level when there is not exactly one.
 */
export class PlacePlanner {
  readonly newAreas: AreaRow[] = [];
  readonly newGrids: GridRow[] = [];

  constructor(
    private readonly dir: Directory,
    private readonly newId: (prefix: string) => string,
  ) {}

  /** The area's id, found by id or name, or planned when unknown. */
  area(value: string): Checked<string> {
    const all = [...this.dir.areas, ...this.newAreas];
    const found = byIdOrName(all, value);
    if (found.kind === "found") return { ok: true, value: found.row.id };
    if (found.kind === "ambiguous")
      return { ok: false, code: "ambiguous_area", params: { value, matches: found.rows.map(nameWithId) } };
    const districts = this.dir.areas.filter((a) => a.parentId === null && a.kind === "district");
    const area = {
      id: this.freshId("area", all),
      name: value,
      kind: "street",
      parentId: districts.length === 1 ? (districts[0]?.id ?? null) : null,
    };
    this.newAreas.push(area);
    return { ok: true, value: area.id };
  }

  /** The grid's id inside the row's area, found by id or name, or planned when unknown. */
  grid(value: string, areaId: string): Checked<string> {
    const all = [...this.dir.grids, ...this.newGrids];
    const byId = all.find((g) => g.id === value);
    const named = byId ? [byId] : all.filter((g) => g.name === value);
    const inArea = named.filter((g) => g.areaId === areaId);
    if (inArea.length === 1 && inArea[0]) return { ok: true, value: inArea[0].id };
    if (inArea.length > 1)
      return { ok: false, code: "ambiguous_grid", params: { value, matches: inArea.map(nameWithId) } };
    if (named.length)
      return {
        ok: false,
        code: "grid_in_other_area",
        params: {
          grid: named.map(nameWithId),
          owner: [...new Set(named.map((g) => this.areaName(g.areaId)))],
          area: this.areaName(areaId),
        },
      };
    const grid = { id: this.freshId("grid", all), name: value, areaId };
    this.newGrids.push(grid);
    return { ok: true, value: grid.id };
  }

  /** How a message names an area: a stored one with its id, a planned one by its name alone. */
  areaName(id: string): string {
    const planned = this.newAreas.find((a) => a.id === id);
    if (planned) return planned.name;
    const area = this.dir.areas.find((a) => a.id === id);
    return area ? nameWithId(area) : id;
  }

  private freshId(prefix: string, taken: readonly { id: string }[]): string {
    let id = this.newId(prefix);
    while (taken.some((t) => t.id === id)) id = this.newId(prefix);
    return id;
  }
}
