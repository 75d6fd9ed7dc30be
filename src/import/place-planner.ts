import { type AreaRow, byIdOrName, type Directory, type GridRow, nameWithId } from "./directory.ts";
import type { Checked } from "./field-checks.ts";

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
      return {
        ok: false,
        message: `several areas are named "${value}": ${found.rows.map(nameWithId).join(", ")}; use the id`,
      };
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
      return {
        ok: false,
        message: `several grids of this area are named "${value}": ${inArea.map(nameWithId).join(", ")}; use the id`,
      };
    if (named.length) {
      const elsewhere = named.map((g) => `${nameWithId(g)} belongs to ${this.areaName(g.areaId)}`).join("; ");
      return { ok: false, message: `grid ${elsewhere}, not to ${this.areaName(areaId)}` };
    }
    const grid = { id: this.freshId("grid", all), name: value, areaId };
    this.newGrids.push(grid);
    return { ok: true, value: grid.id };
  }

  /** How a message names an area, planned or stored. */
  areaName(id: string): string {
    const planned = this.newAreas.find((a) => a.id === id);
    if (planned) return `${planned.name} (new)`;
    const area = this.dir.areas.find((a) => a.id === id);
    return area ? nameWithId(area) : id;
  }

  private freshId(prefix: string, taken: readonly { id: string }[]): string {
    let id = this.newId(prefix);
    while (taken.some((t) => t.id === id)) id = this.newId(prefix);
    return id;
  }
}
