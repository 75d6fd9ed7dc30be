import { toShanghaiDate } from "../../domain/calendar/local-date.ts";
import type { OutboundMessage } from "../../domain/messages.ts";
import { normaliseInviteCode } from "../../domain/people/invite-code.ts";
import type { Stores } from "../../store/stores.ts";
import type { AppDeps } from "../app-deps.ts";
import { helpFor } from "../help.ts";

type Sender = { channel: string; externalId: string; displayName?: string };

/** The answer to a bind attempt, and the person the account is bound to afterwards (if any). */
export type BindOutcome = { replies: OutboundMessage[]; personId: string | null };

/**
 * `绑定 <code>`: ties a chat account to the person an invite code was made for. A valid code
 * re-binds an account that was bound before (a changed WeChat id, a new phone). Failed
 * attempts are counted per account and refused beyond the configured rate.
 */
export async function bindIdentity(
  s: Stores,
  deps: AppDeps,
  sender: Sender,
  rawCode: string,
): Promise<BindOutcome> {
  const { texts } = deps.content;
  const now = deps.clock.now();
  const refuse = async (replies: OutboundMessage[]): Promise<BindOutcome> => ({
    replies,
    personId: (await s.identities.find(sender.channel, sender.externalId))?.personId ?? null,
  });
  const reply = (text: string): OutboundMessage[] => [{ text, expects: "none" }];
  const code = normaliseInviteCode(rawCode);
  if (!code) return refuse([{ text: texts.t("bind.usage"), expects: "text" }]);

  const windowStart = new Date(now.getTime() - deps.config.bindWindowMinutes * 60_000);
  const failures = await s.identities.failedBindsSince(sender.channel, sender.externalId, windowStart);
  if (failures >= deps.config.bindMaxFailures)
    return refuse(reply(texts.t("bind.rate_limited", { minutes: deps.config.bindWindowMinutes })));
  if ((await s.identities.allFailedBindsSince(windowStart)) >= deps.config.bindGlobalMaxFailures) {
    deps.log.warn({ channel: sender.channel }, "bind paused: too many failed codes from all accounts");
    return refuse(reply(texts.t("bind.rate_limited", { minutes: deps.config.bindWindowMinutes })));
  }

  const invite = await s.identities.invite(code);
  const problem = !invite
    ? "bind.wrong"
    : invite.usedAt
      ? "bind.used"
      : invite.expiresAt <= now
        ? "bind.expired"
        : null;
  await s.identities.recordBindAttempt(sender.channel, sender.externalId, problem === null, now);
  if (problem || !invite) {
    deps.log.info({ channel: sender.channel, problem }, "bind refused");
    return refuse(
      reply(
        texts.t(problem ?? "bind.wrong", { code, expiredAt: invite ? toShanghaiDate(invite.expiresAt) : "" }),
      ),
    );
  }

  const usedBy = `${sender.channel}:${sender.externalId}`;
  await s.identities.useInvite(code, usedBy, now);
  await s.identities.bind(sender, invite.personId, now);
  await s.audit.record({
    at: now,
    actorId: invite.personId,
    action: "identity.bound",
    subjectType: "person",
    subjectId: invite.personId,
    detail: { usedBy },
  });
  const p = invite.person;
  const enterprise = p.enterprise ? `，${p.enterprise.name}` : "";
  return {
    replies: [
      {
        text: texts.t("bind.ok", { name: p.name, role: texts.label("role", p.role), enterprise }),
        expects: "none",
      },
      helpFor(deps, p),
    ],
    personId: invite.personId,
  };
}
