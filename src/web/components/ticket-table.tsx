/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */

import type { TicketWithEnterprise } from "../../domain/ticket/ticket.ts";
import { isOverdue } from "../../domain/ticket/ticket-lifecycle.ts";
import { shanghaiDay } from "../format.ts";
import type { PageContext } from "../layout.tsx";

/** Tickets as a table: number (a link to the ticket page), enterprise, hazard, grade, status, deadline. */
export function TicketTable(props: {
  p: PageContext;
  tickets: readonly TicketWithEnterprise[];
  now: Date;
  found?: boolean;
}) {
  const { t, labels } = props.p;
  return (
    <div class="table-wrap">
      <table class="tickets">
        <thead>
          <tr>
            <th>{t.ledger.number}</th>
            <th>{t.ledger.enterprise}</th>
            <th>{t.ledger.title_column}</th>
            <th>{t.ledger.grade}</th>
            <th>{t.ledger.status}</th>
            {props.found ? <th>{t.ledger.found_at}</th> : null}
            <th>{t.ledger.deadline}</th>
          </tr>
        </thead>
        <tbody>
          {props.tickets.map((ticket) => {
            const overdue = isOverdue(ticket, props.now);
            return (
              <tr class={overdue ? "overdue" : undefined} data-number={ticket.number}>
                <td>
                  <a href={`/tickets/${ticket.number}`}>{ticket.number}</a>
                </td>
                <td>{ticket.enterprise.name}</td>
                <td>{ticket.title}</td>
                <td>
                  <span class={`tag ${ticket.grade}`}>{labels.label("grade", ticket.grade)}</span>
                </td>
                <td>
                  <span class={`tag ${ticket.status}`}>{labels.label("status", ticket.status)}</span>
                </td>
                {props.found ? <td>{shanghaiDay(ticket.foundAt)}</td> : null}
                <td>
                  {shanghaiDay(ticket.deadline)}
                  {overdue ? <span class="tag overdue"> {t.ledger.overdue_mark}</span> : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
