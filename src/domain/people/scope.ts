import type { Role } from "./role.ts";

/**
 * Which enterprises a person may see and act on, as data: a head their own enterprise, a grid
 * worker the enterprises of their grids, a leader, an inspector (执法检查人员) or an expert (专家)
 * those of their areas and every area below, an admin all. Stores turn a scope into a query.
 */
export type Scope =
  | { kind: "all" }
  | { kind: "none" }
  | { kind: "enterprise"; enterpriseId: string }
  | { kind: "grids"; gridIds: readonly string[] }
  /** The areas a leader, inspector or expert holds; the subtree below them is included. */
  | { kind: "areas"; areaIds: readonly string[] };

/** The scope of a person's role, from the grids and areas assigned to them. */
export function scopeOf(
  person: { role: Role; enterpriseId: string | null },
  assigned: { gridIds: readonly string[]; areaIds: readonly string[] },
): Scope {
  switch (person.role) {
    case "enterprise_head":
      return person.enterpriseId
        ? { kind: "enterprise", enterpriseId: person.enterpriseId }
        : { kind: "none" };
    case "grid_worker":
      return { kind: "grids", gridIds: assigned.gridIds };
    case "leader":
    case "inspector":
    case "expert":
      return { kind: "areas", areaIds: assigned.areaIds };
    case "admin":
      return { kind: "all" };
  }
}
