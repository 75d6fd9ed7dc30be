import { XMLParser } from "fast-xml-parser";
import { z } from "zod";
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

/** The key of a card button: the choice id, and its label so the card can show it after a click. */
export function buttonKey(choiceId: string, label: string): string {
  const key = `c1:${encodeURIComponent(choiceId)}:${encodeURIComponent(label)}`;
  return Buffer.byteLength(key) <= 1024 ? key : `c1:${encodeURIComponent(choiceId)}:`;
}

function readButtonKey(key: string): { choiceId: string; label?: string } {
  const m = /^c1:([^:]*):(.*)$/.exec(key);
  if (!m) return { choiceId: key };
  const label = m[2] ? decodeURIComponent(m[2]) : undefined;
  return { choiceId: decodeURIComponent(m[1] ?? ""), ...(label ? { label } : {}) };
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
        const { choiceId, label } = readButtonKey(c.EventKey);
        return {
          message: { ...base, platformMessageId: id, choiceId },
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
