import type { Client } from "./client.ts";

/** Hazard tickets (隐患), their events and numbers. */
export class TicketStore {
  constructor(private readonly db: Client) {}
}
