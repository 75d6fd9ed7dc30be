import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fill } from "../../content/report-texts.ts";
import { AppError } from "../../domain/app-error.ts";
import { addDays, isLocalDate, type LocalDate, shanghaiDateTime } from "../../domain/calendar/local-date.ts";
import { type Grade, Grades } from "../../domain/checklist/checklist.ts";
import { isIndustry } from "../../domain/industry.ts";
import type { TicketWithEnterprise } from "../../domain/ticket/ticket.ts";
import { OPEN_STATUSES } from "../../domain/ticket/ticket-lifecycle.ts";
import {
  type TicketSource,
  TicketSources,
  type TicketStatus,
  TicketStatuses,
} from "../../domain/ticket/ticket-status.ts";
import type { TicketSearch } from "../../store/ticket-store.ts";
import type { AppDeps } from "../app-deps.ts";
import type { Viewer } from "./viewer.ts";

/** Tickets on one page of the console's ledger. */
export const LEDGER_PAGE_SIZE = 50;

/** The ledger's filters as the page's form sends them; `status` may also be `unclosed`. */
export type LedgerQuery = {
  status?: TicketStatus | "unclosed";
  grade?: Grade;
  industry?: string;
  area?: string;
  source?: TicketSource;
  overdue?: boolean;
  from?: LocalDate;
  to?: LocalDate;
  q?: string;
  page: number;
};

const pick = <T extends string>(values: readonly T[], v: string | undefined): T | undefined =>
  values.find((x) => x === v);

/** Reads the ledger's filters from a query string; a value outside its list is left out, a bad date refused. */
export function parseLedgerQuery(deps: AppDeps, raw: Record<string, string>): LedgerQuery {
  const t = deps.content.web.errors;
  const date = (v: string | undefined): LocalDate | undefined => {
    if (v === undefined) return undefined;
    if (!isLocalDate(v)) throw new AppError("invalid_input", fill(t.bad_date, { value: v }));
    return v;
  };
  const from = date(raw.from);
  const to = date(raw.to);
  if (from && to && from > to) throw new AppError("invalid_input", t.bad_range);
  const page = Math.max(1, Math.floor(Number(raw.page ?? 1)) || 1);
  const q = raw.q?.trim().slice(0, 100);
  return {
    ...(pick([...TicketStatuses, "unclosed" as const], raw.status)
      ? { status: pick([...TicketStatuses, "unclosed" as const], raw.status) }
      : {}),
    ...(pick(Grades, raw.grade) ? { grade: pick(Grades, raw.grade) } : {}),
    ...(raw.industry && isIndustry(raw.industry) ? { industry: raw.industry } : {}),
    ...(raw.area ? { area: raw.area } : {}),
    ...(pick(TicketSources, raw.source) ? { source: pick(TicketSources, raw.source) } : {}),
    ...(raw.overdue === "1" ? { overdue: true } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    ...(q ? { q } : {}),
    page,
  };
}

/** The query string of a ledger query (for paging links and the export). */
export function ledgerQueryString(q: LedgerQuery, page = q.page): string {
  const params = new URLSearchParams();
  for (const key of ["status", "grade", "industry", "area", "source", "from", "to", "q"] as const) {
    const v = q[key];
    if (v) params.set(key, v);
  }
  if (q.overdue) params.set("overdue", "1");
  if (page > 1) params.set("page", String(page));
  return params.toString();
}

/** The store's search for a ledger query, as of `now` for the overdue filter. */
export function searchOf(q: LedgerQuery, now: Date): TicketSearch {
  return {
    ...(q.status === "unclosed"
      ? { statuses: [...OPEN_STATUSES, "submitted" as const] }
      : q.status
        ? { statuses: [q.status] }
        : {}),
    ...(q.grade ? { grade: q.grade } : {}),
    ...(q.source ? { source: q.source } : {}),
    ...(q.industry ? { industry: q.industry } : {}),
    ...(q.area ? { areaIds: [q.area] } : {}),
    ...(q.overdue ? { overdueAt: now } : {}),
    ...(q.from ? { foundSince: shanghaiDateTime(q.from, "00:00") } : {}),
    ...(q.to ? { foundBefore: shanghaiDateTime(addDays(q.to, 1), "00:00") } : {}),
    ...(q.q ? { text: q.q } : {}),
  };
}

/** One page of the ledger: the viewer's tickets that match, newest found first. */
export type LedgerPage = { total: number; page: number; pages: number; tickets: TicketWithEnterprise[] };

/** 隐患台账 in the console: the tickets of the viewer's scope that match the filters, a page at a time. */
export async function listLedger(deps: AppDeps, viewer: Viewer, q: LedgerQuery): Promise<LedgerPage> {
  const search = searchOf(q, deps.clock.now());
  const { total, tickets } = await deps.uow.read((s) =>
    s.tickets.search(viewer.scope, search, {
      offset: (q.page - 1) * LEDGER_PAGE_SIZE,
      limit: LEDGER_PAGE_SIZE,
    }),
  );
  return { total, page: q.page, pages: Math.max(1, Math.ceil(total / LEDGER_PAGE_SIZE)), tickets };
}

/**
 * The XLSX ledger of the current filters, written by the report's ledger code (same columns and
 * format as `xunjian ledger`): the period, area and industry narrow the ledger itself, and only the
 * tickets of the viewer's scope that match the other filters are kept. Returns the file's bytes.
 */
export async function exportLedger(deps: AppDeps, viewer: Viewer, q: LedgerQuery): Promise<Buffer> {
  const search = searchOf(q, deps.clock.now());
  const { numbers, knownArea } = await deps.uow.read(async (s) => ({
    numbers: await s.tickets.numbersMatching(viewer.scope, search),
    knownArea: q.area === undefined || (await s.enterprises.area(q.area)) !== null,
  }));
  if (!knownArea) throw new AppError("not_found", deps.content.web.errors.unknown_area);
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "xunjian-ledger-"));
  const file = path.join(dir, "ledger.xlsx");
  try {
    // exceljs is loaded with the first export, not with the console.
    const { exportLedgerWorkbook } = await import("../report/export-ledger.ts");
    await exportLedgerWorkbook(
      deps,
      { from: q.from ?? null, to: q.to ?? null, area: q.area ?? null, industry: q.industry ?? null },
      file,
      { keepHazard: (row) => numbers.has(row.number), viewer: viewer.scope },
    );
    return await fs.readFile(file);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}
