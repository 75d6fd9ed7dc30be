import type { Config } from "../../config.ts";
import type { Person } from "../../domain/people/person.ts";
import type { Stores } from "../../store/stores.ts";
import type { AppDeps } from "../app-deps.ts";
import { WordedError } from "../worded-error.ts";
import { hashWebToken, newWebToken } from "./web-tokens.ts";

/** How long a sign-in link may be used (issue 13: ten minutes, once). */
export const LOGIN_LINK_MINUTES = 10;

/** A sign-in link just made: the token is in the URL only; the database keeps its hash. */
export type IssuedLoginLink = { token: string; path: string; expiresAt: Date; person: Person };

/** The console's address as people open it: WEB_PUBLIC_URL, or the address the server listens on. */
export function consoleBaseUrl(config: Config, listening?: string): string {
  return config.web.publicUrl ?? listening ?? `http://${config.http.host}:${config.http.port}`;
}

/** The path a link's token is opened at. */
export function loginPath(token: string): string {
  return `/login/${token}`;
}

/** Makes a single-use sign-in link for a person, inside the caller's unit of work, audited. */
export async function issueLoginLink(
  s: Stores,
  deps: AppDeps,
  person: Person,
  origin: string,
): Promise<IssuedLoginLink> {
  const now = deps.clock.now();
  const token = newWebToken();
  const expiresAt = new Date(now.getTime() + LOGIN_LINK_MINUTES * 60_000);
  await s.webSessions.createLink({
    tokenHash: hashWebToken(token),
    personId: person.id,
    createdAt: now,
    expiresAt,
    origin,
  });
  await s.audit.record({
    at: now,
    actorId: origin.startsWith("chat:") ? person.id : null,
    action: "web.login_link_issued",
    subjectType: "person",
    subjectId: person.id,
    detail: { origin },
  });
  return { token, path: loginPath(token), expiresAt, person };
}

/** A sign-in link for the active person with this phone (for operators: `xunjian login-link`, `start`). */
export async function loginLinkForPhone(
  deps: AppDeps,
  phone: string,
  origin: string,
): Promise<IssuedLoginLink> {
  return deps.uow.run(async (s) => {
    const person = await s.people.byPhone(phone);
    if (!person) throw new WordedError("not_found", "person_not_found", { phone });
    if (!person.active) throw new WordedError("forbidden", "person_inactive", { name: person.name, phone });
    return issueLoginLink(s, deps, person, origin);
  });
}
