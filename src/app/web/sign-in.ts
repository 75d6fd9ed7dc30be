import type { Person } from "../../domain/people/person.ts";
import type { Stores } from "../../store/stores.ts";
import type { AppDeps } from "../app-deps.ts";
import type { Viewer } from "./viewer.ts";
import { hashWebToken, looksLikeWebToken, newWebToken } from "./web-tokens.ts";

/** Failed link attempts allowed from one address in the window before it is refused for a while. */
export const LINK_MAX_FAILURES = 10;
/** Failed link attempts from all addresses together in the window before links pause for everyone. */
export const LINK_GLOBAL_MAX_FAILURES = 200;
export const LINK_WINDOW_MINUTES = 15;

/** Why a link does not sign in. */
export type LinkRefusal = "unknown" | "used" | "expired" | "inactive" | "throttled";

/** What a link is worth: the person it signs in, or why not. */
export type LinkCheck = { ok: true; person: Person } | { ok: false; reason: LinkRefusal };

/** A new session: the cookie's token (never stored), and the CSRF token its forms carry. */
export type NewSession = { token: string; csrfToken: string; expiresAt: Date; person: Person };

async function throttled(s: Stores, deps: AppDeps, client: string): Promise<boolean> {
  const since = new Date(deps.clock.now().getTime() - LINK_WINDOW_MINUTES * 60_000);
  if ((await s.webSessions.failedAttemptsSince(client, since)) >= LINK_MAX_FAILURES) return true;
  return (await s.webSessions.allFailedAttemptsSince(since)) >= LINK_GLOBAL_MAX_FAILURES;
}

/** Judges a link without using it; a bad one counts against the address. */
async function judge(s: Stores, deps: AppDeps, token: string, client: string): Promise<LinkCheck> {
  const now = deps.clock.now();
  if (await throttled(s, deps, client)) return { ok: false, reason: "throttled" };
  const link = looksLikeWebToken(token) ? await s.webSessions.link(hashWebToken(token)) : null;
  const person = link ? await s.people.byId(link.personId) : null;
  const reason: LinkRefusal | null = !link
    ? "unknown"
    : link.usedAt
      ? "used"
      : link.expiresAt <= now
        ? "expired"
        : !person?.active
          ? "inactive"
          : null;
  if (reason !== null || !person) {
    await s.webSessions.recordAttempt(client, false, now);
    deps.log.info({ client, reason }, "console sign-in link refused");
    return { ok: false, reason: reason ?? "unknown" };
  }
  return { ok: true, person };
}

/**
 * Whether a sign-in link would sign in, for the page that asks to confirm (chat apps open links
 * to preview them, so opening one must not use it up). Refusals are counted for throttling.
 */
export async function checkLoginLink(deps: AppDeps, token: string, client: string): Promise<LinkCheck> {
  return deps.uow.run((s) => judge(s, deps, token, client));
}

/** Uses a sign-in link and opens a session (audited); refused when used, expired, unknown or throttled. */
export async function redeemLoginLink(
  deps: AppDeps,
  token: string,
  client: string,
): Promise<{ ok: true; session: NewSession } | { ok: false; reason: LinkRefusal }> {
  return deps.uow.run(async (s) => {
    const check = await judge(s, deps, token, client);
    if (!check.ok) return check;
    const now = deps.clock.now();
    // The conditional update is the real test: two tabs racing with one link get one session.
    if (!(await s.webSessions.useLink(hashWebToken(token), now))) {
      await s.webSessions.recordAttempt(client, false, now);
      return { ok: false, reason: "used" };
    }
    await s.webSessions.recordAttempt(client, true, now);
    const session: NewSession = {
      token: newWebToken(),
      csrfToken: newWebToken(),
      expiresAt: new Date(now.getTime() + deps.config.web.sessionHours * 3_600_000),
      person: check.person,
    };
    await s.webSessions.createSession({
      tokenHash: hashWebToken(session.token),
      personId: check.person.id,
      csrfToken: session.csrfToken,
      createdAt: now,
      expiresAt: session.expiresAt,
    });
    await s.audit.record({
      at: now,
      actorId: check.person.id,
      action: "web.signed_in",
      subjectType: "person",
      subjectId: check.person.id,
      detail: { client },
    });
    return { ok: true, session };
  });
}

/** The viewer behind a session cookie, or null when it is unknown, expired, revoked or the person is deactivated. */
export async function viewerForSession(deps: AppDeps, token: string): Promise<Viewer | null> {
  if (!looksLikeWebToken(token)) return null;
  return deps.uow.read(async (s) => {
    const session = await s.webSessions.session(hashWebToken(token));
    if (!session || session.revokedAt || session.expiresAt <= deps.clock.now()) return null;
    const person = await s.people.withEnterprise(session.personId);
    if (!person?.active) return null;
    return {
      person,
      scope: await s.people.scopeOf(person),
      session: { tokenHash: session.tokenHash, csrfToken: session.csrfToken, expiresAt: session.expiresAt },
    };
  });
}

/** Signs out: the session is revoked in the database (a copied cookie opens nothing), audited. */
export async function signOut(deps: AppDeps, viewer: Viewer): Promise<void> {
  await deps.uow.run(async (s) => {
    const now = deps.clock.now();
    if (!(await s.webSessions.revoke(viewer.session.tokenHash, now))) return;
    await s.audit.record({
      at: now,
      actorId: viewer.person.id,
      action: "web.signed_out",
      subjectType: "person",
      subjectId: viewer.person.id,
    });
  });
}
