/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import type { CampaignDetail, CampaignProgress } from "../../app/web/campaigns.ts";
import { mayUse } from "../../app/web/console-access.ts";
import type { UrgeResult } from "../../app/web/urge-self-check.ts";
import { fill } from "../../content/report-texts.ts";
import type { Campaign } from "../../domain/campaign/campaign.ts";
import { DataTable } from "../components/data-table.tsx";
import { PostButton } from "../components/post-button.tsx";
import { shanghaiMinute } from "../format.ts";
import { Layout, type PageContext } from "../layout.tsx";

function progressText(p: PageContext, done: number, total: number): string {
  return fill(p.t.campaigns.progress_value, {
    done,
    total,
    percent: total === 0 ? 0 : Math.round((done / total) * 100),
  });
}

function statusOf(p: PageContext, c: Campaign): string {
  return p.t.campaigns[c.status];
}

/** 自查活动: every campaign with its dates, status and progress in the viewer's scope. */
export function CampaignsPage(props: { p: PageContext; campaigns: CampaignProgress[] }) {
  const { p } = props;
  const t = p.t.campaigns;
  return (
    <Layout p={p} title={t.title} active="campaigns">
      <h1>{t.title}</h1>
      {props.campaigns.length === 0 ? (
        <p class="muted">{t.none}</p>
      ) : (
        <DataTable id="campaigns" headers={[t.name, t.dates, t.deadline, t.status, t.progress]}>
          {props.campaigns.map(({ campaign, done, total }) => (
            <tr data-campaign={campaign.key}>
              <td>
                <a href={`/campaigns/${campaign.key}`}>{campaign.name}</a>
                {campaign.provisional ? <span class="muted">{t.provisional}</span> : null}
              </td>
              <td>
                {campaign.opensOn} ~ {campaign.closesOn ?? campaign.endsOn}
              </td>
              <td>{campaign.deadlineOn}</td>
              <td>
                <span class={`tag ${campaign.status === "open" ? "" : "closed"}`}>
                  {statusOf(p, campaign)}
                </span>
              </td>
              <td>
                {campaign.selfCheck && campaign.status !== "planned" && campaign.status !== "skipped"
                  ? progressText(p, done, total)
                  : p.t.app.none}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </Layout>
  );
}

function UrgeNotice(props: { p: PageContext; result: UrgeResult }) {
  const t = props.p.t.campaigns;
  const r = props.result;
  return (
    <div class="notice ok" id="urge-result">
      {fill(t.urge_result, {
        sent: r.sent,
        messages: r.messages,
        already: r.already,
        unreachable: r.unreachable,
      })}
      {r.notBefore ? ` ${fill(t.urge_quiet, { time: shanghaiMinute(r.notBefore) })}` : ""}
    </div>
  );
}

/** One campaign: progress, who has not submitted (with heads, phones and 催办), and its schedule. */
export function CampaignPage(props: { p: PageContext; d: CampaignDetail; now: Date; result?: UrgeResult }) {
  const { p, d } = props;
  const t = p.t.campaigns;
  const canUrge = !!p.viewer && mayUse(p.viewer.person.role, "urge") && d.campaign.status === "open";
  const admin = p.viewer?.scope.kind === "all";
  const action = `/campaigns/${d.campaign.key}/urge`;
  return (
    <Layout p={p} title={d.campaign.name} active="campaigns">
      <p class="no-print">
        <a href="/campaigns">← {t.title}</a>
      </p>
      <h1>{d.campaign.name}</h1>
      <p>
        {t.dates}：{d.campaign.opensOn} ~ {d.campaign.closesOn ?? d.campaign.endsOn}　{t.deadline}：
        {d.campaign.deadlineOn}　<span class="tag">{statusOf(p, d.campaign)}</span>　{t.progress}：
        <strong id="campaign-progress">{progressText(p, d.done, d.total)}</strong>
      </p>
      {props.result ? <UrgeNotice p={p} result={props.result} /> : null}
      <div class="card">
        <div class="actions">
          <h2 style="margin:0;flex:1">{t.pending_title}</h2>
          {canUrge && d.pending.length > 0 ? (
            <PostButton p={p} action={action} fields={{ all: "1" }} id="urge-all" label={t.urge_all} />
          ) : null}
        </div>
        {d.pending.length === 0 ? (
          <p class="notice ok">{t.all_done}</p>
        ) : (
          <DataTable id="pending" headers={[t.enterprise, t.class, t.heads, t.phone, ""]}>
            {d.pending.map((e) => (
              <tr data-enterprise={e.id}>
                <td>{e.name}</td>
                <td>{e.supervisionClass ?? p.t.app.none}</td>
                <td>{e.heads.map((h) => h.name).join("、") || p.t.app.none}</td>
                <td>{e.heads.map((h) => h.phone).join("、") || p.t.app.none}</td>
                <td>
                  {!canUrge ? null : e.urgedToday ? (
                    <span class="tag closed">{t.urged_today}</span>
                  ) : (
                    <PostButton
                      p={p}
                      action={action}
                      fields={{ enterprise: e.id }}
                      class="secondary urge"
                      label={t.urge}
                    />
                  )}
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </div>
      <div class="card">
        <h2>{t.schedule}</h2>
        <p class="muted">{t.schedule_intro}</p>
        {d.schedule.length === 0 ? (
          <p class="muted">{t.schedule_empty}</p>
        ) : (
          <DataTable
            id="schedule"
            headers={[
              t.schedule_at,
              t.schedule_kind,
              t.schedule_status,
              t.schedule_count,
              admin && t.schedule_recipients,
            ]}
          >
            {d.schedule.map((slot) => (
              <tr>
                <td>{shanghaiMinute(slot.at)}</td>
                <td>{slot.work.kind === "reminder" ? t.kind_reminder : t.kind_card}</td>
                <td>
                  {slot.status === "ahead" && slot.at.getTime() < props.now.getTime()
                    ? t.slot_missed
                    : t[`slot_${slot.status}`]}
                </td>
                <td>{slot.messages.length}</td>
                {admin ? (
                  <td class="muted">
                    {slot.messages
                      .slice(0, 8)
                      .map((m) => m.name)
                      .filter(Boolean)
                      .join("、")}
                    {slot.messages.length > 8 ? "……" : ""}
                  </td>
                ) : null}
              </tr>
            ))}
          </DataTable>
        )}
      </div>
    </Layout>
  );
}
