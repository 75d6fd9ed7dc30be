import { type Logger, pino } from "pino";

export type { Logger };

/**
 * Structured logger. Logs go to stderr so that stdout stays free for command output and
 * the console channel's JSON lines.
 */
export function createLogger(level: string): Logger {
  return pino({ level, base: { app: "xunjian" } }, pino.destination(2));
}
