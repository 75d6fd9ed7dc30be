/**
 * Many rows read as JSON text (SQLite). better-sqlite3 hands each row to JavaScript as an array or
 * object of its own, and over a report's tens of thousands of rows that hand-over costs far more
 * than SQLite's own work (measured on 74,000 events: about 1.5 µs a row, where SQLite scans and
 * filters 235,000 rows in 25 ms). A statement that folds its rows into one JSON array crosses once,
 * and V8's JSON.parse makes the values several times faster than the row-by-row path.
 */

/**
 * An instant column (ISO text, as the ORM and `dbInstant` write it) as epoch ms, worked out by
 * SQLite: a number is cheaper to hand over than the text and saves a `Date.parse` a value.
 * julianday counts whole milliseconds internally; round() removes the float's last-bit error, so
 * the result equals `Date.parse` of the text.
 */
export const epochMs = (column: string): string =>
  `CAST(round((julianday(${column}) - 2440587.5) * 86400000) AS INTEGER)`;

/** A column holding a value of a closed list as its index in the list; any other value as itself. */
export const codeOf = (column: string, values: readonly string[]): string =>
  `CASE ${column} ${values.map((v, i) => `WHEN '${v}' THEN ${i}`).join(" ")} ELSE ${column} END`;

/** Back from `codeOf`: the list's own string (one shared string, not one per row), or the stored value. */
export function decoded(value: unknown, values: readonly string[]): string {
  return typeof value === "number" ? (values[value] ?? String(value)) : String(value);
}
