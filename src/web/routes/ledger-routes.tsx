/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import type { Hono } from "hono";
import { type AreaChoice, resolveSelection } from "../../app/web/console-selection.ts";
import { exportLedger, listLedger, parseLedgerQuery } from "../../app/web/ledger.ts";
import { reviewFromConsole } from "../../app/web/review-from-console.ts";
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
    // Out of scope answers exactly as a missing number: numbers are sequential, and a 403 would
    // tell a guesser which ones exist elsewhere.
    if (!found || found === "out_of_scope") throw new AppError("not_found", "no such ticket");
    const reviewed = c.req.query("reviewed");
    const t = deps.content.web.ticket;
    const notice =
      reviewed === "pass" || reviewed === "return"
        ? { kind: "ok" as const, text: reviewed === "pass" ? t.reviewed_pass : t.reviewed_return }
        : undefined;
    return c.html(
      <TicketPageView p={pageContext(c)} v={found} now={deps.clock.now()} {...(notice ? { notice } : {})} />,
    );
  });

  // 通过（销号）/ 退回 from the ticket page, through the chat's own review use case.
  app.post("/tickets/:number/review", async (c) => {
    const deps = c.get("deps");
    const viewer = viewerOf(c);
    const body = await c.req.parseBody();
    const action = body.action === "pass" || body.action === "return" ? body.action : null;
    if (!action) throw new AppError("invalid_input", "action must be pass or return");
    const reason = typeof body.reason === "string" ? body.reason : "";
    const done = await reviewFromConsole(deps, viewer, c.req.param("number"), action, reason);
    const found = await ticketForViewer(deps, viewer, c.req.param("number"));
    if (!found || found === "out_of_scope") throw new AppError("not_found", "no such ticket");
    if (done.ok) return c.redirect(`/tickets/${found.ticket.number}?reviewed=${done.action}`, 303);
    const notice = { kind: "warn" as const, text: done.reason };
    return c.html(
      <TicketPageView p={pageContext(c)} v={found} now={deps.clock.now()} notice={notice} />,
      409,
    );
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
