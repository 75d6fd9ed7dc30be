import { randomBytes, timingSafeEqual } from "node:crypto";
import { decrypt, encrypt, getSignature } from "@wecom/crypto";

/** The callback settings of a WeCom self-built app (回调配置). */
export type WecomCallbackKeys = { token: string; aesKey: string; corpId: string };

export type SealedQuery = { msg_signature: string; timestamp: string; nonce: string };

/** Why an envelope was refused. */
export type EnvelopeProblem = "signature" | "decrypt" | "receiver";

/** Compares `sha1(sort(token, timestamp, nonce, encrypted))` with the given signature in constant time. */
export function signatureMatches(
  keys: WecomCallbackKeys,
  q: { signature: string; timestamp: string; nonce: string },
  encrypted: string,
): boolean {
  const expected = Buffer.from(getSignature(keys.token, q.timestamp, q.nonce, encrypted));
  const given = Buffer.from(q.signature.toLowerCase());
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * Opens an encrypted callback payload (the GET echostr or the POST `<Encrypt>`): the signature
 * must match, the AES-256-CBC payload must decrypt, and its receiver id must be our CorpID —
 * @wecom/crypto checks neither, and a wrong key "decrypts" to garbage with an empty id.
 */
export function openEnvelope(
  keys: WecomCallbackKeys,
  q: { signature: string; timestamp: string; nonce: string },
  encrypted: string,
): { ok: true; message: string } | { ok: false; problem: EnvelopeProblem } {
  if (!signatureMatches(keys, q, encrypted)) return { ok: false, problem: "signature" };
  let opened: { message: string; id: string };
  try {
    opened = decrypt(keys.aesKey, encrypted);
  } catch {
    // Malformed ciphertext or padding: the payload is not ours, whatever the library's reason.
    return { ok: false, problem: "decrypt" };
  }
  if (opened.id !== keys.corpId) return { ok: false, problem: "receiver" };
  return { ok: true, message: opened.message };
}

/** Encrypts and signs a payload the way WeCom does (for passive replies and tests). */
export function sealEnvelope(
  keys: WecomCallbackKeys,
  message: string,
  timestamp = String(Math.floor(Date.now() / 1000)),
  nonce = randomBytes(6).toString("hex"),
): { encrypted: string; query: SealedQuery } {
  const encrypted = encrypt(keys.aesKey, message, keys.corpId);
  return {
    encrypted,
    query: { msg_signature: getSignature(keys.token, timestamp, nonce, encrypted), timestamp, nonce },
  };
}
