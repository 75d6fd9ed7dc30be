import type { OutboundMessage } from "../../domain/messages.ts";
import type { Stores } from "../../store/stores.ts";

/**
 * Puts one notice per person in the outbox, keyed `<key>:<personId>` so the same notice is
 * never sent twice to the same person, however often the caller runs.
 */
export async function notifyPeople(
  s: Stores,
  personIds: readonly string[],
  key: string,
  message: OutboundMessage,
  now: Date,
): Promise<number> {
  const recipients = await s.people.recipientsOf(personIds);
  await s.outbox.enqueue(
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
