import type { Client } from "./client.ts";

/** Stored files' rows: which photo belongs to which answer, ticket or event. */
export class AttachmentStore {
  constructor(private readonly db: Client) {}
}
