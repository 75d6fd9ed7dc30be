/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import { selectionQuery } from "../../app/web/console-selection.ts";
import type { ReportView } from "../../app/web/report-view.ts";
import { SelectionForm } from "../components/selection-form.tsx";
import { Layout, type PageContext } from "../layout.tsx";
import { MarkdownView } from "../markdown.tsx";

/** 报告: the period's report as printable Chinese text, with the Markdown and the ledger to download. */
export function ReportPage(props: { p: PageContext; v: ReportView }) {
  const { p, v } = props;
  const t = p.t.report;
  const sel = v.selection;
  const ledger = new URLSearchParams({ from: sel.from, to: sel.to });
  if (sel.area) ledger.set("area", sel.area);
  if (sel.industry) ledger.set("industry", sel.industry);
  return (
    <Layout p={p} title={t.title} active="report">
      <h1 class="no-print">{t.title}</h1>
      <p class="muted no-print">{t.intro}</p>
      <SelectionForm p={p} sel={sel} action="/report" />
      <div class="actions">
        <button type="button" data-print="1">
          {t.print}
        </button>
        <a class="button secondary" href={`/report.md?${selectionQuery(sel)}`}>
          {t.download_md}
        </a>
        <a class="button secondary" href={`/ledger/export.xlsx?${ledger.toString()}`}>
          {t.download_ledger}
        </a>
      </div>
      <div class="card" id="report-text">
        <MarkdownView source={v.markdown} />
      </div>
    </Layout>
  );
}
