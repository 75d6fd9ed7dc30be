import type { OutboundMessage } from "../../domain/messages.ts";
import type { Tx } from "../../store/database.ts";
import type { Actor } from "../actor.ts";
import type { AppDeps } from "../app-deps.ts";
import { responsibleFor } from "../recipients.ts";
import { notifyPeople } from "./notify-people.ts";
import { findTicket, judge, recordTransition, refusal } from "./ticket-access.ts";

export type ReviewAction = "pass" | "return" | "reopen";

/**
 * 通过 / 退回 / 重新打开: a reviewer's verdict on a rectification, or a closed ticket brought
 * back. The enterprise's heads are told the outcome.
 */
export async function reviewTicket(
  tx: Tx,
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
  const ticket = await findTicket(tx, number);
  if (!ticket) return [{ text: texts.t("tickets.not_found", { number }), expects: "none" }];
  const verdict = await judge(tx, deps, actor, ticket, action, { note });
  if (!verdict.ok) return [refusal(deps, actor, verdict.reason, ticket, example)];

  const now = deps.clock.now();
  const kind = { pass: "passed", return: "returned", reopen: "reopened" }[action];
  const data = action === "pass" ? { closedAt: now } : action === "reopen" ? { closedAt: null } : {};
  const eventId = await recordTransition(tx, deps, actor, ticket, { kind, to: verdict.to, note, data });
  const params = { number: ticket.number, title: ticket.title, reason: note ?? "" };
  const notice = {
    pass: "notify.review_passed",
    return: "notify.review_returned",
    reopen: "notify.reopened",
  } as const;
  const heads = await responsibleFor(tx, ticket.enterprise, "enterprise_head");
  await notifyPeople(
    tx,
    heads,
    `${kind}:${eventId}`,
    { text: texts.t(notice[action], params), expects: "none" },
    now,
  );
  const reply = { pass: "review.passed", return: "review.returned", reopen: "review.reopened" } as const;
  return [{ text: texts.t(reply[action], params), expects: "none" }];
}
