/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import type { Hono } from "hono";
import { deleteCookie, setCookie } from "hono/cookie";
import { checkLoginLink, type LinkRefusal, redeemLoginLink, signOut } from "../../app/web/sign-in.ts";
import { fill } from "../../content/report-texts.ts";
import { CsrfField, MessagePage, pageContext } from "../layout.tsx";
import { cookieOptions, SESSION_COOKIE } from "../security.ts";
import type { WebContext, WebEnv } from "../web-env.ts";

const REFUSAL_STATUS: Record<LinkRefusal, 403 | 404 | 410 | 429> = {
  unknown: 404,
  used: 410,
  expired: 410,
  inactive: 403,
  throttled: 429,
};

function refused(c: WebContext, reason: LinkRefusal) {
  const p = pageContext(c);
  return c.html(
    <MessagePage p={p} title={p.t.login.title} message={p.t.login[reason]} kind="warn">
      <p class="muted">{p.t.login.operator_hint}</p>
    </MessagePage>,
    REFUSAL_STATUS[reason],
  );
}

/**
 * Sign-in by a single-use link (sent in chat for 登录, or printed by `xunjian login-link`): opening
 * the link shows a confirm button, since chat apps open links to preview them; the press uses the
 * link and opens a session. Sign-out revokes the session in the database.
 */
export function signInRoutes(app: Hono<WebEnv>): void {
  app.get("/login", (c) => {
    const p = pageContext(c);
    const signedOut = c.req.query("signed_out") !== undefined;
    return c.html(
      <MessagePage
        p={p}
        title={p.t.login.title}
        message={signedOut ? p.t.login.signed_out : p.t.login.need_sign_in}
        kind={signedOut ? "ok" : undefined}
      >
        <p class="muted">{signedOut ? p.t.login.need_sign_in : p.t.login.operator_hint}</p>
      </MessagePage>,
    );
  });

  app.get("/login/:token", async (c) => {
    const deps = c.get("deps");
    const check = await checkLoginLink(deps, c.req.param("token"), c.get("client"));
    if (!check.ok) return refused(c, check.reason);
    const p = pageContext(c);
    return c.html(
      <MessagePage
        p={p}
        title={p.t.login.title}
        message={fill(p.t.login.confirm_intro, {
          name: check.person.name,
          role: p.labels.label("role", check.person.role),
        })}
      >
        <form method="post" action={`/login/${c.req.param("token")}`}>
          <CsrfField p={p} />
          <button type="submit" id="confirm-login">
            {p.t.login.confirm_button}
          </button>
        </form>
        <p class="muted">{p.t.login.link_hint}</p>
      </MessagePage>,
    );
  });

  app.post("/login/:token", async (c) => {
    const deps = c.get("deps");
    const result = await redeemLoginLink(deps, c.req.param("token"), c.get("client"));
    if (!result.ok) return refused(c, result.reason);
    const maxAge = Math.floor((result.session.expiresAt.getTime() - deps.clock.now().getTime()) / 1000);
    setCookie(c, SESSION_COOKIE, result.session.token, cookieOptions(deps.config, maxAge));
    return c.redirect("/dashboard", 303);
  });

  app.post("/logout", async (c) => {
    const deps = c.get("deps");
    const viewer = c.get("viewer");
    if (viewer) await signOut(deps, viewer);
    deleteCookie(c, SESSION_COOKIE, cookieOptions(deps.config));
    return c.redirect("/login?signed_out", 303);
  });
}
