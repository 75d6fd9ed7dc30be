import { TicketSources } from "../ticket/ticket-status.ts";
import type { PeriodBounds } from "./report-period.ts";

/** Hazards of one source (企业自查, 网格员上报, 监督检查) and how many of them were closed. */
export type SourceFigures = {
  /** Found in the period. */
  found: number;
  /** Of those, closed (销号) at the report moment. */
  rectified: number;
  /** rectified ÷ found, 4 decimals; null when nothing was found. */
  rectificationRate: number | null;
};

/** The figures of one slice of a report (all of it, one industry, one area). JSON keys are public. */
export type Figures = {
  /** 家次: distinct (enterprise, Shanghai day) pairs with a submitted self-check or a grid report / inspection. */
  enterprisesChecked: number;
  /** Distinct (enterprise, Shanghai day) pairs with a submitted self-check run. */
  selfCheckEnterpriseDays: number;
  /** Distinct (enterprise, Shanghai day) pairs with a grid report or inspection ticket found. */
  inspectionEnterpriseDays: number;
  selfChecksSubmitted: number;
  selfCheckEnterprises: number;
  hazardsFound: number;
  major: number;
  general: number;
  /** Found in the period and closed (销号) by the report moment. */
  rectified: number;
  /** rectified ÷ hazardsFound, 4 decimals; null when nothing was found. */
  rectificationRate: number | null;
  /** Found in the period, not closed at the report moment, deadline before it. */
  overdue: number;
  /** Found in the period and returned at least once by the report moment. */
  returned: number;
  /** Mean days from found to closed over `rectified`, 2 decimals; null when none. */
  averageDaysToRectify: number | null;
  /** Major hazards found in the period and closed by the report moment. */
  majorRectified: number;
  /** majorRectified ÷ major (重大隐患整改率), 4 decimals; null when no major hazard was found. */
  majorRectificationRate: number | null;
  /** 剩余未整改: found in the period and not closed at the report moment (hazardsFound − rectified). */
  unrectified: number;
  /** The hazards found split by where they came from. */
  bySource: Record<(typeof TicketSources)[number], SourceFigures>;
};

/** A submitted self-check run; `campaignId` when it was run for a campaign. */
export type RunRow = { enterpriseId: string; submittedAt: Date; campaignId?: string | null };

/** A ticket's events that matter to the figures. */
export type TicketEventRow = { kind: string; at: Date };

/** A hazard ticket as the statistics read it. */
export type TicketRow = {
  number: string;
  enterpriseId: string;
  source: string;
  grade: string;
  title: string;
  foundAt: Date;
  deadline: Date;
  closedAt: Date | null;
  /** At least its "passed", "returned" and "reopened" events; others are ignored. */
  events: readonly TicketEventRow[];
};

/**
 * A run as the report's one pass reads it: the instant in epoch ms. A report reads tens of
 * thousands of rows; a number per instant instead of a `Date` object is most of its cost saved.
 */
export type ReportRun = { enterpriseId: string; submittedAt: number };

/** A ticket event as the report's one pass reads it, `at` in epoch ms. */
export type ReportTicketEvent = { kind: string; at: number };

/** A ticket as the report's one pass reads it: instants in epoch ms (see `ReportRun`). */
export type ReportTicket = {
  /** Listed for major hazards only (those still open): may be null for the others. */
  number: string | null;
  enterpriseId: string;
  source: string;
  grade: string;
  /** As `number`. */
  title: string | null;
  foundAt: number;
  deadline: number;
  closedAt: number | null;
  /** At least its "passed", "returned" and "reopened" events; others are ignored. */
  events: readonly ReportTicketEvent[];
};

/** A run with its instant as epoch ms, for the report's pass. */
export function reportRun(run: RunRow): ReportRun {
  return { enterpriseId: run.enterpriseId, submittedAt: run.submittedAt.getTime() };
}

/** A ticket with its instants as epoch ms, for the report's pass. */
export function reportTicket(ticket: TicketRow): ReportTicket {
  return {
    number: ticket.number,
    enterpriseId: ticket.enterpriseId,
    source: ticket.source,
    grade: ticket.grade,
    title: ticket.title,
    foundAt: ticket.foundAt.getTime(),
    deadline: ticket.deadline.getTime(),
    closedAt: ticket.closedAt === null ? null : ticket.closedAt.getTime(),
    events: ticket.events.map((e) => ({ kind: e.kind, at: e.at.getTime() })),
  };
}

const DAY_MS = 24 * 60 * 60 * 1000;
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

/** The Asia/Shanghai day of an instant as a day number (days since 1970-01-01), for cheap pair keys. */
export function shanghaiDayNumber(ms: number): number {
  return Math.floor((ms + SHANGHAI_OFFSET_MS) / DAY_MS);
}

/**
 * When the close in effect at `moment` happened, or null when the ticket is not closed then.
 *
 * The review use case writes a `passed` event on 销号 and clears `closedAt` on a reopen, so the
 * history is read from the `passed` / `reopened` events: the last of them up to the moment decides.
 * A ticket without any `passed` event (imported, or closed before events were kept) falls back to
 * `closedAt`, undone by a `reopened` event between that close and the moment.
 */
export function closedAsOf(ticket: TicketRow, moment: Date): Date | null {
  const closed = closedMsAsOf(reportTicket(ticket), moment.getTime());
  return closed === null ? null : new Date(closed);
}

/** `closedAsOf` over a report ticket, instants in epoch ms. */
export function closedMsAsOf(ticket: ReportTicket, until: number): number | null {
  const events = ticket.events;
  let passed = false;
  for (const e of events)
    if (e.kind === "passed") {
      passed = true;
      break;
    }
  if (passed) {
    let last: ReportTicketEvent | null = null;
    for (const e of events) {
      if ((e.kind !== "passed" && e.kind !== "reopened") || e.at > until) continue;
      if (last === null || e.at >= last.at) last = e;
    }
    return last?.kind === "passed" ? last.at : null;
  }
  const closed = ticket.closedAt;
  if (closed === null || closed > until) return null;
  for (const e of events) if (e.kind === "reopened" && e.at > closed && e.at <= until) return null;
  return closed;
}

export function round(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}

/** part ÷ whole with 4 decimals, as every rate of the report is given; null when whole is 0. */
export function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : round(part / whole, 4);
}

/** What one ticket adds to every slice that counts it, worked out once per ticket. */
export type TicketFacts = {
  major: boolean;
  /** Index in `TicketSources`, or -1 for a source the figures do not split out. */
  source: number;
  /** Whether the ticket counts as a visit (grid report or inspection). */
  visit: boolean;
  rectified: boolean;
  daysToRectify: number;
  overdue: boolean;
  returned: boolean;
};

/** The facts of a ticket at the report moment (closed, overdue, returned), read from its history. */
export function ticketFacts(ticket: ReportTicket, atMoment: number): TicketFacts {
  const closed = closedMsAsOf(ticket, atMoment);
  let returned = false;
  for (const e of ticket.events)
    if (e.kind === "returned" && e.at <= atMoment) {
      returned = true;
      break;
    }
  return {
    major: ticket.grade === "major",
    source: (TicketSources as readonly string[]).indexOf(ticket.source),
    visit: ticket.source === "grid_report" || ticket.source === "inspection",
    rectified: closed !== null,
    daysToRectify: closed === null ? 0 : (closed - ticket.foundAt) / DAY_MS,
    overdue: closed === null && ticket.deadline < atMoment,
    returned,
  };
}

/**
 * Running counts of one slice, fed row by row. Distinct counts (家次, enterprises that self-checked)
 * are decided by the caller, which sees every row of an enterprise and tells each slice once.
 */
export class FigureTally {
  checkedDays = 0;
  selfCheckDays = 0;
  inspectionDays = 0;
  runs = 0;
  runEnterprises = 0;
  found = 0;
  major = 0;
  rectified = 0;
  majorRectified = 0;
  overdue = 0;
  returned = 0;
  daysSum = 0;
  readonly sourceFound = TicketSources.map(() => 0);
  readonly sourceRectified = TicketSources.map(() => 0);

  addTicket(f: TicketFacts): void {
    this.found++;
    if (f.major) this.major++;
    if (f.source >= 0) this.sourceFound[f.source] = (this.sourceFound[f.source] ?? 0) + 1;
    if (f.rectified) {
      this.rectified++;
      this.daysSum += f.daysToRectify;
      if (f.major) this.majorRectified++;
      if (f.source >= 0) this.sourceRectified[f.source] = (this.sourceRectified[f.source] ?? 0) + 1;
    }
    if (f.overdue) this.overdue++;
    if (f.returned) this.returned++;
  }

  figures(): Figures {
    const bySource = Object.fromEntries(
      TicketSources.map((s, i) => {
        const found = this.sourceFound[i] ?? 0;
        const rectified = this.sourceRectified[i] ?? 0;
        return [s, { found, rectified, rectificationRate: ratio(rectified, found) }];
      }),
    ) as Figures["bySource"];
    return {
      enterprisesChecked: this.checkedDays,
      selfCheckEnterpriseDays: this.selfCheckDays,
      inspectionEnterpriseDays: this.inspectionDays,
      selfChecksSubmitted: this.runs,
      selfCheckEnterprises: this.runEnterprises,
      hazardsFound: this.found,
      major: this.major,
      general: this.found - this.major,
      rectified: this.rectified,
      rectificationRate: ratio(this.rectified, this.found),
      overdue: this.overdue,
      returned: this.returned,
      averageDaysToRectify: this.rectified === 0 ? null : round(this.daysSum / this.rectified, 2),
      majorRectified: this.majorRectified,
      majorRectificationRate: ratio(this.majorRectified, this.major),
      unrectified: this.found - this.rectified,
      bySource,
    };
  }
}

/** A slice of a report: its tally and the instants it counts, `[start, end)` in ms. */
export type Slice = { tally: FigureTally; start: number; end: number };

/**
 * The one pass over the rows: every run and ticket is looked at once, its facts worked out once,
 * and added to each slice of its enterprise whose window holds it. `slicesOf` gives an enterprise's
 * slices (none: the row is out of scope). Slices' windows are whole Shanghai days, so an
 * (enterprise, day) pair is in a slice's window or not whatever the instant in that day.
 */
export function tallyRows(
  slicesOf: (enterpriseId: string) => readonly Slice[] | undefined,
  runs: readonly ReportRun[],
  tickets: Iterable<ReportTicket>,
  moment: Date,
  /** Told every ticket as it passes, for what a caller keeps aside. */
  seen?: (ticket: ReportTicket) => void,
): void {
  const atMoment = moment.getTime();
  // Pair keys per kind; a pair is told to the slices the first time it is seen, in any window.
  // A key is a number (enterprise index × 2^20 + day number): cheaper to make and hash than a string.
  const selfCheckPairs = new Set<number>();
  const inspectionPairs = new Set<number>();
  const anyPairs = new Set<number>();
  const indexOf = new Map<string, number>();
  // (enterprise, slice) already counted among selfCheckEnterprises, by slice tally.
  const runEnterprises = new Map<FigureTally, Set<string>>();

  const tellPair = (
    slices: readonly Slice[],
    enterpriseId: string,
    ms: number,
    own: Set<number>,
    kind: "selfCheckDays" | "inspectionDays",
  ) => {
    let index = indexOf.get(enterpriseId);
    if (index === undefined) {
      index = indexOf.size;
      indexOf.set(enterpriseId, index);
    }
    const key = index * 2 ** 20 + shanghaiDayNumber(ms);
    if (own.has(key)) return;
    own.add(key);
    const first = !anyPairs.has(key);
    if (first) anyPairs.add(key);
    for (const s of slices) {
      if (ms < s.start || ms >= s.end) continue;
      s.tally[kind]++;
      if (first) s.tally.checkedDays++;
    }
  };

  for (const run of runs) {
    const slices = slicesOf(run.enterpriseId);
    if (!slices) continue;
    const ms = run.submittedAt;
    let inAny = false;
    for (const s of slices) {
      if (ms < s.start || ms >= s.end) continue;
      inAny = true;
      s.tally.runs++;
      let seen = runEnterprises.get(s.tally);
      if (!seen) {
        seen = new Set();
        runEnterprises.set(s.tally, seen);
      }
      if (!seen.has(run.enterpriseId)) {
        seen.add(run.enterpriseId);
        s.tally.runEnterprises++;
      }
    }
    if (inAny) tellPair(slices, run.enterpriseId, ms, selfCheckPairs, "selfCheckDays");
  }

  for (const ticket of tickets) {
    seen?.(ticket);
    const slices = slicesOf(ticket.enterpriseId);
    if (!slices) continue;
    const ms = ticket.foundAt;
    let facts: TicketFacts | null = null;
    for (const s of slices) {
      if (ms < s.start || ms >= s.end) continue;
      facts ??= ticketFacts(ticket, atMoment);
      s.tally.addTicket(facts);
    }
    if (facts?.visit) tellPair(slices, ticket.enterpriseId, ms, inspectionPairs, "inspectionDays");
  }
}

/**
 * The figures over the given runs and tickets, which the caller has already narrowed to one
 * slice's enterprises; rows outside the period are ignored here.
 */
export function computeFigures(
  runs: readonly RunRow[],
  tickets: readonly TicketRow[],
  bounds: PeriodBounds,
  moment: Date,
): Figures {
  const slice: Slice = {
    tally: new FigureTally(),
    start: bounds.start.getTime(),
    end: bounds.endExclusive.getTime(),
  };
  const slices = [slice];
  tallyRows(() => slices, runs.map(reportRun), tickets.map(reportTicket), moment);
  return slice.tally.figures();
}
