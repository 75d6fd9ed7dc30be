import type { Client } from "./client.ts";

/** Inbound messages seen, for de-duplication of platform redelivery. */
export class InboundStore {
  constructor(private readonly db: Client) {}
}
