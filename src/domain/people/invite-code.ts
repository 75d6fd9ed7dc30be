import { randomInt } from "node:crypto";

/** Letters and digits that cannot be misread for one another (no 0/O, 1/I/L). */
const ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

/** A fresh single-use binding code, 8 characters, about 40 bits of entropy. */
export function newInviteCode(): string {
  return Array.from({ length: 8 }, () => ALPHABET.charAt(randomInt(ALPHABET.length))).join("");
}

/** Codes are read aloud and typed on phones: compare without case or spaces. */
export function normaliseInviteCode(raw: string): string {
  return raw.replace(/\s+/g, "").toUpperCase();
}
