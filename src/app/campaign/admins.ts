import type { Tx } from "../../store/database.ts";
import type { Recipient } from "../recipients.ts";
import { recipientsOfMany } from "./audience.ts";

/** Chat accounts of every active admin (安委办), for operational alerts. */
export async function adminRecipients(tx: Tx): Promise<Recipient[]> {
  const admins = await tx.person.findMany({
    where: { role: "admin", active: true },
    select: { id: true },
    orderBy: { phone: "asc" },
  });
  return recipientsOfMany(
    tx,
    admins.map((a) => a.id),
  );
}
