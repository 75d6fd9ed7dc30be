import { toShanghaiDate } from "../domain/calendar/local-date.ts";
import type { OutboundMessage } from "../domain/messages.ts";
import { normaliseInviteCode } from "../domain/people/invite-code.ts";
import type { Tx } from "../store/database.ts";
import type { AppDeps } from "./app-deps.ts";
import { helpFor } from "./help.ts";

type Sender = { channel: string; externalId: string; displayName?: string };

/**
 * `绑定 <code>`: ties a chat account to the person an invite code was made for. A valid code
 * re-binds an account that was bound before (a changed WeChat id, a new phone). Failed
 * attempts are counted per account and refused beyond the configured rate.
 */
export async function bindIdentity(
  tx: Tx,
  deps: AppDeps,
  sender: Sender,
  rawCode: string,
): Promise<OutboundMessage[]> {
  const { texts } = deps.content;
  const now = deps.clock.now();
  const reply = (text: string): OutboundMessage[] => [{ text, expects: "none" }];
  const code = normaliseInviteCode(rawCode);
  if (!code) return [{ text: texts.t("bind.usage"), expects: "text" }];

  const windowStart = new Date(now.getTime() - deps.config.bindWindowMinutes * 60_000);
  const failures = await tx.bindAttempt.count({
    where: { channel: sender.channel, externalId: sender.externalId, ok: false, at: { gte: windowStart } },
  });
  if (failures >= deps.config.bindMaxFailures)
    return reply(texts.t("bind.rate_limited", { minutes: deps.config.bindWindowMinutes }));

  const invite = await tx.inviteCode.findUnique({
    where: { code },
    include: { person: { include: { enterprise: true } } },
  });
  const problem = !invite
    ? "bind.wrong"
    : invite.usedAt
      ? "bind.used"
      : invite.expiresAt <= now
        ? "bind.expired"
        : null;
  await tx.bindAttempt.create({
    data: { channel: sender.channel, externalId: sender.externalId, ok: problem === null, at: now },
  });
  if (problem || !invite) {
    deps.log.info({ channel: sender.channel, problem }, "bind refused");
    return reply(
      texts.t(problem ?? "bind.wrong", { code, expiredAt: invite ? toShanghaiDate(invite.expiresAt) : "" }),
    );
  }

  const usedBy = `${sender.channel}:${sender.externalId}`;
  await tx.inviteCode.update({ where: { code }, data: { usedAt: now, usedBy } });
  await tx.channelIdentity.upsert({
    where: { channel_externalId: { channel: sender.channel, externalId: sender.externalId } },
    create: { ...sender, personId: invite.personId, boundAt: now },
    update: { personId: invite.personId, boundAt: now, displayName: sender.displayName ?? null },
  });
  await tx.auditLog.create({
    data: {
      at: now,
      actorId: invite.personId,
      action: "identity.bound",
      subjectType: "person",
      subjectId: invite.personId,
      detail: JSON.stringify({ usedBy }),
    },
  });
  const p = invite.person;
  const enterprise = p.enterprise ? `，${p.enterprise.name}` : "";
  return [
    {
      text: texts.t("bind.ok", { name: p.name, role: texts.label("role", p.role), enterprise }),
      expects: "none",
    },
    helpFor(deps, p),
  ];
}
