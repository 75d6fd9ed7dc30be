/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */

import { selectionQuery } from "../../app/web/console-selection.ts";
import type { Dashboard } from "../../app/web/dashboard.ts";
import { fill } from "../../content/report-texts.ts";
import type { Figures } from "../../domain/statistics/report-figures.ts";
import { SelectionForm } from "../components/selection-form.tsx";
import { TicketTable } from "../components/ticket-table.tsx";
import { percent, shanghaiMinute } from "../format.ts";
import { Layout, type PageContext } from "../layout.tsx";

const FIGURES = [
  "hazardsFound",
  "major",
  "rectified",
  "rectificationRate",
  "overdue",
  "enterprisesChecked",
  "selfChecksSubmitted",
  "averageDaysToRectify",
] as const;

type FigureKey = (typeof FIGURES)[number];
const WARN: ReadonlySet<FigureKey> = new Set(["major", "overdue"]);

function figureValue(f: Figures, key: FigureKey, none: string): string {
  if (key === "rectificationRate") return percent(f.rectificationRate, none);
  const v = f[key];
  return v === null ? none : String(v);
}

/** The report's totals as cards; each carries its key and raw value (the same as the report JSON). */
function FigureCards(props: { p: PageContext; d: Dashboard }) {
  const { p, d } = props;
  const names = p.t;
  const report = d.report;
  const now = (
    <div class="figures">
      <Figure label={names.dashboard.open_count} value={String(d.open)} id="open" />
      <Figure label={names.dashboard.overdue_count} value={String(d.overdue.total)} id="overdue-now" warn />
      <Figure label={names.dashboard.major_count} value={String(d.majorOpen.total)} id="major-now" warn />
    </div>
  );
  if (!report) return now;
  // A grid worker or a head sees what is open in their grids or enterprise now, as well.
  const scoped = !d.selection.reportAllowed;
  return (
    <>
      {scoped ? now : null}
      <div class="figures" data-report={JSON.stringify(report.totals)}>
        {FIGURES.map((key) => (
          <Figure
            id={key}
            label={p.report.markdown.columns[key]}
            value={figureValue(report.totals, key, p.t.app.none)}
            raw={JSON.stringify(report.totals[key])}
            warn={WARN.has(key)}
          />
        ))}
      </div>
    </>
  );
}

function Figure(props: { id: string; label: string; value: string; raw?: string; warn?: boolean }) {
  return (
    <div class={props.warn ? "figure warn" : "figure"} data-figure={props.id} data-value={props.raw}>
      <div class="value">{props.value}</div>
      <div class="label">{props.label}</div>
    </div>
  );
}

const PALETTE = ["#1f6fb2", "#2f9e44", "#e8590c", "#7048e8", "#868e96"];

/** ECharts options built on the server (labels in Chinese); the page's script draws them. */
function chartOptions(p: PageContext, d: Dashboard) {
  const t = p.t.dashboard;
  const title = (text: string) => ({ text, left: "center", top: 4, textStyle: { fontSize: 14 } });
  const grid = { left: 44, right: 16, top: 56, bottom: 34, containLabel: true };
  const options: { id: string; option: object }[] = [
    {
      id: "weekly",
      option: {
        title: title(t.weekly),
        color: [PALETTE[0], PALETTE[1]],
        tooltip: { trigger: "axis" },
        legend: { top: 26 },
        grid,
        xAxis: { type: "category", data: d.weekly.map((w) => w.week.slice(5)) },
        yAxis: { type: "value", minInterval: 1 },
        series: [
          { name: t.found, type: "bar", data: d.weekly.map((w) => w.found) },
          { name: t.closed, type: "bar", data: d.weekly.map((w) => w.closed) },
        ],
      },
    },
  ];
  const rateChart = (id: string, text: string, entries: [string, Figures][]) => ({
    id,
    option: {
      title: title(text),
      color: [PALETTE[1]],
      tooltip: { trigger: "axis", valueFormatter: "{value}%" },
      grid,
      xAxis: {
        type: "category",
        data: entries.map(([name]) => name),
        axisLabel: { interval: 0, rotate: entries.length > 5 ? 30 : 0 },
      },
      yAxis: { type: "value", max: 100, axisLabel: { formatter: "{value}%" } },
      series: [
        {
          name: t.rate,
          type: "bar",
          label: { show: true, position: "top", formatter: "{c}%" },
          data: entries.map(([, f]) =>
            f.rectificationRate === null ? 0 : Number((f.rectificationRate * 100).toFixed(1)),
          ),
        },
      ],
    },
  });
  if (d.report) {
    options.push(
      rateChart(
        "rate-by-industry",
        t.rate_by_industry,
        Object.entries(d.report.byIndustry).map(([code, f]) => [p.labels.label("industry", code), f]),
      ),
      rateChart(
        "rate-by-area",
        t.rate_by_area,
        Object.values(d.report.byArea).map((f) => [f.name, f]),
      ),
    );
  }
  if (d.progress)
    options.push({
      id: "progress",
      option: {
        title: title(fill(t.progress_by_area, { campaign: d.progress.campaign.name })),
        color: [PALETTE[1], PALETTE[2]],
        tooltip: { trigger: "axis" },
        legend: { top: 26 },
        grid,
        xAxis: { type: "category", data: d.progress.byArea.map((a) => a.name), axisLabel: { interval: 0 } },
        yAxis: { type: "value", minInterval: 1 },
        series: [
          { name: t.submitted, type: "bar", stack: "all", data: d.progress.byArea.map((a) => a.submitted) },
          {
            name: t.pending,
            type: "bar",
            stack: "all",
            data: d.progress.byArea.map((a) => a.total - a.submitted),
          },
        ],
      },
    });
  return options;
}

/** The figures, charts and lists of a dashboard: the body of 总览 and of the 大屏. */
export function DashboardBody(props: { p: PageContext; d: Dashboard; now: Date; big?: boolean }) {
  const { p, d } = props;
  const t = p.t.dashboard;
  const sel = d.selection;
  const listLink = (extra: string) =>
    `/ledger?${extra}${sel.area ? `&area=${sel.area}` : ""}${sel.industry ? `&industry=${sel.industry}` : ""}`;
  return (
    <div class="dashboard" id="dashboard-body">
      <p class="muted">
        {fill(t.period_line, { from: sel.from, to: sel.to })}
        {d.report ? `　${fill(t.as_of, { asOf: shanghaiMinute(new Date(d.report.asOf)) })}` : ""}
        {props.big ? `　${fill(t.updated_at, { time: shanghaiMinute(props.now) })}` : ""}
      </p>
      {d.selection.reportAllowed ? null : <p class="notice">{t.scoped_only}</p>}
      <FigureCards p={p} d={d} />
      <div class="charts">
        {chartOptions(p, d).map((c) => (
          <div class="card">
            <div class="chart" id={`chart-${c.id}`} data-chart={JSON.stringify(c.option)} />
          </div>
        ))}
        {d.progress ? null : (
          <div class="card">
            <p class="muted">{t.progress_none}</p>
          </div>
        )}
      </div>
      <div class="card">
        <h2>{t.major_open}</h2>
        {d.majorOpen.total === 0 ? (
          <p class="muted">{t.nothing}</p>
        ) : (
          <>
            <TicketTable p={p} tickets={d.majorOpen.tickets} now={props.now} />
            <p>
              <a href={listLink("grade=major&status=unclosed")}>
                {fill(t.more, { count: d.majorOpen.total })}
              </a>
            </p>
          </>
        )}
      </div>
      <div class="card">
        <h2>{t.overdue}</h2>
        {d.overdue.total === 0 ? (
          <p class="muted">{t.nothing}</p>
        ) : (
          <>
            <TicketTable p={p} tickets={d.overdue.tickets} now={props.now} />
            <p>
              <a href={listLink("overdue=1")}>{fill(t.more, { count: d.overdue.total })}</a>
            </p>
          </>
        )}
      </div>
    </div>
  );
}

/** 总览: the period form, a link to the 大屏, and the dashboard. */
export function DashboardPage(props: { p: PageContext; d: Dashboard; now: Date }) {
  const { p, d } = props;
  return (
    <Layout p={p} title={p.t.dashboard.title} active="dashboard" charts>
      <div class="actions">
        <h1 style="margin:0;flex:1">{p.t.dashboard.title}</h1>
        <a class="button secondary" href={`/dashboard/big?${selectionQuery(d.selection)}`}>
          {p.t.dashboard.big_screen}
        </a>
      </div>
      <SelectionForm p={p} sel={d.selection} action="/dashboard" />
      <DashboardBody p={p} d={d} now={props.now} />
    </Layout>
  );
}

/** 大屏: the same dashboard full screen on a dark ground, reloaded every minute by htmx. */
export function BigScreenPage(props: { p: PageContext; d: Dashboard; now: Date }) {
  const { p, d } = props;
  const query = selectionQuery(d.selection);
  return (
    <Layout p={p} title={p.t.dashboard.big_screen_title} charts htmx bodyClass="big-screen">
      <h1>{p.t.dashboard.big_screen_title}</h1>
      <div
        hx-get={`/dashboard/big/body?${query}`}
        hx-trigger="every 60s"
        hx-swap="innerHTML"
        hx-target="this"
      >
        <DashboardBody p={p} d={d} now={props.now} big />
      </div>
      <p class="no-print">
        <a href={`/dashboard?${query}`}>{p.t.dashboard.exit_big_screen}</a>
      </p>
    </Layout>
  );
}
