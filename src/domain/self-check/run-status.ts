/** The statuses of a self-check run. */
export const RunStatuses = ["in_progress", "paused", "submitted", "abandoned"] as const;
export type RunStatus = (typeof RunStatuses)[number];

export function isRunStatus(v: string): v is RunStatus {
  return (RunStatuses as readonly string[]).includes(v);
}
