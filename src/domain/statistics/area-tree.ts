/** An area of the district → street / park tree, as the statistics need it. */
export type AreaNode = { id: string; name: string; parentId: string | null };

/** The ids of `rootId` and every area below it. */
export function subtreeIds(areas: readonly AreaNode[], rootId: string): Set<string> {
  const children = childrenOf(areas);
  const out = new Set<string>();
  const stack = [rootId];
  while (stack.length > 0) {
    const id = stack.pop() as string;
    // A cycle in hand-edited data must not loop forever.
    if (out.has(id)) continue;
    out.add(id);
    stack.push(...(children.get(id) ?? []));
  }
  return out;
}

/** Areas in tree order (each parent before its children, siblings by id), for stable output. */
export function treeOrder(areas: readonly AreaNode[]): AreaNode[] {
  const ids = new Set(areas.map((a) => a.id));
  const children = childrenOf(areas);
  const byId = new Map(areas.map((a) => [a.id, a]));
  const roots = areas.filter((a) => a.parentId === null || !ids.has(a.parentId)).map((a) => a.id);
  const out: AreaNode[] = [];
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

function childrenOf(areas: readonly AreaNode[]): Map<string, string[]> {
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
