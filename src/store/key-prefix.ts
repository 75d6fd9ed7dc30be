/**
 * Deterministic keys (`campaign:<key>:…`) are looked up by prefix. A range on the key (`>= "p:"` and
 * `< "p;"`) would rely on the column's collation ordering ';' right after ':', which only a
 * byte-wise collation does; and the ORM's `startsWith` becomes SQLite's LIKE, which ignores ASCII
 * case and treats `_` and `%` in the prefix as wildcards. So the database is asked for a superset
 * with `startsWith`, and the exact prefix is checked here: right under any collation or engine.
 */

/** The ORM filter that selects at least every key starting with `prefix`. */
export function underPrefix(prefix: string): { startsWith: string } {
  return { startsWith: prefix };
}

/** Keeps the rows whose key starts with `prefix` exactly (case and every character). */
export function exactlyUnder<R extends { key: string }>(rows: readonly R[], prefix: string): R[] {
  return rows.filter((r) => r.key.startsWith(prefix));
}
