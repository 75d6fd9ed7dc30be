/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import type { Hono } from "hono";
import { reportForViewer } from "../../app/web/report-view.ts";
import { pageContext } from "../layout.tsx";
import { ReportPage } from "../pages/report-page.tsx";
import { queryOf, viewerOf, type WebEnv } from "../web-env.ts";

/** 报告: the printable report of a period, and its Markdown text as a download. */
export function reportRoutes(app: Hono<WebEnv>): void {
  app.get("/report", async (c) => {
    const v = await reportForViewer(c.get("deps"), viewerOf(c), queryOf(c));
    return c.html(<ReportPage p={pageContext(c)} v={v} />);
  });
  app.get("/report.md", async (c) => {
    const v = await reportForViewer(c.get("deps"), viewerOf(c), queryOf(c));
    const name = `report-${v.selection.from}-${v.selection.to}.md`;
    return c.body(v.markdown, 200, {
      "Content-Type": "text/markdown; charset=utf-8",
      "Content-Disposition": `attachment; filename="${name}"`,
    });
  });
}
