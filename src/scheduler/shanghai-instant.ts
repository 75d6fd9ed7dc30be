import { isLocalDate, shanghaiDateTime } from "../domain/calendar/local-date.ts";

const WITH_ZONE = /(Z|[+-]\d{2}:?\d{2})$/i;
const LOCAL = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?)?$/;

/**
 * An instant from operator input: an ISO time with a zone as written (`2026-09-24T09:07:00+08:00`,
 * `…Z`), and without one as Asia/Shanghai wall-clock time whatever the server's zone
 * (`2026-09-24T09:07`, `2026-09-24 09:07`, `2026-09-24` = midnight). Undefined when unreadable.
 */
export function parseShanghaiInstant(text: string): Date | undefined {
  const s = text.trim();
  if (WITH_ZONE.test(s)) {
    const d = new Date(s);
    return Number.isNaN(d.getTime()) ? undefined : d;
  }
  const m = LOCAL.exec(s);
  if (!m?.[1] || !isLocalDate(m[1])) return undefined;
  try {
    const base = shanghaiDateTime(m[1], m[2] ?? "00:00");
    const seconds = Number(m[3] ?? 0);
    const ms = Number((m[4] ?? "0").padEnd(3, "0"));
    if (seconds > 59) return undefined;
    return new Date(base.getTime() + seconds * 1000 + ms);
  } catch {
    return undefined;
  }
}

/** `YYYY-MM-DD HH:mm` of an instant in Asia/Shanghai, for operator output. */
export function formatShanghai(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace("T", " ");
}
