import type { OutboundMessage } from "../domain/messages.ts";
import { isRole } from "../domain/people/role.ts";
import type { AppDeps } from "./app-deps.ts";

/** The command menu for a person's role. */
export function helpFor(deps: AppDeps, person: { name: string; role: string }): OutboundMessage {
  const role = isRole(person.role) ? person.role : "enterprise_head";
  return { text: deps.content.texts.t(`help.${role}`, { name: person.name }), expects: "text" };
}
