import { AppError } from "../../domain/app-error.ts";
import type { Role } from "../../domain/people/role.ts";

/** What a console page or action is for. */
export type ConsoleFeature = "campaigns" | "urge" | "report" | "people" | "import" | "invite" | "outbox";

/**
 * Which roles may use what, as in chat: those who chase self-checks (未自查) see campaigns and 催办,
 * leaders and admins see the report, admins manage people (imports, invite codes) and see what
 * did not go out (消息投递).
 */
const ALLOWED: Record<ConsoleFeature, readonly Role[]> = {
  campaigns: ["grid_worker", "leader", "admin"],
  urge: ["grid_worker", "leader", "admin"],
  report: ["leader", "admin", "inspector"],
  people: ["admin"],
  import: ["admin"],
  invite: ["admin"],
  outbox: ["admin"],
};

export function mayUse(role: Role, feature: ConsoleFeature): boolean {
  return ALLOWED[feature].includes(role);
}

/** Refuses a feature the viewer's role does not have. */
export function requireFeature(role: Role, feature: ConsoleFeature, message: string): void {
  if (!mayUse(role, feature)) throw new AppError("forbidden", message);
}
