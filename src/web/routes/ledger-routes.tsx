/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import type { Hono } from "hono";
import { type AreaChoice, resolveSelection } from "../../app/web/console-selection.ts";
import { exportLedger, listLedger, parseLedgerQuery } from "../../app/web/ledger.ts";
import { fileForViewer, ticketForViewer } from "../../app/web/ticket-view.ts";
import { AppError } from "../../domain/app-error.ts";
import { toShanghaiDate } from "../../domain/calendar/local-date.ts";
import { pageContext } from "../layout.tsx";
import { LedgerPageView, LedgerResults } from "../pages/ledger-page.tsx";
import { TicketPageView } from "../pages/ticket-page.tsx";
import { queryOf, viewerOf, type WebEnv } from "../web-env.ts";

/** 隐患台账: the list with filters, its XLSX export, a page per ticket, and the ticket photos. */
export function ledgerRoutes(app: Hono<WebEnv>): void {
  app.get("/ledger", async (c) => {
    const deps = c.get("deps");
    const viewer = viewerOf(c);
    const q = parseLedgerQuery(deps, queryOf(c));
    const page = await listLedger(deps, viewer, q);
    const now = deps.clock.now();
    const p = pageContext(c);
    if (c.req.header("hx-request") && !c.req.header("hx-boosted"))
      return c.html(<LedgerResults p={p} q={q} page={page} now={now} />);
    const areas: AreaChoice[] = (await deps.uow.read((s) => resolveSelection(s, deps, viewer, {}))).areas;
    return c.html(<LedgerPageView p={p} q={q} page={page} areas={areas} now={now} />);
  });

  app.get("/ledger/export.xlsx", async (c) => {
    const deps = c.get("deps");
    const bytes = await exportLedger(deps, viewerOf(c), parseLedgerQuery(deps, queryOf(c)));
    const name = `隐患台账-${toShanghaiDate(deps.clock.now())}.xlsx`;
    return c.body(new Uint8Array(bytes), 200, {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="ledger.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`,
    });
  });

  app.get("/tickets/:number", async (c) => {
    const deps = c.get("deps");
    const found = await ticketForViewer(deps, viewerOf(c), c.req.param("number"));
    if (found === "out_of_scope") throw new AppError("forbidden", "ticket out of scope");
    if (!found) throw new AppError("not_found", "no such ticket");
    return c.html(<TicketPageView p={pageContext(c)} v={found} now={deps.clock.now()} />);
  });

  app.get("/files/:id", async (c) => {
    const file = await fileForViewer(c.get("deps"), viewerOf(c), c.req.param("id"));
    if (file === "out_of_scope") throw new AppError("forbidden", "file out of scope");
    if (!file) throw new AppError("not_found", "no such file");
    return c.body(new Uint8Array(file.bytes), 200, {
      "Content-Type": file.mime,
      "Cache-Control": "private, max-age=3600",
    });
  });
}
