/**
 * Every sweep, once, as of a given instant: what a cron tick triggers, what `xunjian tick --at` runs,
 * and what tests call with a fake clock. Each sweep has its own error boundary, so a failing one is
 * logged and the others still run; the next tick tries again from the database.
 */
import type { AppDeps } from "../app/app-deps.ts";
import { runCampaignWork, type WorkReport } from "../app/campaign/run-campaign-work.ts";
import {
  closeFinishedCampaigns,
  DEFAULT_SYNC_OPTIONS,
  type SyncOptions,
  type SyncReport,
  syncCampaigns,
} from "../app/campaign/sync-campaigns.ts";
import { type SweepResult, sweepTickets } from "../app/tickets/sweep-tickets.ts";
import type { CampaignContent } from "../content/campaign-content.ts";
import { type CatchUpPolicy, DEFAULT_CATCH_UP_POLICY } from "../domain/campaign/catch-up.ts";

/** Options of the sweeps (see {@link DEFAULT_SWEEP_OPTIONS}). */
export type SweepOptions = SyncOptions & { policy: CatchUpPolicy };

/**
 * Defaults: campaigns created 30 days before they open; late work sent up to 12 hours late, never
 * after it expired, and not between 21:00 and 07:30 (it waits for the morning).
 */
export const DEFAULT_SWEEP_OPTIONS: SweepOptions = {
  ...DEFAULT_SYNC_OPTIONS,
  policy: DEFAULT_CATCH_UP_POLICY,
};

/** What one round of sweeps did. */
export type SweepReport = {
  at: Date;
  campaigns: SyncReport;
  work: WorkReport;
  /** Deadline reminders and escalations of open tickets. */
  tickets: SweepResult;
  /** Sweeps that threw (logged); the others ran. */
  errors: string[];
};

/** What a job runs with: the app's dependencies, the campaign content and the sweep options. */
export type JobDeps = AppDeps & {
  campaignContent: CampaignContent;
  sweep: SweepOptions;
  /** Optional: told as the work sweep goes, (items done, items due) — `tick`'s progress bar. */
  onWorkProgress?: (done: number, total: number) => void;
};

/**
 * One scheduled job: `id` names it in the log and in {@link SweepReport.errors}; `run` does what is
 * due as of `now`, claiming each piece of work by a deterministic key (so a repeated or concurrent
 * run does nothing twice), and writes what it did into the report.
 */
export type Job = { id: string; run(deps: JobDeps, now: Date, report: SweepReport): Promise<void> };

/**
 * The jobs, in the order they run: create and open campaigns, do their due work (enterprise
 * reminders and leader cards with their follow-ups), close finished ones (after their work had its
 * last look, so work missed at the end is skipped and logged, not lost), then the deadline steps of
 * open tickets.
 */
export const jobs: readonly Job[] = [
  {
    id: "campaigns",
    run: async (deps, now, report) => {
      report.campaigns = await syncCampaigns(deps, deps.campaignContent, now, deps.sweep);
    },
  },
  {
    id: "work",
    run: async (deps, now, report) => {
      report.work = await runCampaignWork(
        deps,
        deps.campaignContent,
        now,
        deps.sweep.policy,
        deps.onWorkProgress,
      );
    },
  },
  {
    id: "close",
    run: async (deps, now, report) => {
      report.campaigns.closed = await closeFinishedCampaigns(deps, now);
    },
  },
  {
    id: "tickets",
    run: async (deps, now, report) => {
      report.tickets = await sweepTickets(deps, now, deps.sweep.policy.quietHours);
    },
  },
];

/**
 * Runs every job once, in order, each inside its own error boundary: a failing job is logged and
 * named in the report's errors, and the others still run.
 */
export async function runSweeps(
  deps: AppDeps,
  content: CampaignContent,
  now: Date,
  options: SweepOptions = DEFAULT_SWEEP_OPTIONS,
  onWorkProgress?: (done: number, total: number) => void,
): Promise<SweepReport> {
  const report: SweepReport = {
    at: now,
    campaigns: { created: [], skipped: [], refreshed: [], opened: [], closed: [] },
    work: { outcomes: [], deferred: 0, failed: [] },
    tickets: { checked: 0, stepsSent: 0 },
    errors: [],
  };
  const jobDeps: JobDeps = {
    ...deps,
    campaignContent: content,
    sweep: options,
    ...(onWorkProgress ? { onWorkProgress } : {}),
  };
  for (const job of jobs) {
    try {
      await job.run(jobDeps, now, report);
    } catch (err) {
      deps.log.error({ err, sweep: job.id }, "sweep failed; the next tick tries again");
      report.errors.push(job.id);
    }
  }
  return report;
}
