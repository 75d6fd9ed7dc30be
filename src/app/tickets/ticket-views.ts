import type { OutboundMessage } from "../../domain/messages.ts";
import type { Texts } from "../../domain/texts.ts";
import { formatDeadline } from "../../domain/ticket/deadline.ts";
import type { TicketEvent, TicketWithEnterprise } from "../../domain/ticket/ticket.ts";
import { isOverdue } from "../../domain/ticket/ticket-lifecycle.ts";

type Row = TicketWithEnterprise;

/** One ticket as a list line: number, enterprise, title, grade, status, deadline, overdue mark. */
export function ticketLine(texts: Texts, t: Row, now: Date): string {
  return texts.t("tickets.line", {
    number: t.number,
    enterprise: t.enterprise.name,
    title: t.title,
    grade: texts.label("grade", t.grade),
    status: texts.label("status", t.status),
    deadline: formatDeadline(t.deadline),
    overdue: isOverdue(t, now) ? texts.t("tickets.overdue_mark") : "",
  });
}

/** Shanghai wall time to the minute, for histories. */
function minute(d: Date): string {
  return new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace("T", " ");
}

/** One ticket with its whole history. */
export function ticketDetail(
  texts: Texts,
  t: Row & { events: TicketEvent[] },
  names: ReadonlyMap<string, string>,
  now: Date,
): OutboundMessage {
  const history = t.events
    .map((e) =>
      texts.t("ticket.history_line", {
        at: minute(e.at),
        actor: (e.actorId && names.get(e.actorId)) || "",
        event: texts.label("event", e.kind),
        note: e.note && !e.note.startsWith("run:") ? `：${e.note}` : "",
      }),
    )
    .join("\n");
  return {
    text: texts.t("ticket.detail", {
      number: t.number,
      title: t.title,
      enterprise: t.enterprise.name,
      grade: texts.label("grade", t.grade),
      supervised: t.supervised ? texts.t("ticket.supervised_mark") : "",
      status: texts.label("status", t.status),
      category: t.category,
      deadline: formatDeadline(t.deadline),
      overdue: isOverdue(t, now) ? texts.t("tickets.overdue_mark") : "",
      // Where a grid worker or inspector saw it (随手拍 asks for the place).
      location: t.location ? texts.t("ticket.location_line", { location: t.location }) : "",
      description: t.description ? `${t.description}\n` : "",
      basis: t.basis ?? "—",
      history,
    }),
    expects: "none",
  };
}
