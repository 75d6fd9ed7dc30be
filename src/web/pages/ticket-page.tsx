/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import type { TicketView } from "../../app/web/ticket-view.ts";
import { fill } from "../../content/report-texts.ts";
import { isOverdue } from "../../domain/ticket/ticket-lifecycle.ts";
import { PlanParts } from "../../domain/ticket/treatment-plan.ts";
import type { TicketPhoto } from "../../store/attachment-store.ts";
import { shanghaiDay, shanghaiMinute } from "../format.ts";
import { CsrfField, Layout, type PageContext } from "../layout.tsx";

function Photos(props: { p: PageContext; photos: TicketPhoto[]; kind: string }) {
  const { t } = props.p;
  if (props.photos.length === 0) return <p class="muted">{t.ticket.no_photos}</p>;
  return (
    <div class="photos" data-photos={props.kind}>
      {props.photos.map((photo, i) => (
        <a href={`/files/${photo.id}`} target="_blank" rel="noopener">
          <img src={`/files/${photo.id}`} alt={fill(t.ticket.photo_alt, { index: i + 1 })} loading="lazy" />
        </a>
      ))}
    </div>
  );
}

/** Roles that review a rectification, as in chat (the use case checks the rest: not one's own, a major by a leader). */
const REVIEWERS: readonly string[] = ["grid_worker", "leader", "admin"];

/** 复查: pass (销号) or return with a reason, for a ticket waiting for review. */
function ReviewForm(props: { p: PageContext; number: string }) {
  const { t } = props.p;
  return (
    <div class="card no-print" id="review">
      <h2>{t.ticket.review_title}</h2>
      <p class="muted">{t.ticket.review_hint}</p>
      <form method="post" action={`/tickets/${props.number}/review`}>
        <CsrfField p={props.p} />
        <label>
          {t.ticket.review_reason}
          <input type="text" name="reason" maxlength={200} placeholder={t.ticket.review_reason_placeholder} />
        </label>
        <div class="actions">
          <button type="submit" name="action" value="pass" id="review-pass">
            {t.ticket.review_pass}
          </button>
          <button type="submit" name="action" value="return" class="secondary" id="review-return">
            {t.ticket.review_return}
          </button>
        </div>
      </form>
    </div>
  );
}

/** One ticket: its fields, photos before and after (full size on click), the six-part plan, every event. */
export function TicketPageView(props: {
  p: PageContext;
  v: TicketView;
  now: Date;
  notice?: { kind: "ok" | "warn"; text: string };
}) {
  const { p, v } = props;
  const { t, labels } = p;
  const ticket = v.ticket;
  const none = t.app.none;
  const name = (id: string | null) => (id ? (v.names.get(id) ?? none) : none);
  const fields: [string, string][] = [
    [t.ticket.enterprise, ticket.enterprise.name],
    [t.ticket.credit_code, ticket.enterprise.creditCode],
    [t.ticket.area, v.areaName],
    [t.ticket.grid, v.gridName ?? none],
    [t.ticket.location, ticket.location ?? none],
    [t.ticket.description, ticket.description ?? ticket.title],
    [t.ticket.category, ticket.category],
    [
      t.ticket.grade,
      `${labels.label("grade", ticket.grade)}${ticket.supervised ? `（${t.ticket.supervised}）` : ""}`,
    ],
    [t.ticket.status, labels.label("status", ticket.status)],
    [t.ticket.source, p.report.source[ticket.source]],
    [t.ticket.found_at, shanghaiMinute(ticket.foundAt)],
    [t.ticket.found_by, name(ticket.foundById)],
    [
      t.ticket.deadline,
      `${shanghaiDay(ticket.deadline)}${isOverdue(ticket, props.now) ? t.ticket.overdue_mark : ""}`,
    ],
    [t.ticket.responsible, name(ticket.responsibleId)],
    [t.ticket.basis, ticket.basis ?? none],
    [t.ticket.measures, ticket.measures ?? none],
    [t.ticket.funds, ticket.funds ?? none],
    [t.ticket.contingency, ticket.contingencyPlan ?? none],
    [t.ticket.rectified_at, ticket.rectifiedAt ? shanghaiMinute(ticket.rectifiedAt) : none],
    [t.ticket.closed_at, ticket.closedAt ? shanghaiMinute(ticket.closedAt) : none],
  ];
  return (
    <Layout p={p} title={ticket.number} active="ledger">
      <p class="no-print">
        <a href="/ledger">← {t.ticket.back}</a>
      </p>
      <h1>
        {ticket.number}　{ticket.title}
      </h1>
      {props.notice ? (
        <p class={`notice ${props.notice.kind}`} id="review-result">
          {props.notice.text}
        </p>
      ) : null}
      {ticket.status === "submitted" && p.viewer && REVIEWERS.includes(p.viewer.person.role) ? (
        <ReviewForm p={p} number={ticket.number} />
      ) : null}
      <div class="card">
        <dl class="fields">
          {fields.map(([label, value]) => (
            <>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </>
          ))}
        </dl>
      </div>
      <div class="card">
        <h2>{t.ticket.photos_before}</h2>
        <Photos p={p} photos={v.before} kind="before" />
        <h2>{t.ticket.photos_after}</h2>
        <Photos p={p} photos={v.after} kind="after" />
      </div>
      {ticket.grade === "major" ? (
        <div class="card">
          <h2>{t.ticket.plan}</h2>
          {v.plan ? (
            <dl class="fields" id="treatment-plan">
              {PlanParts.map((part) => (
                <>
                  <dt>{labels.label("plan", part)}</dt>
                  <dd>{v.plan?.[part]}</dd>
                </>
              ))}
            </dl>
          ) : (
            <p class="muted">{t.ticket.no_plan}</p>
          )}
        </div>
      ) : null}
      <div class="card">
        <h2>{t.ticket.events}</h2>
        <div class="table-wrap">
          <table id="ticket-events">
            <thead>
              <tr>
                <th>{t.ticket.event_at}</th>
                <th>{t.ticket.event_actor}</th>
                <th>{t.ticket.event_kind}</th>
                <th>{t.ticket.event_note}</th>
              </tr>
            </thead>
            <tbody>
              {v.events.map((e) => (
                <tr>
                  <td>{shanghaiMinute(e.at)}</td>
                  <td>{name(e.actorId)}</td>
                  <td>{labels.label("event", e.kind)}</td>
                  <td>{e.note && !e.note.startsWith("run:") ? e.note : ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </Layout>
  );
}
