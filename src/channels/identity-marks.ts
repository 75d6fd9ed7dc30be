import type { AppDeps } from "../app/app-deps.ts";

/**
 * Marks a chat account the platform says cannot be reached (blocked the bot, left the company,
 * an id gone after a WeChat re-login), with an audit entry. Returns false when the id is no
 * bound account (a group chat, an unbound user): then there is nothing to mark.
 */
export async function markUnreachable(
  deps: AppDeps,
  channel: string,
  externalId: string,
  reason: string,
): Promise<boolean> {
  const now = deps.clock.now();
  const identity = await deps.db.channelIdentity.findUnique({
    where: { channel_externalId: { channel, externalId } },
  });
  if (!identity) return false;
  if (identity.blockedAt && identity.blockedReason === reason) return true;
  await deps.db.$transaction([
    deps.db.channelIdentity.update({
      where: { id: identity.id },
      data: { blockedAt: now, blockedReason: reason.slice(0, 200) },
    }),
    deps.db.auditLog.create({
      data: {
        at: now,
        actorId: null,
        action: "identity.unreachable",
        subjectType: "person",
        subjectId: identity.personId,
        detail: JSON.stringify({ channel, externalId, reason }),
      },
    }),
  ]);
  deps.log.warn(
    { channel, externalId, personId: identity.personId, reason },
    "chat account marked unreachable",
  );
  return true;
}

/** Clears the mark when the account writes to the bot again. */
export async function clearUnreachable(deps: AppDeps, channel: string, externalId: string): Promise<void> {
  const identity = await deps.db.channelIdentity.findUnique({
    where: { channel_externalId: { channel, externalId } },
    select: { id: true, blockedAt: true },
  });
  if (!identity?.blockedAt) return;
  await deps.db.channelIdentity.update({
    where: { id: identity.id },
    data: { blockedAt: null, blockedReason: null },
  });
  deps.log.info({ channel, externalId }, "chat account reachable again");
}
