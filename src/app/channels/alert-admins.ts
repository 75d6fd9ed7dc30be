import type { Stores } from "../../store/stores.ts";

/** Something the administrators must know about the system, and the channel not to use for it. */
export type AdminAlert = { key: string; text: string; avoidChannel: string };

/**
 * Tells every active administrator something about the system through the outbox, on a chat
 * account of another channel than `avoidChannel` (the one that is down). `key` makes a second
 * alert of the same event a no-op. Returns how many administrators can be reached.
 */
export async function alertAdmins(s: Stores, alert: AdminAlert, now: Date): Promise<number> {
  const admins = await s.people.ofRole("admin");
  const latest = await s.people.recipientsOf(admins.map((a) => a.id));
  const targets = [];
  for (const r of latest) {
    if (r.channel !== alert.avoidChannel) {
      targets.push(r);
      continue;
    }
    const other = await s.identities.latestAccountElsewhere(r.personId, alert.avoidChannel);
    if (other) targets.push(other);
  }
  await s.outbox.enqueue(
    targets.map((t) => ({
      key: `${alert.key}:${t.personId}`,
      channel: t.channel,
      recipient: t.externalId,
      personId: t.personId,
      message: { text: alert.text, expects: "none" as const },
    })),
    now,
  );
  return targets.length;
}
