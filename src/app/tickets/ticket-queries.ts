import type { Grade } from "../../domain/checklist/checklist.ts";
import type { OutboundMessage } from "../../domain/messages.ts";
import type { Role } from "../../domain/people/role.ts";
import { OPEN_STATUSES } from "../../domain/ticket/ticket-lifecycle.ts";
import type { TicketStatus } from "../../domain/ticket/ticket-status.ts";
import type { Stores } from "../../store/stores.ts";
import type { Actor } from "../actor.ts";
import type { AppDeps } from "../app-deps.ts";
import { findTicket } from "./ticket-access.ts";
import { ticketDetail, ticketLine } from "./ticket-views.ts";

const LIST_LIMIT = 20;

/** 我的隐患: the open tickets the person is responsible for or supervises, most urgent first. */
export async function listMyTickets(s: Stores, deps: AppDeps, actor: Actor): Promise<OutboundMessage[]> {
  const { texts } = deps.content;
  const statuses: TicketStatus[] = [...OPEN_STATUSES, "submitted"];
  const scope = await s.people.scopeOf(actor.person);
  const [count, rows] = await Promise.all([
    s.tickets.countIn(scope, statuses),
    s.tickets.listIn(scope, { statuses, order: "deadline", limit: LIST_LIMIT }),
  ]);
  if (count === 0) return [{ text: texts.t("tickets.none"), expects: "none" }];
  const now = deps.clock.now();
  const lines = rows.map((t) => ticketLine(texts, t, now)).join("\n");
  return [{ text: texts.t("tickets.list", { count, lines }), expects: "text" }];
}

/** Which grades each reviewing role signs off: grid workers the general ones, leaders the major ones (销号). */
const REVIEWS: Partial<Record<Role, readonly Grade[]>> = {
  grid_worker: ["general"],
  leader: ["major"],
  admin: ["general", "major"],
};

/** 待复查: rectifications waiting for this reviewer (never their own). */
export async function listReviewQueue(s: Stores, deps: AppDeps, actor: Actor): Promise<OutboundMessage[]> {
  const { texts } = deps.content;
  const role = actor.person.role;
  const grades = REVIEWS[role];
  if (!grades)
    return [
      { text: texts.t("ticket.refused.wrong_role", { role: texts.label("role", role) }), expects: "none" },
    ];
  const rows = await s.tickets.listIn(await s.people.scopeOf(actor.person), {
    statuses: ["submitted"],
    grades,
    order: "longest_waiting",
    limit: LIST_LIMIT,
  });
  if (rows.length === 0) return [{ text: texts.t("tickets.review_none"), expects: "none" }];
  const now = deps.clock.now();
  const lines = rows.map((t) => ticketLine(texts, t, now)).join("\n");
  return [{ text: texts.t("tickets.review_list", { count: rows.length, lines }), expects: "text" }];
}

/** 隐患 <编号>: one ticket and its history, if the person may see it. */
export async function showTicket(
  s: Stores,
  deps: AppDeps,
  actor: Actor,
  arg: string,
): Promise<OutboundMessage[]> {
  const { texts } = deps.content;
  const number = arg.split(/\s+/)[0] ?? "";
  if (!number)
    return [{ text: texts.t("tickets.usage", { example: texts.t("example.show") }), expects: "text" }];
  const ticket = await findTicket(s, actor, number);
  if (!ticket) return [{ text: texts.t("tickets.not_found", { number }), expects: "none" }];
  const events = await s.tickets.history(ticket.id);
  const actorIds = [...new Set(events.flatMap((e) => (e.actorId ? [e.actorId] : [])))];
  const names = new Map((await s.people.byIds(actorIds)).map((p) => [p.id, p.name]));
  return [ticketDetail(texts, { ...ticket, events }, names, deps.clock.now())];
}
