import { newInviteCode } from "../../domain/people/invite-code.ts";
import type { AppDeps } from "../app-deps.ts";
import { WordedError } from "../worded-error.ts";

export type Invite = { code: string; phone: string; name: string; expiresAt: Date };

/** A single-use binding code for an imported person, valid for `days` (INVITE_TTL_DAYS by default). */
export async function createInvite(
  deps: AppDeps,
  phone: string,
  days = deps.config.inviteTtlDays,
): Promise<Invite> {
  if (!Number.isInteger(days) || days <= 0)
    throw new WordedError("invalid_input", "invalid_number", { option: "--days", value: days });
  return deps.uow.run(async (s) => {
    const person = await s.people.byPhone(phone);
    if (!person) throw new WordedError("not_found", "person_not_found", { phone });
    const now = deps.clock.now();
    const invite = {
      code: newInviteCode(),
      personId: person.id,
      expiresAt: new Date(now.getTime() + days * 86_400_000),
      createdAt: now,
    };
    await s.identities.createInvite(invite);
    await s.audit.record({ at: now, action: "invite.created", subjectType: "person", subjectId: person.id });
    return { code: invite.code, phone, name: person.name, expiresAt: invite.expiresAt };
  });
}
