import type { z } from "zod";

/** One thing wrong in a content file: which file, where inside it, and what. */
export type ContentProblem = { file: string; path: string; message: string };

/** `questions[3].options[0].id` from a zod path. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((p, i) => (typeof p === "number" ? `[${p}]` : `${i === 0 ? "" : "."}${String(p)}`))
    .join("");
}

export function zodProblems(file: string, error: z.ZodError, prefix: PropertyKey[] = []): ContentProblem[] {
  return error.issues.map((i) => ({
    file,
    path: formatPath([...prefix, ...i.path]) || "(root)",
    message: i.message,
  }));
}

/** Renders problems one per line: `file: path: message`. */
export function describeProblems(problems: readonly ContentProblem[]): string {
  return problems.map((p) => `${p.file}: ${p.path}: ${p.message}`).join("\n");
}
