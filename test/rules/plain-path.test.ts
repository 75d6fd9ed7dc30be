/**
 * Conditions look their `path` up with `plainPath` instead of the engine's JSONPath evaluator (one
 * evaluation per submission was mostly JSONPath): for every path the shipped rules use, and for
 * missing and null steps, it must find what JSONPath finds.
 */
import fs from "node:fs";
import path from "node:path";
import { JSONPath } from "jsonpath-plus";
import { describe, expect, it } from "vitest";
import { plainPath } from "../../src/rules/run-rules.ts";
import { ROOT } from "../support/test-app.ts";

const jsonPath = (value: unknown, p: string) =>
  JSONPath({ path: p, json: value as object, wrap: false }) as unknown;

/** Every `path` in the shipped rule files. */
function shippedPaths(): string[] {
  const dir = path.join(ROOT, "rules");
  const found = new Set<string>();
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === "object")
      for (const [k, x] of Object.entries(v)) {
        if (k === "path" && typeof x === "string") found.add(x);
        else walk(x);
      }
  };
  for (const f of fs.readdirSync(dir).filter((f) => f.endsWith(".json")))
    walk(JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")));
  return [...found];
}

describe("plainPath", () => {
  const paths = shippedPaths();

  it("finds what JSONPath finds for every shipped path, present, missing or null", () => {
    expect(paths.length).toBeGreaterThan(10);
    for (const p of paths) {
      const keys = p.slice(2).split(".");
      const nested = (leaf: unknown) => keys.reduceRight<unknown>((inner, k) => ({ [k]: inner }), leaf);
      for (const fact of [
        nested("yes"),
        nested(["a", "b"]),
        nested(3),
        nested(0),
        nested(null),
        {},
        { [keys[0] ?? ""]: null },
        { [keys[0] ?? ""]: "text" },
      ])
        expect({ p, fact, v: plainPath(fact, p) }).toEqual({ p, fact, v: jsonPath(fact, p) });
    }
  });

  it("looks into arrays by index as JSONPath does", () => {
    const fact = { list: ["x", "y"] };
    expect(plainPath(fact, "$.list.1")).toBe(jsonPath(fact, "$.list.1"));
    expect(plainPath(fact, "$.list.1")).toBe("y");
  });
});
