/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import type { Hono } from "hono";
import { buildDashboard, dashboardFigures } from "../../app/web/dashboard.ts";
import { AppError } from "../../domain/app-error.ts";
import { pageContext } from "../layout.tsx";
import { BigScreenPage, DashboardBody, DashboardPage } from "../pages/dashboard-page.tsx";
import { queryOf, viewerOf, type WebEnv } from "../web-env.ts";

/** 总览, its 大屏 (and the part the 大屏 reloads), and the report figures as JSON. */
export function dashboardRoutes(app: Hono<WebEnv>): void {
  app.get("/dashboard", async (c) => {
    const deps = c.get("deps");
    const d = await buildDashboard(deps, viewerOf(c), queryOf(c));
    return c.html(<DashboardPage p={pageContext(c)} d={d} now={deps.clock.now()} />);
  });
  app.get("/dashboard/big", async (c) => {
    const deps = c.get("deps");
    const d = await buildDashboard(deps, viewerOf(c), queryOf(c));
    return c.html(<BigScreenPage p={pageContext(c)} d={d} now={deps.clock.now()} />);
  });
  app.get("/dashboard/big/body", async (c) => {
    const deps = c.get("deps");
    const d = await buildDashboard(deps, viewerOf(c), queryOf(c));
    return c.html(<DashboardBody p={pageContext(c)} d={d} now={deps.clock.now()} big />);
  });
  // The same document as `xunjian report --format json` for the page's period, area and industry
  // (for a grid worker or a head, the same figures over their grids or their enterprise).
  app.get("/dashboard/figures.json", async (c) => {
    const report = await dashboardFigures(c.get("deps"), viewerOf(c), queryOf(c));
    if (!report) throw new AppError("forbidden", "no report figures for this role");
    return c.json(report);
  });
}
