import type { Enterprise } from "../../domain/enterprise.ts";
import type { Person } from "../../domain/people/person.ts";
import type { Scope } from "../../domain/people/scope.ts";

/**
 * Who is looking at the console: the signed-in person, with what their role and places let them
 * see (the same `Scope` the chat uses), and their session.
 */
export type Viewer = {
  person: Person & { enterprise: Enterprise | null };
  scope: Scope;
  session: { tokenHash: string; csrfToken: string; expiresAt: Date };
};
