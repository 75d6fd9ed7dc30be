import type { Client } from "./client.ts";

/** Every outgoing message, as rows the dispatcher claims and marks. */
export class OutboxStore {
  constructor(private readonly db: Client) {}
}
