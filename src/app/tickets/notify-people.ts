import type { OutboundMessage } from "../../domain/messages.ts";
import { enqueue } from "../../outbox/outbox.ts";
import type { Tx } from "../../store/database.ts";
import { recipientsOf } from "../recipients.ts";

/**
 * Puts one notice per person in the outbox, keyed `<key>:<personId>` so the same notice is
 * never sent twice to the same person, however often the caller runs.
 */
export async function notifyPeople(
  tx: Tx,
  personIds: readonly string[],
  key: string,
  message: OutboundMessage,
  now: Date,
): Promise<number> {
  const recipients = await recipientsOf(tx, personIds);
  await enqueue(
    tx,
    recipients.map((r) => ({
      key: `${key}:${r.personId}`,
      channel: r.channel,
      recipient: r.externalId,
      personId: r.personId,
      message,
    })),
    now,
  );
  return recipients.length;
}
