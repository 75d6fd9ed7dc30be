/**
 * Telling the admins when a message is given up on. The alert is itself an outbox message with a
 * deterministic key; an alert that dies is logged and never alerted about, so a broken admin channel
 * cannot feed itself. One alert per channel per hour: when a platform is down, every message to it
 * dies, and a thousand alerts would help nobody.
 */
import { fill } from "../domain/campaign/campaign-messages.ts";
import type { OutboundMessage } from "../domain/messages.ts";
import type { OutboxItem } from "../domain/outbox-item.ts";
import type { Stores } from "../store/stores.ts";

/** Keys of admin alerts start with this; the dispatcher never alerts about them. */
export const ALERT_KEY_PREFIX = "alert:";

/** A message marked dead, as the alert describes it. */
export type DeadMessage = {
  id: string;
  key: string;
  channel: string;
  recipient: string;
  personId: string | null;
  payload: string;
  attempts: number;
  lastError: string | null;
  /** Ended in doubt (status `unconfirmed`) rather than given up on after failing. */
  unconfirmed?: boolean;
};

/** The alerts' wording (`alerts` of prompts/campaigns/messages.yaml). */
export type AlertTemplates = { dead: string; unconfirmed: string };

/** Called in the unit of work that marks a message dead; what it returns is enqueued there. */
export type DeadLetterHandler = (s: Stores, dead: DeadMessage, now: Date) => Promise<OutboxItem[]>;

const HOUR_MS = 3_600_000;

/** The wording of an alert: `alerts.dead` or `alerts.unconfirmed` of prompts/campaigns/messages.yaml. */
export function deadLetterText(template: string, dead: DeadMessage, personName: string | null): string {
  let excerpt = "";
  try {
    excerpt = (JSON.parse(dead.payload) as OutboundMessage).text.replace(/\s+/g, " ").slice(0, 60);
  } catch {
    excerpt = dead.payload.slice(0, 60);
  }
  return fill(template, {
    person: personName ?? dead.recipient,
    channel: dead.channel,
    recipient: dead.recipient,
    attempts: dead.attempts,
    error: (dead.lastError ?? "").slice(0, 200),
    excerpt,
  });
}

/**
 * A handler that alerts every active admin in chat, at most once per channel per hour for each
 * kind (a message given up on, a message whose delivery is unconfirmed).
 */
export function alertAdminsOfDeadMessages(templates: AlertTemplates): DeadLetterHandler {
  return async (s, dead, now) => {
    if (dead.key.startsWith(ALERT_KEY_PREFIX)) return [];
    const hour = new Date(Math.floor(now.getTime() / HOUR_MS) * HOUR_MS).toISOString().slice(0, 13);
    const person = dead.personId ? await s.people.byId(dead.personId) : null;
    const admins = await s.people.ofRole("admin");
    const kind = dead.unconfirmed ? "unconfirmed" : "dead";
    const text = deadLetterText(templates[kind], dead, person?.name ?? null);
    return (await s.people.recipientsOf(admins.map((a) => a.id))).map((a) => ({
      key: `${ALERT_KEY_PREFIX}${kind}:${dead.channel}:${hour}:${a.personId}`,
      channel: a.channel,
      recipient: a.externalId,
      personId: a.personId,
      message: { text, expects: "none" as const },
    }));
  };
}
