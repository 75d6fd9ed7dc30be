import type { OutboundMessage } from "../../domain/messages.ts";
import { OPEN_STATUSES } from "../../domain/ticket/ticket-lifecycle.ts";
import type { Tx } from "../../store/database.ts";
import type { Actor } from "../actor.ts";
import type { AppDeps } from "../app-deps.ts";
import { findTicket, refusal } from "./ticket-access.ts";
import { enterpriseScope, inScope } from "./ticket-scope.ts";
import { ticketDetail, ticketLine } from "./ticket-views.ts";

const LIST_LIMIT = 20;

/** 我的隐患: the open tickets the person is responsible for or supervises, most urgent first. */
export async function listMyTickets(tx: Tx, deps: AppDeps, actor: Actor): Promise<OutboundMessage[]> {
  const { texts } = deps.content;
  const where = {
    status: { in: [...OPEN_STATUSES, "submitted"] },
    enterprise: await enterpriseScope(tx, actor.person),
  };
  const [count, rows] = await Promise.all([
    tx.ticket.count({ where }),
    tx.ticket.findMany({
      where,
      include: { enterprise: true },
      orderBy: [{ deadline: "asc" }],
      take: LIST_LIMIT,
    }),
  ]);
  if (count === 0) return [{ text: texts.t("tickets.none"), expects: "none" }];
  const now = deps.clock.now();
  const lines = rows.map((t) => ticketLine(texts, t, now)).join("\n");
  return [{ text: texts.t("tickets.list", { count, lines }), expects: "text" }];
}

/** 待复查: rectifications waiting for this reviewer (never their own). */
export async function listReviewQueue(tx: Tx, deps: AppDeps, actor: Actor): Promise<OutboundMessage[]> {
  const { texts } = deps.content;
  const role = actor.person.role;
  if (role !== "grid_worker" && role !== "admin")
    return [
      { text: texts.t("ticket.refused.wrong_role", { role: texts.label("role", role) }), expects: "none" },
    ];
  const rows = await tx.ticket.findMany({
    where: { status: "submitted", enterprise: await enterpriseScope(tx, actor.person) },
    include: { enterprise: true },
    orderBy: { updatedAt: "asc" },
    take: LIST_LIMIT,
  });
  if (rows.length === 0) return [{ text: texts.t("tickets.review_none"), expects: "none" }];
  const now = deps.clock.now();
  const lines = rows.map((t) => ticketLine(texts, t, now)).join("\n");
  return [{ text: texts.t("tickets.review_list", { count: rows.length, lines }), expects: "text" }];
}

/** 隐患 <编号>: one ticket and its history, if the person may see it. */
export async function showTicket(
  tx: Tx,
  deps: AppDeps,
  actor: Actor,
  arg: string,
): Promise<OutboundMessage[]> {
  const { texts } = deps.content;
  const number = arg.split(/\s+/)[0] ?? "";
  if (!number)
    return [{ text: texts.t("tickets.usage", { example: texts.t("example.show") }), expects: "text" }];
  const ticket = await findTicket(tx, number);
  if (!ticket) return [{ text: texts.t("tickets.not_found", { number }), expects: "none" }];
  if (!(await inScope(tx, actor.person, ticket.enterpriseId)))
    return [refusal(deps, actor, "out_of_scope", ticket)];
  const events = await tx.ticketEvent.findMany({ where: { ticketId: ticket.id }, orderBy: { at: "asc" } });
  const actorIds = [...new Set(events.flatMap((e) => (e.actorId ? [e.actorId] : [])))];
  const people = await tx.person.findMany({
    where: { id: { in: actorIds } },
    select: { id: true, name: true },
  });
  const names = new Map(people.map((p) => [p.id, p.name]));
  return [ticketDetail(texts, { ...ticket, events }, names, deps.clock.now())];
}
