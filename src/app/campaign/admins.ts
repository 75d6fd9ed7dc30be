import type { Recipient } from "../../store/people-store.ts";
import type { Stores } from "../../store/stores.ts";

/** Chat accounts of every active admin (安委办), for operational alerts. */
export async function adminRecipients(s: Stores): Promise<Recipient[]> {
  const admins = await s.people.ofRole("admin");
  return s.people.recipientsOf(admins.map((a) => a.id));
}
