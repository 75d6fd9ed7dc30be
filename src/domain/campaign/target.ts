/** Which enterprises a campaign concerns, decided on plain data. */
import type { Target } from "./template.ts";

/** What targeting looks at: the enterprise's industry and class, and its area with all ancestors. */
export type TargetedEnterprise = { industry: string; supervisionClass: string | null };

/**
 * True when the enterprise is in the campaign's target. `lineage` is the enterprise's area and its
 * ancestors (nearest first), so a target area matches everything below it.
 */
export function isTargeted(
  target: Target,
  enterprise: TargetedEnterprise,
  lineage: readonly string[],
): boolean {
  if (target.industries && !(target.industries as readonly string[]).includes(enterprise.industry))
    return false;
  if (
    target.classes &&
    (enterprise.supervisionClass === null || !target.classes.includes(enterprise.supervisionClass))
  )
    return false;
  if (target.areas && !target.areas.some((a) => lineage.includes(a))) return false;
  return true;
}

/** A readable one-line summary of a target for operator output, e.g. `industries=construction classes=A`. */
export function describeTarget(target: Target): string {
  const parts = [
    target.industries ? `industries=${target.industries.join(",")}` : "",
    target.classes ? `classes=${target.classes.join(",")}` : "",
    target.areas ? `areas=${target.areas.join(",")}` : "",
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(" ") : "all enterprises";
}
