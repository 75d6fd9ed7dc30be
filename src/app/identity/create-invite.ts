import { AppError } from "../../domain/app-error.ts";
import { newInviteCode } from "../../domain/people/invite-code.ts";
import type { AppDeps } from "../app-deps.ts";

export type Invite = { code: string; phone: string; name: string; expiresAt: Date };

/** A single-use binding code for an imported person, valid for `days` (INVITE_TTL_DAYS by default). */
export async function createInvite(
  deps: AppDeps,
  phone: string,
  days = deps.config.inviteTtlDays,
): Promise<Invite> {
  if (!Number.isInteger(days) || days <= 0)
    throw new AppError("invalid_input", `days must be a positive whole number, got ${days}`);
  return deps.uow.run(async (s) => {
    const person = await s.people.byPhone(phone);
    if (!person)
      throw new AppError(
        "not_found",
        `No person with phone ${phone}. Import people first: xunjian import people <file>`,
      );
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
