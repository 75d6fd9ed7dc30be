import type { Enterprise } from "../../domain/enterprise.ts";
import type { EnterpriseLookup, TeamCandidate } from "../../domain/inspection/inspection-flow.ts";
import type { InspectionCtx } from "../../domain/inspection/inspection-prompts.ts";
import type { Role } from "../../domain/people/role.ts";
import type { Scope } from "../../domain/people/scope.ts";
import type { Stores } from "../../store/stores.ts";
import type { Actor } from "../actor.ts";
import type { AppDeps } from "../app-deps.ts";

/** How many enterprises a list shows at once (the rest are found by name). */
export const LIST_LIMIT = 15;

/** The roles a team may be picked from: the people who inspect, other than admins. */
const TEAM_ROLES: readonly Role[] = ["grid_worker", "leader", "inspector", "expert"];

/** What the flow reads for this person. */
export function inspectionCtx(deps: AppDeps, actor: Actor): InspectionCtx {
  return { texts: deps.content.texts, content: deps.content.inspections, role: actor.person.role };
}

/** The people who may join an inspection of this enterprise: those responsible for it, except the inspector. */
export async function teamCandidates(
  s: Stores,
  enterprise: Enterprise,
  actor: Actor,
): Promise<TeamCandidate[]> {
  const ids = new Set<string>();
  for (const role of TEAM_ROLES)
    for (const id of await s.people.responsibleFor(enterprise, role)) ids.add(id);
  ids.delete(actor.person.id);
  const people = await s.people.byIds([...ids]);
  const order = (r: Role) => TEAM_ROLES.indexOf(r);
  return people
    .filter((p) => p.active)
    .sort((a, b) => order(a.role) - order(b.role) || a.name.localeCompare(b.name, "zh-CN"))
    .map((p) => ({ id: p.id, name: p.name, role: p.role }));
}

/** An enterprise the inspector may inspect, with the people of its area. */
async function found(s: Stores, enterprise: Enterprise, actor: Actor): Promise<EnterpriseLookup> {
  return {
    kind: "found",
    enterprise: { id: enterprise.id, name: enterprise.name },
    people: await teamCandidates(s, enterprise, actor),
  };
}

/**
 * Finds the enterprise an inspector means, inside their scope: by id (a listed candidate), by
 * credit code, or by part of its name. A name or code that only matches outside the scope is
 * said to be outside, so the inspector knows why rather than seeing "not found".
 */
export async function lookupEnterprise(
  s: Stores,
  actor: Actor,
  scope: Scope,
  by: "id" | "name",
  value: string,
): Promise<EnterpriseLookup> {
  if (by === "id") {
    const e = await s.enterprises.byId(value);
    if (e && (await s.enterprises.isInScope(scope, e.id))) return found(s, e, actor);
    return e ? { kind: "outside", name: e.name } : { kind: "none", query: value };
  }
  const query = value.trim();
  const byCode = await s.enterprises.byCreditCode(query.toUpperCase());
  if (byCode)
    return (await s.enterprises.isInScope(scope, byCode.id))
      ? found(s, byCode, actor)
      : { kind: "outside", name: byCode.name };
  const mine = await s.enterprises.list(scope, { nameContains: query });
  if (mine.length === 1 && mine[0]) return found(s, mine[0], actor);
  if (mine.length > 1)
    return {
      kind: "several",
      candidates: mine.slice(0, LIST_LIMIT).map((e) => ({ id: e.id, name: e.name })),
    };
  const elsewhere = await s.enterprises.list({ kind: "all" }, { nameContains: query });
  if (elsewhere.length === 1 && elsewhere[0]) return { kind: "outside", name: elsewhere[0].name };
  return { kind: "none", query };
}
