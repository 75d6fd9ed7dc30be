import fs from "node:fs";
import path from "node:path";
import YAML from "yaml";
import type { z } from "zod";
import { AppError } from "../domain/app-error.ts";
import { type ContentProblem, describeProblems, zodProblems } from "./content-problem.ts";

/** A content file read and validated: its data and its name as shown, or what is wrong with it. */
export type Structured<T> = { ok: true; file: string; data: T } | { ok: false; problems: ContentProblem[] };

/**
 * Reads a YAML (or `.json`) content file and validates it: a file that does not parse is one
 * problem at `(file)`, a value the schema refuses one problem per path inside it. Files are named
 * relative to `root` (the directory above `prompts/`, so a problem reads `prompts/web.yaml: …`).
 */
export function readStructured<S extends z.ZodType>(
  file: string,
  schema: S,
  root: string,
): Structured<z.infer<S>> {
  const rel = path.relative(root, file) || file;
  let raw: unknown;
  try {
    const text = fs.readFileSync(file, "utf8");
    raw = file.endsWith(".json") ? JSON.parse(text) : YAML.parse(text, { prettyErrors: true });
  } catch (e) {
    return {
      ok: false,
      problems: [{ file: rel, path: "(file)", message: e instanceof Error ? e.message : String(e) }],
    };
  }
  const parsed = schema.safeParse(raw);
  return parsed.success
    ? { ok: true, file: rel, data: parsed.data }
    : { ok: false, problems: zodProblems(rel, parsed.error) };
}

/**
 * One file of the prompts directory (`name` inside it), read and validated; a problem stops with
 * an `invalid_content` error naming the file and the path inside it, one problem per line.
 */
export function readPromptsFile<S extends z.ZodType>(
  promptsDir: string,
  name: string,
  schema: S,
): z.infer<S> {
  const read = readStructured(path.join(promptsDir, name), schema, path.dirname(promptsDir));
  if (!read.ok) throw new AppError("invalid_content", describeProblems(read.problems));
  return read.data;
}
