import cron, { type ScheduledTask } from "node-cron";
import type { AppDeps } from "../app/app-deps.ts";
import type { Config } from "../config.ts";
import type { CampaignContent } from "../content/campaign-content.ts";
import { DEFAULT_SWEEP_OPTIONS, runSweeps, type SweepOptions, type SweepReport } from "./sweeps.ts";

/** Scheduler options: the sweep options plus the cron pattern that triggers them. */
export type SchedulerOptions = SweepOptions & {
  /** node-cron pattern; default every minute (send times are minutes, e.g. 09:07). */
  cron: string;
};

/** Defaults: every minute, with {@link DEFAULT_SWEEP_OPTIONS}. */
export const DEFAULT_SCHEDULER_OPTIONS: SchedulerOptions = { ...DEFAULT_SWEEP_OPTIONS, cron: "* * * * *" };

/** The options the operator set through the environment (see config.ts), over the defaults. */
export function schedulerOptionsFrom(config: Pick<Config, "scheduler">): SchedulerOptions {
  const s = config.scheduler;
  return {
    ...DEFAULT_SCHEDULER_OPTIONS,
    createAheadDays: s.createAheadDays,
    policy: {
      ...DEFAULT_SCHEDULER_OPTIONS.policy,
      maxLatenessMs: s.maxLatenessMinutes * 60_000,
      quietHours: s.quietHours,
    },
  };
}

/**
 * Triggers the sweeps: once at start (catching up what fell due while the process was down), then on
 * every cron tick in Asia/Shanghai, never two at once. The timer is only a trigger: what is due is
 * decided from the database each time, so a missed or doubled tick changes nothing.
 */
export class Scheduler {
  private task: ScheduledTask | undefined;
  private running: Promise<SweepReport | undefined> | undefined;

  constructor(
    private readonly deps: AppDeps,
    private readonly content: CampaignContent,
    private readonly options: SchedulerOptions = DEFAULT_SCHEDULER_OPTIONS,
  ) {}

  /** Runs one round now, unless one is running (then waits for it). Errors are logged, not thrown. */
  async tick(): Promise<SweepReport | undefined> {
    if (this.running) return this.running;
    this.running = runSweeps(this.deps, this.content, this.deps.clock.now(), this.options)
      .catch((err: unknown) => {
        this.deps.log.error({ err }, "scheduler tick failed");
        return undefined;
      })
      .finally(() => {
        this.running = undefined;
      });
    return this.running;
  }

  /** Catches up, then ticks on the cron pattern until stopped. */
  async start(): Promise<void> {
    await this.tick();
    this.task = cron.schedule(this.options.cron, () => this.tick(), {
      name: "xunjian-sweeps",
      timezone: "Asia/Shanghai",
      noOverlap: true,
    });
  }

  /** Stops ticking and waits for a running round to finish. */
  async stop(): Promise<void> {
    await this.task?.destroy();
    this.task = undefined;
    await this.running;
  }
}
