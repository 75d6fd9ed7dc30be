import type { ReportTexts } from "../../content/report-texts.ts";
import { isOverdue } from "../../domain/ticket/ticket-lifecycle.ts";
import { readPlan } from "../../domain/ticket/treatment-plan.ts";
import type { AppDeps } from "../app-deps.ts";
import { resolveScope, type ScopeInput } from "./report-scope.ts";

/** One hazard of the ledger (隐患台账), ready to show: labels in Chinese, dates as instants. */
export type LedgerRow = {
  number: string;
  enterprise: string;
  creditCode: string;
  area: string;
  grid: string | null;
  location: string | null;
  description: string | null;
  category: string;
  /** Chinese label, e.g. 重大隐患. */
  grade: string;
  basis: string | null;
  /** Chinese label, e.g. 网格员上报. */
  source: string;
  foundAt: Date;
  foundBy: string | null;
  measures: string | null;
  responsible: string | null;
  deadline: Date;
  funds: string | null;
  contingencyPlan: string | null;
  /** Chinese label, e.g. 已销号. */
  status: string;
  overdue: boolean;
  supervised: boolean;
  rectifiedAt: Date | null;
  closedAt: Date | null;
  beforePhotos: number;
  afterPhotos: number;
};

/**
 * The hazard ledger, one row per ticket by number, optionally narrowed to tickets found between
 * two days and to an area (with its sub-areas) or an industry. A few queries whatever the size:
 * tickets with their enterprise, the people named on them, and their photos.
 */
export async function buildLedgerRows(
  deps: AppDeps,
  filters: ScopeInput = {},
  texts: ReportTexts = deps.content.report,
): Promise<LedgerRow[]> {
  const { tickets, photos, people } = await deps.uow.read(async (s) => {
    const { tickets, photos } = await s.reports.ledger(await resolveScope(s, filters));
    const personIds = [
      ...new Set(
        tickets.flatMap((t) => [t.responsibleId, t.foundById]).filter((id): id is string => id !== null),
      ),
    ];
    return { tickets, photos, people: await s.people.byIds(personIds) };
  });
  const names = new Map(people.map((p) => [p.id, p.name]));
  const counts = new Map<string, { hazard: number; rectification: number }>();
  for (const p of photos) {
    const c = counts.get(p.ticketId) ?? { hazard: 0, rectification: 0 };
    if (p.purpose === "hazard") c.hazard++;
    else c.rectification++;
    counts.set(p.ticketId, c);
  }
  const now = deps.clock.now();
  const label = deps.content.texts;
  const name = (id: string | null) => (id === null ? null : (names.get(id) ?? null));
  return tickets.map((t) => {
    const plan = readPlanSafely(t.treatmentPlan);
    const c = counts.get(t.id);
    return {
      number: t.number,
      enterprise: t.enterprise.name,
      creditCode: t.enterprise.creditCode,
      area: t.areaName,
      grid: t.gridName,
      location: t.location,
      description: t.description ?? t.title,
      category: t.category,
      grade: label.label("grade", t.grade),
      basis: t.basis,
      source: texts.source[t.source],
      foundAt: t.foundAt,
      foundBy: name(t.foundById),
      measures: t.measures ?? plan?.methods ?? null,
      responsible: name(t.responsibleId),
      deadline: t.deadline,
      funds: t.funds ?? plan?.funds ?? null,
      contingencyPlan: t.contingencyPlan ?? plan?.safety ?? null,
      status: texts.status[t.status],
      overdue: isOverdue(t, now),
      supervised: t.supervised,
      rectifiedAt: t.rectifiedAt,
      closedAt: t.closedAt,
      beforePhotos: c?.hazard ?? 0,
      afterPhotos: c?.rectification ?? 0,
    };
  });
}

/** A malformed plan column must not stop the whole ledger; the row shows the ticket's own fields. */
function readPlanSafely(json: string | null): ReturnType<typeof readPlan> {
  try {
    return readPlan(json);
  } catch {
    return null;
  }
}
