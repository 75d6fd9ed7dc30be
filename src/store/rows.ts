import { AppError } from "../domain/app-error.ts";
import type { Enterprise } from "../domain/enterprise.ts";
import type { Person } from "../domain/people/person.ts";
import { isRole } from "../domain/people/role.ts";

/**
 * Parses a closed-set column read back from the database. A value outside the set is data the
 * code cannot handle safely, so it fails loudly rather than being cast.
 */
export function parseClosed<T extends string>(
  column: string,
  value: string,
  isMember: (v: string) => v is T,
): T {
  if (!isMember(value)) throw new AppError("internal", `unexpected ${column} "${value}" in the database`);
  return value;
}

type PersonRow = {
  id: string;
  name: string;
  phone: string;
  role: string;
  enterpriseId: string | null;
  active: boolean;
};

/** A person row as the domain's Person. */
export function toPerson(row: PersonRow): Person {
  return {
    id: row.id,
    name: row.name,
    phone: row.phone,
    role: parseClosed("person role", row.role, isRole),
    enterpriseId: row.enterpriseId,
    active: row.active,
  };
}

/** An enterprise row as the domain's Enterprise. */
export function toEnterprise(row: Enterprise & Record<string, unknown>): Enterprise {
  return {
    id: row.id,
    creditCode: row.creditCode,
    name: row.name,
    industry: row.industry,
    supervisionClass: row.supervisionClass,
    areaId: row.areaId,
    gridId: row.gridId,
    address: row.address,
  };
}
