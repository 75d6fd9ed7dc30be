/**
 * What a button carries back when pressed: the choice, and the prompt it belongs to. Short
 * enough for Telegram's 64-byte `callback_data`:
 * - `p:<promptId>:<choiceId>`: an option of a prompt (a question, a menu);
 * - `k:<choiceId>`: a button that means the same whenever it is pressed (a card's 已阅);
 * - `q:<promptId>:<index>` and `m:<index>`: the same by position, when the id is too long
 *   (the channel reads the option back through the button's label).
 * Buttons sent before prompts were recorded carry `c:<choiceId>` or `n:<index>`; they decode as
 * buttons without a prompt.
 */
import { createHash } from "node:crypto";

/** Telegram's limit on a button's data, in bytes. */
export const CHOICE_PAYLOAD_BYTES = 64;

/** A decoded button: the choice by id, or by its position among the message's buttons. */
export type ChoicePayload = { promptId?: string; choiceId: string } | { promptId?: string; index: number };

const PROMPT_ID = /^[0-9a-f]{8}$/;

/**
 * The prompt id of an outbox message: eight hex characters of a hash of its key, so the same
 * message always has the same id, on every send and after a restart.
 */
export function promptIdOf(outboxKey: string): string {
  return createHash("sha256").update(outboxKey).digest("hex").slice(0, 8);
}

/**
 * A button's data for a choice of a prompt (or of no prompt: a card's button). `index` is the
 * button's position, used when the id would make the data longer than 64 bytes.
 */
export function encodeChoice(promptId: string | undefined, choiceId: string, index = 0): string {
  const data = promptId ? `p:${promptId}:${choiceId}` : `k:${choiceId}`;
  if (Buffer.byteLength(data) <= CHOICE_PAYLOAD_BYTES) return data;
  return promptId ? `q:${promptId}:${index}` : `m:${index}`;
}

/** Reads a button's data back; data of no known form is taken as a bare choice id. */
export function decodeChoice(data: string): ChoicePayload {
  const kind = data.slice(0, 2);
  const rest = data.slice(2);
  switch (kind) {
    case "p:":
    case "q:": {
      const promptId = rest.slice(0, 8);
      if (!PROMPT_ID.test(promptId) || rest[8] !== ":") break;
      const value = rest.slice(9);
      if (kind === "p:") return { promptId, choiceId: value };
      if (/^\d+$/.test(value)) return { promptId, index: Number(value) };
      break;
    }
    case "k:":
    case "c:":
      return { choiceId: rest };
    case "m:":
    case "n:":
      if (/^\d+$/.test(rest)) return { index: Number(rest) };
      break;
  }
  return { choiceId: data };
}
