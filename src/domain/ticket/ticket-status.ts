/** Where a hazard ticket stands in the closed loop (整改 → 复查 → 销号). */
export const TicketStatuses = ["open", "rectifying", "submitted", "returned", "closed", "reopened"] as const;
export type TicketStatus = (typeof TicketStatuses)[number];

/** Where a ticket came from. */
export const TicketSources = ["self_check", "grid_report", "inspection"] as const;
export type TicketSource = (typeof TicketSources)[number];

/** Human ticket number, e.g. YH-2026-000123. */
export function ticketNumber(year: number, sequence: number): string {
  return `YH-${year}-${String(sequence).padStart(6, "0")}`;
}
