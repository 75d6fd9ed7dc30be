import { createHash, randomBytes } from "node:crypto";

/** A fresh random token for a link or a cookie: 256 bits, URL-safe. */
export function newWebToken(): string {
  return randomBytes(32).toString("base64url");
}

/** What the database keeps of a token: its sha256, so a copy of the database opens nothing. */
export function hashWebToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Whether a string can be a token at all (refused before any database work). */
export function looksLikeWebToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}
