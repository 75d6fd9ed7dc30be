import { AppError } from "../../domain/app-error.ts";
import type { Actor } from "../actor.ts";
import type { AppDeps } from "../app-deps.ts";
import { reviewTicket } from "../tickets/review-ticket.ts";
import { findTicket, judge, refusal } from "../tickets/ticket-access.ts";
import type { Viewer } from "./viewer.ts";

/** The account a console action is recorded under: the `web` channel, by the person's phone. */
const CONSOLE_WEB_CHANNEL = "web";

/** What a review from the ticket page did: done, or refused with the chat's own sentence why. */
export type ConsoleReview = { ok: true; action: "pass" | "return" } | { ok: false; reason: string };

/**
 * 通过（销号）/ 退回 from the ticket page: the same use case as the chat's 通过 / 退回 (the same
 * checks: someone other than the rectifier, a major hazard by a leader or admin of its area; the
 * same event, audit entry and notice to the enterprise's heads through the outbox), in one unit of
 * work. A ticket outside the viewer's scope is answered as one that does not exist.
 */
export async function reviewFromConsole(
  deps: AppDeps,
  viewer: Viewer,
  number: string,
  action: "pass" | "return",
  reason: string,
): Promise<ConsoleReview> {
  const actor: Actor = {
    person: viewer.person,
    channel: CONSOLE_WEB_CHANNEL,
    externalId: viewer.person.phone,
  };
  const note = reason.replace(/\s+/g, " ").trim();
  return deps.uow.run(async (s) => {
    const ticket = await findTicket(s, actor, number);
    if (!ticket) throw new AppError("not_found", "no such ticket in scope");
    const verdict = await judge(s, deps, actor, ticket, action, { note: note || null });
    if (!verdict.ok) {
      const example = deps.content.texts.t(`example.${action}`);
      return { ok: false, reason: refusal(deps, actor, verdict.reason, ticket, example).text ?? "" };
    }
    await reviewTicket(s, deps, actor, action, `${ticket.number} ${note}`);
    return { ok: true, action };
  });
}
