/**
 * The code that opens an inspection of one enterprise: printed as a QR code at its gate
 * (`xunjian qr`), carried by a Telegram deep link (`t.me/<bot>?start=insp-…`), or typed as a code
 * word elsewhere. It is the enterprise's credit code behind a prefix: nothing to store, stable,
 * and not a secret (scanning it still needs an account whose scope holds the enterprise).
 */
export const INSPECTION_CODE_PREFIX = "insp-";

/** The code of an enterprise, e.g. insp-91320505MA00000018 (fits Telegram's 64-character start payload). */
export function inspectionCode(creditCode: string): string {
  return `${INSPECTION_CODE_PREFIX}${creditCode}`;
}

/**
 * The credit code an inspection code names, in a text that is the code alone, `/start <code>`
 * (Telegram's deep link as it arrives) or a command word followed by it; null otherwise.
 */
export function parseInspectionCode(text: string): string | null {
  const m = /^(?:\/start\s+)?insp-([0-9A-Za-z]{18})$/i.exec(text.trim());
  return m?.[1] ? m[1].toUpperCase() : null;
}

/** The Telegram deep link that sends `/start <code>` to the bot. */
export function telegramDeepLink(botUsername: string, code: string): string {
  return `https://t.me/${botUsername.replace(/^@/, "")}?start=${code}`;
}
