import fs from "node:fs";
import path from "node:path";
import { type DestinationStream, type Logger, pino } from "pino";

export type { Logger };

/**
 * Structured logger. Logs go to stderr so that stdout stays free for command output and
 * the console channel's JSON lines.
 */
export function createLogger(level: string): Logger {
  return pino({ level, base: { app: "xunjian" } }, pino.destination(2));
}

/** Where `xunjian start` and `xunjian chat` keep their log when a person is typing in the terminal. */
export function logFileOf(dataDir: string): string {
  return path.join(dataDir, "logs", "xunjian.log");
}

/**
 * The logger of a command a person types into (the console chat of `start` and `chat`): JSON lines
 * in the middle of the conversation are noise, so every line at `level` goes to `file`, and only
 * warnings and errors also show in the terminal, as one short readable line each.
 */
export function createInteractiveLogger(level: string, file: string): Logger {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const toFile = pino.destination({ dest: file, append: true, sync: true });
  const streams: pino.StreamEntry[] = [{ level: level as pino.Level, stream: toFile }];
  // "silent" turns the terminal off too.
  if (level !== "silent") streams.push({ level: "warn", stream: terminalLines(file) });
  return pino({ level, base: { app: "xunjian" } }, pino.multistream(streams));
}

const LEVEL_NAMES: Record<number, string> = { 40: "warn", 50: "error", 60: "fatal" };

/** A stream that turns a JSON log line into `[warn] message (details in <file>)` on stderr. */
function terminalLines(file: string): DestinationStream {
  return {
    write(line: string) {
      let entry: { level?: number; msg?: string; err?: { message?: string } };
      try {
        entry = JSON.parse(line);
      } catch {
        process.stderr.write(line);
        return;
      }
      const level = LEVEL_NAMES[entry.level ?? 0] ?? "log";
      const reason = entry.err?.message ? `: ${entry.err.message}` : "";
      process.stderr.write(`[${level}] ${entry.msg ?? ""}${reason} (details in ${file})\n`);
    },
  };
}
