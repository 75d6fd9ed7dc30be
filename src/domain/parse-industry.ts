import { Industries, type Industry, isIndustry } from "./industry.ts";
import type { Texts } from "./texts.ts";

/**
 * An industry from what a person typed: its code (`hazardous_chemicals`) or its label in
 * prompts/messages.yaml (「危险化学品」), trimmed; null when it is neither. Import files and the
 * CLI's `--industry` accept the same words.
 */
export function parseIndustry(text: string, texts: Pick<Texts, "codeOf">): Industry | null {
  const code = texts.codeOf("industry", text);
  return code !== null && isIndustry(code) ? code : null;
}

/** The labels a person may type for an industry, in the domain's order (for "use one of ..."). */
export function industryChoices(texts: Pick<Texts, "label">): string[] {
  return Industries.map((c) => texts.label("industry", c));
}
