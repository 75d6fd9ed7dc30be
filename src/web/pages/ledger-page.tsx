/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */

import type { AreaChoice } from "../../app/web/console-selection.ts";
import { type LedgerPage, type LedgerQuery, ledgerQueryString } from "../../app/web/ledger.ts";
import { fill } from "../../content/report-texts.ts";
import { Grades } from "../../domain/checklist/checklist.ts";
import { Industries } from "../../domain/industry.ts";
import { TicketSources, TicketStatuses } from "../../domain/ticket/ticket-status.ts";
import { TicketTable } from "../components/ticket-table.tsx";
import { Layout, type PageContext } from "../layout.tsx";

function Options(props: {
  values: readonly string[];
  selected?: string;
  label: (v: string) => string;
  all: string;
}) {
  return (
    <>
      <option value="">{props.all}</option>
      {props.values.map((v) => (
        <option value={v} selected={props.selected === v}>
          {props.label(v)}
        </option>
      ))}
    </>
  );
}

/** The results: count, the table, paging; what htmx swaps when a filter changes. */
export function LedgerResults(props: { p: PageContext; q: LedgerQuery; page: LedgerPage; now: Date }) {
  const { p, q, page } = props;
  const t = p.t.ledger;
  const link = (n: number) => `/ledger?${ledgerQueryString(q, n)}`;
  return (
    <div id="ledger-results">
      <div class="actions">
        <strong id="ledger-total">{fill(t.total, { total: page.total })}</strong>
        <a
          class="button secondary"
          id="ledger-export"
          href={`/ledger/export.xlsx?${ledgerQueryString(q, 1)}`}
        >
          {t.export}
        </a>
      </div>
      {page.total === 0 ? (
        <p class="muted">{t.empty}</p>
      ) : (
        <TicketTable p={p} tickets={page.tickets} now={props.now} found />
      )}
      <div class="pager">
        {page.page > 1 ? <a href={link(page.page - 1)}>{t.prev}</a> : null}
        <span>{fill(t.page, { page: page.page, pages: page.pages })}</span>
        {page.page < page.pages ? <a href={link(page.page + 1)}>{t.next}</a> : null}
      </div>
    </div>
  );
}

/** 隐患台账: filters (status, grade, industry, area, source, overdue, period, text), results, paging. */
export function LedgerPageView(props: {
  p: PageContext;
  q: LedgerQuery;
  page: LedgerPage;
  areas: AreaChoice[];
  now: Date;
}) {
  const { p, q } = props;
  const t = p.t.ledger;
  const all = p.t.app.all;
  const statusLabel = (v: string) =>
    v === "unclosed" ? p.t.dashboard.open_count : p.labels.label("status", v);
  return (
    <Layout p={p} title={t.title} active="ledger" htmx>
      <h1>{t.title}</h1>
      <form
        class="filters card"
        method="get"
        action="/ledger"
        hx-get="/ledger"
        hx-target="#ledger-results"
        hx-select="#ledger-results"
        hx-swap="outerHTML"
        hx-push-url="true"
        hx-trigger="change, submit"
      >
        <label>
          {t.status}
          <select name="status">
            <Options
              values={["unclosed", ...TicketStatuses]}
              selected={q.status}
              label={statusLabel}
              all={all}
            />
          </select>
        </label>
        <label>
          {t.grade}
          <select name="grade">
            <Options values={Grades} selected={q.grade} label={(v) => p.labels.label("grade", v)} all={all} />
          </select>
        </label>
        <label>
          {t.industry}
          <select name="industry">
            <Options
              values={Industries}
              selected={q.industry}
              label={(v) => p.labels.label("industry", v)}
              all={all}
            />
          </select>
        </label>
        {props.areas.length > 0 ? (
          <label>
            {t.area}
            <select name="area">
              <option value="">{all}</option>
              {props.areas.map((a) => (
                <option value={a.id} selected={q.area === a.id}>
                  {`${"　".repeat(a.depth)}${a.name}`}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <label>
          {t.source}
          <select name="source">
            <Options
              values={TicketSources}
              selected={q.source}
              label={(v) => p.report.source[v as keyof typeof p.report.source]}
              all={all}
            />
          </select>
        </label>
        <label>
          {t.from}
          <input type="date" name="from" value={q.from ?? ""} />
        </label>
        <label>
          {t.to}
          <input type="date" name="to" value={q.to ?? ""} />
        </label>
        <label>
          {t.text}
          <input type="search" name="q" value={q.q ?? ""} placeholder={t.text_placeholder} />
        </label>
        <label class="inline">
          <input type="checkbox" name="overdue" value="1" checked={q.overdue === true} />
          {t.overdue_only}
        </label>
        <button type="submit">{p.t.app.apply}</button>
        <a href="/ledger">{p.t.app.reset}</a>
      </form>
      <LedgerResults p={p} q={q} page={props.page} now={props.now} />
    </Layout>
  );
}
