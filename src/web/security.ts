import { timingSafeEqual } from "node:crypto";
import type { MiddlewareHandler } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { viewerForSession } from "../app/web/sign-in.ts";
import { newWebToken } from "../app/web/web-tokens.ts";
import type { Config } from "../config.ts";
import type { WebContext, WebEnv } from "./web-env.ts";

/** The session cookie: a random token whose hash names the session row. */
export const SESSION_COOKIE = "xj_session";
/** The CSRF token of a browser that is not signed in (the sign-in and simulator forms). */
export const ANON_CSRF_COOKIE = "xj_csrf";
/** Where a form puts its CSRF token; htmx sends it as a header. */
export const CSRF_FIELD = "_csrf";
export const CSRF_HEADER = "x-csrf-token";

/**
 * Headers on every answer: scripts only from the console itself (echarts and htmx are served from
 * node_modules), no framing, no referrer (a sign-in link's token must not leak to another site).
 */
export const securityHeaders: MiddlewareHandler<WebEnv> = async (c, next) => {
  await next();
  c.header(
    "Content-Security-Policy",
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  );
  c.header("X-Content-Type-Options", "nosniff");
  c.header("X-Frame-Options", "DENY");
  c.header("Referrer-Policy", "no-referrer");
};

/** The client's address: the peer, or the first X-Forwarded-For entry when the peer is a proxy on this machine. */
export function clientAddress(c: WebContext): string {
  const peer = c.env?.incoming?.socket?.remoteAddress ?? "local";
  const local = peer === "::1" || peer.startsWith("127.") || peer.startsWith("::ffff:127.");
  const forwarded = c.req.header("x-forwarded-for")?.split(",")[0]?.trim();
  return local && forwarded ? forwarded : peer;
}

/** Cookie attributes: never readable by scripts, not sent from other sites' forms, Secure behind HTTPS. */
export function cookieOptions(config: Config, maxAgeSeconds?: number) {
  return {
    httpOnly: true,
    sameSite: "Lax" as const,
    secure: config.web.secureCookies,
    path: "/",
    ...(maxAgeSeconds === undefined ? {} : { maxAge: maxAgeSeconds }),
  };
}

/** Finds the viewer behind the session cookie and the CSRF token this browser's forms carry. */
export const loadSession: MiddlewareHandler<WebEnv> = async (c, next) => {
  const deps = c.get("deps");
  const token = getCookie(c, SESSION_COOKIE);
  const viewer = token ? await viewerForSession(deps, token) : null;
  c.set("viewer", viewer);
  c.set("client", clientAddress(c));
  if (viewer) c.set("csrf", viewer.session.csrfToken);
  else {
    let anon = getCookie(c, ANON_CSRF_COOKIE);
    if (!anon || !/^[A-Za-z0-9_-]{43}$/.test(anon)) {
      anon = newWebToken();
      setCookie(c, ANON_CSRF_COOKIE, anon, { ...cookieOptions(deps.config), sameSite: "Strict" });
    }
    c.set("csrf", anon);
  }
  await next();
};

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Whether a state-changing request carries this browser's CSRF token (form field or htmx header). */
export async function hasCsrfToken(c: WebContext): Promise<boolean> {
  const expected = c.get("csrf");
  const header = c.req.header(CSRF_HEADER);
  if (header) return same(header, expected);
  const type = c.req.header("content-type") ?? "";
  if (!type.startsWith("multipart/form-data") && !type.startsWith("application/x-www-form-urlencoded"))
    return false;
  const body = await c.req.parseBody();
  const field = body[CSRF_FIELD];
  return typeof field === "string" && same(field, expected);
}
