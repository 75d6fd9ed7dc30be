import { type Grade, Grades } from "../checklist/grade.ts";

/** Where a hazard ticket stands in the closed loop (整改 → 复查 → 销号). */
export const TicketStatuses = ["open", "rectifying", "submitted", "returned", "closed", "reopened"] as const;
export type TicketStatus = (typeof TicketStatuses)[number];

export function isTicketStatus(v: string): v is TicketStatus {
  return (TicketStatuses as readonly string[]).includes(v);
}

/** What happened to a ticket; one event row each, with actor, time, channel, note, evidence. */
export const TicketEventKinds = [
  "opened",
  "seen_again",
  "rectification_started",
  "plan_recorded",
  "submitted",
  "passed",
  "returned",
  "reopened",
  "notified",
] as const;
export type TicketEventKind = (typeof TicketEventKinds)[number];

export function isTicketEventKind(v: string): v is TicketEventKind {
  return (TicketEventKinds as readonly string[]).includes(v);
}

/** Where a ticket came from. */
export const TicketSources = ["self_check", "grid_report", "inspection"] as const;
export type TicketSource = (typeof TicketSources)[number];

export function isTicketSource(v: string): v is TicketSource {
  return (TicketSources as readonly string[]).includes(v);
}

/** How grave a hazard is: 一般 or 重大 (the checklist's grades). */
export function isGrade(v: string): v is Grade {
  return (Grades as readonly string[]).includes(v);
}

/** Human ticket number, e.g. YH-2026-000123. */
export function ticketNumber(year: number, sequence: number): string {
  return `YH-${year}-${String(sequence).padStart(6, "0")}`;
}
