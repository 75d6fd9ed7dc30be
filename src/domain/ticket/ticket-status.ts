/** Where a hazard ticket stands in the closed loop (整改 → 复查 → 销号). */
export const TicketStatuses = ["open", "rectifying", "submitted", "returned", "closed", "reopened"] as const;
export type TicketStatus = (typeof TicketStatuses)[number];

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

/** Where a ticket came from. */
export const TicketSources = ["self_check", "grid_report", "inspection"] as const;
export type TicketSource = (typeof TicketSources)[number];

/** Human ticket number, e.g. YH-2026-000123. */
export function ticketNumber(year: number, sequence: number): string {
  return `YH-${year}-${String(sequence).padStart(6, "0")}`;
}
