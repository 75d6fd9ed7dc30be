import type { Role } from "../people/role.ts";
import type { TicketStatus } from "./ticket-status.ts";

/** What someone can do to a ticket. */
export const TicketActions = ["start_rectification", "submit", "pass", "return", "reopen"] as const;
export type TicketAction = (typeof TicketActions)[number];

/** Why an action was refused; each has a sentence in prompts/messages.yaml (`ticket.refused.<reason>`). */
export const RefusalReasons = [
  "wrong_status",
  "wrong_role",
  "out_of_scope",
  "own_work",
  "plan_missing",
  "photos_missing",
  "reason_missing",
  "major_needs_leader",
] as const;
export type RefusalReason = (typeof RefusalReasons)[number];

/** The facts a transition is judged on. */
export type TransitionInput = {
  status: TicketStatus;
  grade: "general" | "major";
  actorRole: Role;
  /** The actor's role and area/grid/enterprise scope covers this ticket. */
  inScope: boolean;
  /** Person who submitted the current rectification, if any. */
  submittedBy: string | null;
  actorId: string;
  hasTreatmentPlan: boolean;
  evidencePhotos: number;
  minPhotos: number;
  note: string | null;
};

export type TransitionResult = { ok: true; to: TicketStatus } | { ok: false; reason: RefusalReason };

const FROM: Record<TicketAction, readonly TicketStatus[]> = {
  start_rectification: ["open", "returned", "reopened", "rectifying"],
  submit: ["rectifying"],
  pass: ["submitted"],
  return: ["submitted"],
  reopen: ["closed"],
};

const TO: Record<TicketAction, TicketStatus> = {
  start_rectification: "rectifying",
  submit: "submitted",
  pass: "closed",
  return: "returned",
  reopen: "reopened",
};

/** Who may take an action on a general hazard: the enterprise head rectifies; a grid worker or admin reviews. */
const ROLES: Record<TicketAction, readonly Role[]> = {
  start_rectification: ["enterprise_head"],
  submit: ["enterprise_head"],
  pass: ["grid_worker", "admin"],
  return: ["grid_worker", "admin"],
  reopen: ["grid_worker", "leader", "admin"],
};

/**
 * A major hazard's 销号 is signed off by the supervising side: a leader of its area or an admin.
 * A grid worker may still return it (or check it on site), but not pass it alone.
 */
export const MAJOR_REVIEWERS: readonly Role[] = ["leader", "admin"];

function mayTake(action: TicketAction, grade: TransitionInput["grade"], role: Role): boolean {
  if (grade === "major" && (action === "pass" || action === "return"))
    return MAJOR_REVIEWERS.includes(role) || role === "grid_worker";
  return ROLES[action].includes(role);
}

/**
 * The closed loop as a state machine: open → rectifying → submitted → closed (销号), a return
 * sends it back, a reopen brings a closed ticket back ("closed but not fixed"). Anything else
 * is refused with a reason. Evidence gates: photos for every submission, the six-part plan for
 * a major hazard, a reviewer who is not the person who submitted, and for a major hazard a
 * leader's or an admin's sign-off.
 */
export function transition(action: TicketAction, t: TransitionInput): TransitionResult {
  if (!mayTake(action, t.grade, t.actorRole)) return { ok: false, reason: "wrong_role" };
  if (!t.inScope) return { ok: false, reason: "out_of_scope" };
  if (!FROM[action].includes(t.status)) return { ok: false, reason: "wrong_status" };
  switch (action) {
    case "submit":
      if (t.grade === "major" && !t.hasTreatmentPlan) return { ok: false, reason: "plan_missing" };
      if (t.evidencePhotos < t.minPhotos) return { ok: false, reason: "photos_missing" };
      break;
    case "pass":
    case "return":
      if (t.submittedBy === t.actorId) return { ok: false, reason: "own_work" };
      if (action === "pass" && t.grade === "major" && !MAJOR_REVIEWERS.includes(t.actorRole))
        return { ok: false, reason: "major_needs_leader" };
      if (action === "return" && !t.note?.trim()) return { ok: false, reason: "reason_missing" };
      break;
    case "reopen":
      if (!t.note?.trim()) return { ok: false, reason: "reason_missing" };
      break;
    case "start_rectification":
      break;
  }
  return { ok: true, to: TO[action] };
}

/** Overdue is derived, never stored: not closed and past the deadline. */
export function isOverdue(t: { status: string; deadline: Date }, now: Date): boolean {
  return t.status !== "closed" && t.deadline.getTime() < now.getTime();
}

/** The statuses in which the enterprise still owes a rectification. */
export const OPEN_STATUSES: readonly TicketStatus[] = ["open", "rectifying", "returned", "reopened"];
