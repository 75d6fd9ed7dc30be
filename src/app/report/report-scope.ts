import { AppError } from "../../domain/app-error.ts";
import type { AreaNode } from "../../domain/area/area-tree.ts";
import { addDays, isLocalDate, type LocalDate, shanghaiDateTime } from "../../domain/calendar/local-date.ts";
import { Industries, isIndustry } from "../../domain/industry.ts";
import type { ReportFilter } from "../../store/report-store.ts";
import type { Stores } from "../../store/stores.ts";

/** What a report or the ledger is narrowed to, as an operator types it. */
export type ScopeInput = {
  from?: string | null;
  to?: string | null;
  area?: string | null;
  industry?: string | null;
};

/**
 * A checked scope: real dates, an existing area, a known industry, and the instants the dates
 * stand for (`since` the first day's midnight, `before` the midnight after the last day).
 */
export type ReportScope = ReportFilter & {
  from: LocalDate | null;
  to: LocalDate | null;
  areas: AreaNode[];
};

function date(flag: string, value: string | null | undefined): LocalDate | null {
  if (value === undefined || value === null) return null;
  if (!isLocalDate(value))
    throw new AppError("invalid_input", `--${flag} must be a calendar date YYYY-MM-DD; got "${value}"`);
  return value;
}

/** Checks the operator's scope against the database; an unknown area or industry is refused by name. */
export async function resolveScope(s: Stores, input: ScopeInput): Promise<ReportScope> {
  const from = date("from", input.from);
  const to = date("to", input.to);
  if (from !== null && to !== null && from > to)
    throw new AppError("invalid_input", `--from ${from} is after --to ${to}`);
  const industry = input.industry ?? null;
  if (industry !== null && !isIndustry(industry))
    throw new AppError("invalid_input", `Unknown industry "${industry}"; one of ${Industries.join(", ")}`);
  const areas = await s.reports.areas();
  const area = input.area ?? null;
  if (area !== null && !areas.some((a) => a.id === area))
    throw new AppError(
      "not_found",
      `Unknown area "${area}"; known areas: ${areas
        .map((a) => `${a.id} (${a.name})`)
        .sort()
        .join(", ")}`,
    );
  return {
    from,
    to,
    area,
    industry,
    areas,
    since: from === null ? null : shanghaiDateTime(from, "00:00"),
    before: to === null ? null : shanghaiDateTime(addDays(to, 1), "00:00"),
  };
}
