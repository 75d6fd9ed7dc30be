import type { OutboundMessage } from "../../domain/messages.ts";
import type { Stores } from "../../store/stores.ts";
import type { Actor } from "../actor.ts";
import type { AppDeps } from "../app-deps.ts";
import { notifyPeople } from "./notify-people.ts";
import { findTicket, judge, recordTransition, refusal } from "./ticket-access.ts";

export type ReviewAction = "pass" | "return" | "reopen";

/**
 * 通过 / 退回 / 重新打开: a reviewer's verdict on a rectification, or a closed ticket brought
 * back. The enterprise's heads are told the outcome.
 */
export async function reviewTicket(
  s: Stores,
  deps: AppDeps,
  actor: Actor,
  action: ReviewAction,
  args: string,
): Promise<OutboundMessage[]> {
  const { texts } = deps.content;
  const example = texts.t(`example.${action}`);
  const [number = "", ...rest] = args.trim().split(/\s+/);
  const note = rest.join(" ").trim() || null;
  if (!number) return [{ text: texts.t("tickets.usage", { example: example }), expects: "text" }];
  const ticket = await findTicket(s, actor, number);
  if (!ticket) return [{ text: texts.t("tickets.not_found", { number }), expects: "none" }];
  const verdict = await judge(s, deps, actor, ticket, action, { note });
  if (!verdict.ok) return [refusal(deps, actor, verdict.reason, ticket, example)];

  const now = deps.clock.now();
  const kind = ({ pass: "passed", return: "returned", reopen: "reopened" } as const)[action];
  const data = action === "pass" ? { closedAt: now } : action === "reopen" ? { closedAt: null } : {};
  const eventId = await recordTransition(s, deps, actor, ticket, { kind, to: verdict.to, note, data });
  const params = { number: ticket.number, title: ticket.title, reason: note ?? "" };
  const notice = {
    pass: "notify.review_passed",
    return: "notify.review_returned",
    reopen: "notify.reopened",
  } as const;
  const heads = await s.people.responsibleFor(ticket.enterprise, "enterprise_head");
  await notifyPeople(
    s,
    heads,
    `${kind}:${eventId}`,
    { text: texts.t(notice[action], params), expects: "none" },
    now,
  );
  const reply = { pass: "review.passed", return: "review.returned", reopen: "review.reopened" } as const;
  return [{ text: texts.t(reply[action], params), expects: "none" }];
}
