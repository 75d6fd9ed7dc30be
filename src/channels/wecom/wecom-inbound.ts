import { XMLParser } from "fast-xml-parser";
import { z } from "zod";
import { decodeChoice, encodeChoice } from "../../domain/choice-payload.ts";
import type { InboundMessage } from "../../domain/messages.ts";

export const WECOM_CHANNEL = "wecom";

// Values stay strings: the default parser turns "007" into 7 and AgentID into a number.
const parser = new XMLParser({ parseTagValue: false, processEntities: false, ignoreAttributes: true });

/** The fields of `<xml>…</xml>`, or null when the text is not such a document. */
export function parseXml(text: string): Record<string, unknown> | null {
  try {
    const doc = parser.parse(text) as { xml?: unknown };
    return doc.xml && typeof doc.xml === "object" ? (doc.xml as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

const str = z.union([z.string(), z.number().transform(String)]);

/** The outer callback body: only `Encrypt` matters, the rest is repeated inside. */
export const EnvelopeSchema = z.object({ Encrypt: z.string().min(1) }).passthrough();

/** A decrypted callback: a member's message or an event. */
export const CallbackSchema = z
  .object({
    ToUserName: str,
    FromUserName: str,
    CreateTime: str,
    MsgType: str,
    AgentID: str.optional(),
    MsgId: str.optional(),
    Content: str.optional(),
    MediaId: str.optional(),
    Event: str.optional(),
    EventKey: str.optional(),
    TaskId: str.optional(),
    ResponseCode: str.optional(),
  })
  .passthrough();
export type Callback = z.infer<typeof CallbackSchema>;

/** A pressed template-card button, as needed to mark the card afterwards. */
export type CardClick = { taskId: string; responseCode?: string; label?: string };

export type WecomInbound = { message: InboundMessage; click?: CardClick } | { ignored: string };

/**
 * The key of a card button (`c2:<choice>:<label>`): the choice as `encodeChoice` writes it (with
 * the prompt it belongs to), and its label, so the card can show it after a click and a choice
 * given by position is read back.
 */
export function buttonKey(promptId: string | undefined, choiceId: string, label: string, index = 0): string {
  const choice = encodeURIComponent(encodeChoice(promptId, choiceId, index));
  const key = `c2:${choice}:${encodeURIComponent(label)}`;
  return Buffer.byteLength(key) <= 1024 ? key : `c2:${choice}:`;
}

/** A pressed button's choice (by id, or by its label), its prompt, and its label. */
type PressedKey = { choiceId?: string; text?: string; promptId?: string; label?: string };

function readButtonKey(key: string): PressedKey {
  // `c1:<id>:<label>`: cards sent before buttons carried their prompt.
  const m = /^c([12]):([^:]*):(.*)$/.exec(key);
  if (!m) return { choiceId: key };
  const label = m[3] ? decodeURIComponent(m[3]) : undefined;
  const value = decodeURIComponent(m[2] ?? "");
  const labelled = label ? { label } : {};
  if (m[1] === "1") return { choiceId: value, ...labelled };
  const decoded = decodeChoice(value);
  const promptId = decoded.promptId ? { promptId: decoded.promptId } : {};
  if ("choiceId" in decoded) return { choiceId: decoded.choiceId, ...promptId, ...labelled };
  return { ...(label ? { text: label } : { choiceId: value }), ...promptId, ...labelled };
}

/**
 * Maps a decrypted callback to the channel-neutral message. Platform ids: `msg:<MsgId>` for
 * messages (WeCom's retries repeat it), and for events, which have no MsgId, the fields WeCom
 * repeats on a retry: sender, time, event, task and key.
 */
export function toInbound(c: Callback, receivedAt: Date): WecomInbound {
  const base = { channel: WECOM_CHANNEL, senderId: c.FromUserName, attachments: [], receivedAt };
  switch (c.MsgType) {
    case "text":
      if (!c.MsgId) return { ignored: "text without MsgId" };
      return { message: { ...base, platformMessageId: `msg:${c.MsgId}`, text: c.Content ?? "" } };
    case "image":
      if (!c.MsgId || !c.MediaId) return { ignored: "image without MsgId or MediaId" };
      return {
        message: {
          ...base,
          platformMessageId: `msg:${c.MsgId}`,
          attachments: [{ ref: c.MediaId, name: `${c.MsgId}.jpg` }],
        },
      };
    case "event": {
      const id = `evt:${c.FromUserName}:${c.CreateTime}:${c.Event ?? ""}:${c.TaskId ?? ""}:${c.EventKey ?? ""}`;
      if (c.Event === "template_card_event" && c.EventKey && c.TaskId) {
        const { label, ...choice } = readButtonKey(c.EventKey);
        return {
          message: { ...base, platformMessageId: id, ...choice },
          click: {
            taskId: c.TaskId,
            ...(c.ResponseCode ? { responseCode: c.ResponseCode } : {}),
            ...(label ? { label } : {}),
          },
        };
      }
      // An app menu item of type "click" sends its key: a key such as 自查 works as a command.
      if (c.Event === "click" && c.EventKey)
        return { message: { ...base, platformMessageId: id, text: c.EventKey } };
      return { ignored: `event ${c.Event ?? "?"}` };
    }
    default:
      return { ignored: `message type ${c.MsgType}` };
  }
}
