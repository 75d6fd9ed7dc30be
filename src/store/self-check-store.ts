import type { Client } from "./client.ts";

/** Self-check runs and their answers. */
export class SelfCheckStore {
  constructor(private readonly db: Client) {}
}
