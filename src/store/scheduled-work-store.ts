import type { Client } from "./client.ts";

/** Deterministic keys of scheduled work already done. */
export class ScheduledWorkStore {
  constructor(private readonly db: Client) {}
}
