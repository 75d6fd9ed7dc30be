import { z } from "zod";

/**
 * A non-empty sentence of wording that may use only the named `{placeholders}`: any other one is a
 * content problem naming the allowed ones (a typo would otherwise reach users as written).
 */
export function sentence(allowed: readonly string[]) {
  return z
    .string()
    .min(1)
    .superRefine((value, ctx) => {
      for (const [, name] of value.matchAll(/\{(\w+)\}/g))
        if (name !== undefined && !allowed.includes(name))
          ctx.addIssue({
            code: "custom",
            message: `unknown placeholder {${name}}; allowed: ${allowed.join(", ") || "none"}`,
          });
    });
}
