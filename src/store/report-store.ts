import type { Client } from "./client.ts";

/** The rows report figures and the ledger are computed from. */
export class ReportStore {
  constructor(private readonly db: Client) {}
}
