/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import type { ConsoleSelection } from "../../app/web/console-selection.ts";
import { Industries } from "../../domain/industry.ts";
import type { PageContext } from "../layout.tsx";

/** The period (this month, a campaign, two dates), area and industry of the 总览 and 报告 pages. */
export function SelectionForm(props: { p: PageContext; sel: ConsoleSelection; action: string }) {
  const { t, labels } = props.p;
  const d = t.dashboard;
  const { sel } = props;
  return (
    <form class="filters card no-print" method="get" action={props.action}>
      <label>
        {d.period}
        <select name="period">
          <option value="month" selected={sel.kind === "month"}>
            {d.this_month}
          </option>
          <option value="campaign" selected={sel.kind === "campaign"} disabled={sel.campaigns.length === 0}>
            {d.campaign}
          </option>
          <option value="custom" selected={sel.kind === "custom"}>
            {d.custom}
          </option>
        </select>
      </label>
      {sel.campaigns.length > 0 ? (
        <label>
          {d.campaign}
          <select name="campaign">
            {sel.campaigns.map((c) => (
              <option value={c.key} selected={sel.campaign?.key === c.key}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <label>
        {d.from}
        <input type="date" name="from" value={sel.from} />
      </label>
      <label>
        {d.to}
        <input type="date" name="to" value={sel.to} />
      </label>
      {sel.areas.length > 0 ? (
        <label>
          {d.area}
          <select name="area">
            {props.p.viewer?.scope.kind === "all" ? <option value="">{d.all_areas}</option> : null}
            {sel.areas.map((a) => (
              <option value={a.id} selected={sel.area === a.id}>
                {`${"　".repeat(a.depth)}${a.name}`}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <label>
        {d.industry}
        <select name="industry">
          <option value="">{d.all_industries}</option>
          {Industries.map((code) => (
            <option value={code} selected={sel.industry === code}>
              {labels.label("industry", code)}
            </option>
          ))}
        </select>
      </label>
      <button type="submit">{t.app.apply}</button>
    </form>
  );
}
