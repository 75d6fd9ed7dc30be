import type { OutboundMessage } from "../domain/messages.ts";
import type { Role } from "../domain/people/role.ts";
import type { AppDeps } from "./app-deps.ts";

/** The command menu for a person's role. */
export function helpFor(deps: AppDeps, person: { name: string; role: Role }): OutboundMessage {
  return { text: deps.content.texts.t(`help.${person.role}`, { name: person.name }), expects: "text" };
}
