import type { Enterprise } from "../domain/enterprise.ts";
import type { Person } from "../domain/people/person.ts";

/** The bound person behind an inbound message, and the chat account they wrote from. */
export type Actor = {
  person: Person & { enterprise: Enterprise | null };
  channel: string;
  externalId: string;
};
