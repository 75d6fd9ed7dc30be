import type { AppDeps } from "../app/app-deps.ts";
import { recipientsOf } from "../app/recipients.ts";
import { enqueue } from "../outbox/outbox.ts";

/**
 * Tells every active administrator something about the system through the outbox, on a chat
 * account of another channel than `avoidChannel` (the one that is down). `key` makes a second
 * alert of the same event a no-op. Returns how many administrators can be reached.
 */
export async function alertAdmins(
  deps: AppDeps,
  alert: { key: string; text: string; avoidChannel: string },
): Promise<number> {
  const now = deps.clock.now();
  const admins = await deps.db.person.findMany({
    where: { role: "admin", active: true },
    select: { id: true },
  });
  const reached = await deps.db.$transaction(async (tx) => {
    const latest = await recipientsOf(
      tx,
      admins.map((a) => a.id),
    );
    const targets = [];
    for (const r of latest) {
      if (r.channel !== alert.avoidChannel) {
        targets.push(r);
        continue;
      }
      const other = await tx.channelIdentity.findFirst({
        where: { personId: r.personId, channel: { not: alert.avoidChannel } },
        orderBy: { boundAt: "desc" },
      });
      if (other)
        targets.push({ personId: other.personId, channel: other.channel, externalId: other.externalId });
    }
    await enqueue(
      tx,
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
  });
  deps.log.error({ alert: alert.key, adminsReached: reached, text: alert.text }, "admin alert");
  return reached;
}
