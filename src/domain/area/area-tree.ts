/** An area of the district → street / town / park tree. */
export type AreaNode = { id: string; name: string; parentId: string | null };

type Linked = { id: string; parentId: string | null };

/** The ids of the given roots and of every area below them. */
export function subtreeIds(areas: readonly Linked[], roots: string | readonly string[]): Set<string> {
  const children = childrenOf(areas);
  const out = new Set<string>();
  const stack = typeof roots === "string" ? [roots] : [...roots];
  while (stack.length > 0) {
    const id = stack.pop() as string;
    // A cycle in hand-edited data must not loop forever.
    if (out.has(id)) continue;
    out.add(id);
    stack.push(...(children.get(id) ?? []));
  }
  return out;
}

/** The area and all its ancestors, nearest first. */
export function lineageOf(areas: readonly Linked[], areaId: string): string[] {
  const parent = new Map(areas.map((a) => [a.id, a.parentId]));
  const lineage: string[] = [];
  let current: string | null | undefined = areaId;
  while (current && !lineage.includes(current)) {
    lineage.push(current);
    current = parent.get(current);
  }
  return lineage;
}

/** Areas in tree order (each parent before its children, siblings by id), for stable output. */
export function treeOrder<A extends Linked>(areas: readonly A[]): A[] {
  const ids = new Set(areas.map((a) => a.id));
  const children = childrenOf(areas);
  const byId = new Map(areas.map((a) => [a.id, a]));
  const roots = areas.filter((a) => a.parentId === null || !ids.has(a.parentId)).map((a) => a.id);
  const out: A[] = [];
  const seen = new Set<string>();
  const visit = (id: string): void => {
    const area = byId.get(id);
    if (!area || seen.has(id)) return;
    seen.add(id);
    out.push(area);
    for (const child of children.get(id) ?? []) visit(child);
  };
  for (const root of roots.sort()) visit(root);
  return out;
}

function childrenOf(areas: readonly Linked[]): Map<string, string[]> {
  const children = new Map<string, string[]>();
  for (const a of areas) {
    if (a.parentId === null) continue;
    const list = children.get(a.parentId) ?? [];
    list.push(a.id);
    children.set(a.parentId, list);
  }
  for (const list of children.values()) list.sort();
  return children;
}
