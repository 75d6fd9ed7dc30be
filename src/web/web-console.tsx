/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import type { IncomingMessage, ServerResponse } from "node:http";
import { getRequestListener } from "@hono/node-server";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { AppDeps } from "../app/app-deps.ts";
import { storedSimulatorLog } from "../app/web/simulator-log.ts";
import type { WebChannel } from "../channels/web/web-channel.ts";
import { AppError } from "../domain/app-error.ts";
import { MessagePage, pageContext } from "./layout.tsx";
import { campaignRoutes } from "./routes/campaign-routes.tsx";
import { dashboardRoutes } from "./routes/dashboard-routes.tsx";
import { directoryRoutes } from "./routes/directory-routes.tsx";
import { ledgerRoutes } from "./routes/ledger-routes.tsx";
import { outboxRoutes } from "./routes/outbox-routes.tsx";
import { reportRoutes } from "./routes/report-routes.tsx";
import { signInRoutes } from "./routes/sign-in-routes.tsx";
import { simulatorRoutes } from "./routes/simulator-routes.tsx";
import { hasCsrfToken, loadSession, securityHeaders } from "./security.ts";
import { serveStaticAssets } from "./static-assets.ts";
import type { WebConsoleOptions, WebContext, WebEnv } from "./web-env.ts";

/** The office console: the Hono app, and the same as a node:http handler for the product's server. */
export type WebConsole = {
  app: Hono<WebEnv>;
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
  /** Keeps the simulator channel's chat lines in the database (they then survive a restart). */
  keepSimulatorLog(channel: WebChannel | undefined): Promise<void>;
};

/** The largest request body: an import file or a few photos in the simulator. */
const MAX_BODY_BYTES = 25 * 1024 * 1024;

const STATUS: Partial<Record<AppError["code"], 400 | 403 | 404 | 409>> = {
  invalid_input: 400,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
};

/** An answer with a status and a page saying why (or a short text for htmx and downloads). */
export function refuse(c: WebContext, status: 400 | 403 | 404 | 409 | 413 | 429 | 500, message: string) {
  const p = pageContext(c);
  if (c.req.header("hx-request")) return c.html(`<p class="notice warn">${escapeHtml(message)}</p>`, status);
  return c.html(<MessagePage p={p} title={p.t.errors.title} message={message} kind="warn" />, status);
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/**
 * Builds the console on the app's dependencies. Pages are rendered on the server (hono/jsx); every
 * post carries the CSRF token; every page but sign-in and the simulator needs a session, and shows
 * only what the person's role and places allow, as in chat.
 */
export function createWebConsole(deps: AppDeps, options: WebConsoleOptions = {}): WebConsole {
  const app = new Hono<WebEnv>();
  app.use(securityHeaders);
  serveStaticAssets(app);
  app.use(async (c, next) => {
    c.set("deps", deps);
    c.set("options", options);
    c.set("t", deps.content.web);
    await next();
  });
  // Before anything reads a body: an import file is the largest thing anyone posts.
  app.use(
    bodyLimit({ maxSize: MAX_BODY_BYTES, onError: (c) => refuse(c, 413, deps.content.web.errors.too_large) }),
  );
  app.use(loadSession);
  // Every state-changing request carries this browser's token: a page of another site cannot.
  app.use(async (c, next) => {
    if (c.req.method !== "GET" && c.req.method !== "HEAD" && !(await hasCsrfToken(c)))
      return refuse(c, 403, c.get("t").errors.csrf);
    await next();
  });
  app.get("/", (c) => c.redirect(c.get("viewer") ? "/dashboard" : "/login"));
  signInRoutes(app);
  simulatorRoutes(app);
  // Everything below needs a session.
  app.use(async (c, next) => {
    if (c.get("viewer")) return next();
    if (c.req.header("hx-request")) {
      c.header("HX-Redirect", "/login");
      return c.body(null, 401);
    }
    return c.redirect("/login");
  });
  dashboardRoutes(app);
  ledgerRoutes(app);
  campaignRoutes(app);
  directoryRoutes(app);
  reportRoutes(app);
  outboxRoutes(app);

  app.notFound((c) => refuse(c, 404, deps.content.web.errors.not_found));
  app.onError((err, c) => {
    if (err instanceof AppError && STATUS[err.code]) {
      const status = STATUS[err.code] ?? 400;
      const t = deps.content.web;
      const message =
        err.code === "forbidden"
          ? t.errors.forbidden
          : err.code === "not_found"
            ? t.errors.not_found
            : err.message;
      return refuse(
        c,
        status,
        err.code === "invalid_input" ? t.errors.bad_request.replace("{reason}", message) : message,
      );
    }
    deps.log.error({ err, path: c.req.path }, "console request failed");
    return refuse(c, 500, deps.content.web.errors.server_error);
  });

  const listener = getRequestListener(app.fetch, { overrideGlobalObjects: false });
  return {
    app,
    handle: (req, res) => listener(req, res),
    keepSimulatorLog: async (channel) => channel?.keepLogIn(storedSimulatorLog(deps)),
  };
}
