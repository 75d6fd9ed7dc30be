/** Codes of unexpected or refused operations that cross a use-case boundary. */
export const ErrorCodes = [
  "invalid_content",
  "not_found",
  "forbidden",
  "conflict",
  "invalid_input",
  "channel_failure",
  "internal",
] as const;
export type ErrorCode = (typeof ErrorCodes)[number];

/** The one application error type: a code, a message safe to show a user, and its cause. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "AppError";
  }
}

/** A write refused because someone (another delivery, sweep or process) recorded it first. */
export function isConflict(e: unknown): boolean {
  return e instanceof AppError && e.code === "conflict";
}
