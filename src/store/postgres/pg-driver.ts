import pg from "pg";
import type { PgDriver } from "../sql.ts";

/**
 * The stores' raw statements go to node-postgres directly, not through the ORM's raw queries:
 * those cost about half a millisecond of CPU each in the ORM's machinery (five times the driver's
 * own), and an inbound answer is four of them, so on PostgreSQL the product's process, not the
 * database, was what limited answers per second. In a unit of work they run on the connection of
 * the transaction the ORM started (pg-transactions.ts), so they commit or roll back with it.
 *
 * Values come back as the ORM's raw queries gave them, so the stores read the same either way: an
 * instant (`timestamp`, stored as UTC without a zone) and a `date` as Dates in UTC, a `bigint` as
 * a BigInt; node-postgres alone would read the first two as local time and the last as text.
 * Everything else keeps node-postgres's reading (text, numbers, booleans, arrays, JSON), which is
 * the ORM's too: every read of the PostgreSQL test runs, sent both ways, gave equal values.
 */
const TIMESTAMP = 1114;
const TIMESTAMP_ARRAY = 1115;
const DATE = 1082;
const DATE_ARRAY = 1182;
const INT8 = 20;
const INT8_ARRAY = 1016;

const instant = (v: string) => new Date(`${v.replace(" ", "T")}Z`);
const day = (v: string) => new Date(`${v}T00:00:00Z`);
const bigint = (v: string) => BigInt(v);
/** text[]'s parser: an array's elements as text, each then read by its own type's parser. */
const parseArray = (pg.types.getTypeParser as (oid: number) => (v: string) => (string | null)[])(1009);
const arrayOf =
  <T>(read: (v: string) => T) =>
  (v: string) =>
    parseArray(v).map((x) => (x === null ? null : read(x)));

const PARSERS = new Map<number, (v: string) => unknown>([
  [TIMESTAMP, instant],
  [TIMESTAMP_ARRAY, arrayOf(instant)],
  [DATE, day],
  [DATE_ARRAY, arrayOf(day)],
  [INT8, bigint],
  [INT8_ARRAY, arrayOf(bigint)],
]);

const types = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    PARSERS.get(oid) ?? pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig["getTypeParser"],
};

/** A Date parameter goes as ISO text in UTC, as pgInstant writes it (node-postgres would send local time). */
const param = (v: unknown) => (v instanceof Date ? v.toISOString() : v);

/** Statements on the pool (outside a unit of work) or on one connection (inside its transaction). */
export function pgDriver(on: pg.Pool | pg.PoolClient): PgDriver {
  return (text, params) => on.query({ text, values: params.map(param), types });
}
