import type { Logger } from "../../logger.ts";
import type { Stores } from "../../store/stores.ts";

/** A chat account: the channel and the platform's id of it. */
export type ChatAccount = { channel: string; externalId: string };

/**
 * Marks a chat account the platform says cannot be reached (blocked the bot, left the company,
 * an id gone after a WeChat re-login), with an audit entry. Returns false when the id is no
 * bound account (a group chat, an unbound user): then there is nothing to mark. Marking it again
 * for the same reason changes nothing.
 */
export async function markUnreachable(
  s: Stores,
  log: Logger,
  account: ChatAccount,
  reason: string,
  now: Date,
): Promise<boolean> {
  const { channel, externalId } = account;
  const found = await s.identities.find(channel, externalId);
  if (!found) return false;
  if (found.blockedAt && found.blockedReason === reason) return true;
  await s.identities.markBlocked(channel, externalId, reason, now);
  await s.audit.record({
    at: now,
    actorId: null,
    action: "identity.unreachable",
    subjectType: "person",
    subjectId: found.personId,
    detail: { channel, externalId, reason },
  });
  log.warn({ channel, externalId, personId: found.personId, reason }, "chat account marked unreachable");
  return true;
}

/** Clears the mark when the account writes to the bot again (or unblocks it). */
export async function clearUnreachable(s: Stores, log: Logger, account: ChatAccount): Promise<void> {
  if (await s.identities.clearBlocked(account.channel, account.externalId))
    log.info({ channel: account.channel, externalId: account.externalId }, "chat account reachable again");
}
