import type { Client } from "./client.ts";

/** Each chat's flow state. */
export class ConversationStore {
  constructor(private readonly db: Client) {}
}
