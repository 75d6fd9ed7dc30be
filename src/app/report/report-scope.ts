import { AppError } from "../../domain/app-error.ts";
import { type AreaNode, subtreeIds } from "../../domain/area/area-tree.ts";
import { addDays, isLocalDate, type LocalDate, shanghaiDateTime } from "../../domain/calendar/local-date.ts";
import { Industries, isIndustry } from "../../domain/industry.ts";
import type { Prisma } from "../../generated/prisma/client.ts";
import type { Tx } from "../../store/database.ts";

/** What a report or the ledger is narrowed to, as an operator types it. */
export type ScopeInput = {
  from?: string | null;
  to?: string | null;
  area?: string | null;
  industry?: string | null;
};

/** A checked scope: real dates, an existing area, a known industry. */
export type Scope = {
  from: LocalDate | null;
  to: LocalDate | null;
  area: string | null;
  industry: string | null;
  areas: AreaNode[];
  /** Enterprises in scope, as a Prisma filter. */
  enterpriseWhere: Prisma.EnterpriseWhereInput;
  /** foundAt within the dates given, as a Prisma filter. */
  foundAtWhere: Prisma.DateTimeFilter | undefined;
};

function date(flag: string, value: string | null | undefined): LocalDate | null {
  if (value === undefined || value === null) return null;
  if (!isLocalDate(value))
    throw new AppError("invalid_input", `--${flag} must be a calendar date YYYY-MM-DD; got "${value}"`);
  return value;
}

/** Checks the operator's scope against the database; an unknown area or industry is refused by name. */
export async function resolveScope(db: Tx, input: ScopeInput): Promise<Scope> {
  const from = date("from", input.from);
  const to = date("to", input.to);
  if (from !== null && to !== null && from > to)
    throw new AppError("invalid_input", `--from ${from} is after --to ${to}`);
  const industry = input.industry ?? null;
  if (industry !== null && !isIndustry(industry))
    throw new AppError("invalid_input", `Unknown industry "${industry}"; one of ${Industries.join(", ")}`);
  const areas = await db.area.findMany({ select: { id: true, name: true, parentId: true } });
  const area = input.area ?? null;
  if (area !== null && !areas.some((a) => a.id === area))
    throw new AppError(
      "not_found",
      `Unknown area "${area}"; known areas: ${areas
        .map((a) => `${a.id} (${a.name})`)
        .sort()
        .join(", ")}`,
    );
  const enterpriseWhere: Prisma.EnterpriseWhereInput = {
    ...(area === null ? {} : { areaId: { in: [...subtreeIds(areas, area)] } }),
    ...(industry === null ? {} : { industry }),
  };
  const foundAtWhere =
    from === null && to === null
      ? undefined
      : {
          ...(from === null ? {} : { gte: shanghaiDateTime(from, "00:00") }),
          ...(to === null ? {} : { lt: shanghaiDateTime(addDays(to, 1), "00:00") }),
        };
  return { from, to, area, industry, areas, enterpriseWhere, foundAtWhere };
}
