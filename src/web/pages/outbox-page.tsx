/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import type { OutboxListItem } from "../../app/outbox/list-outbox.ts";
import { type OutboxStatus, OutboxStatuses } from "../../domain/outbox-item.ts";
import { DataTable } from "../components/data-table.tsx";
import { shanghaiMinute } from "../format.ts";
import { Layout, type PageContext } from "../layout.tsx";

/** 消息投递: what did not go out (unconfirmed and dead by default), or the messages of one status. */
export function OutboxPage(props: { p: PageContext; rows: OutboxListItem[]; status: OutboxStatus | null }) {
  const { p } = props;
  const t = p.t.outbox;
  const statusLabel = (s: string) => t[`status_${s as OutboxStatus}`] ?? s;
  const filters: { href: string; label: string; on: boolean }[] = [
    { href: "/outbox", label: t.undelivered, on: props.status === null },
    ...OutboxStatuses.map((s) => ({
      href: `/outbox?status=${s}`,
      label: statusLabel(s),
      on: props.status === s,
    })),
  ];
  return (
    <Layout p={p} title={t.title} active="outbox">
      <h1>{t.title}</h1>
      <p class="muted">{t.intro}</p>
      <p class="actions" id="outbox-filters">
        {filters.map((f) => (
          <a href={f.href} class={f.on ? "tag" : "tag closed"}>
            {f.label}
          </a>
        ))}
      </p>
      {props.rows.length === 0 ? (
        <p class="notice ok">{t.none}</p>
      ) : (
        <DataTable id="outbox" headers={[t.at, t.status, t.person, t.channel, t.attempts, t.text, t.error]}>
          {props.rows.map((r) => (
            <tr data-key={r.key} data-status={r.status}>
              <td>{shanghaiMinute(new Date(r.at))}</td>
              <td>
                <span class={`tag ${r.status === "dead" ? "overdue" : ""}`}>{statusLabel(r.status)}</span>
              </td>
              <td>{r.person ?? r.recipient}</td>
              <td>{r.channel}</td>
              <td>{r.attempts}</td>
              <td>{r.excerpt}</td>
              <td class="muted">{r.lastError ?? p.t.app.none}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </Layout>
  );
}
