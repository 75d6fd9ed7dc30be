import type { Command } from "commander";
import { formatShanghai, parseShanghaiInstant } from "../../scheduler/shanghai-instant.ts";
import { printJson, withApp } from "../cli-context.ts";
import { CliError } from "../cli-error.ts";

/**
 * `xunjian tick --at <time>`: runs every sweep once as if it were that time (campaigns created,
 * opened and closed; due reminders and cards put in the outbox, or skipped by the catch-up policy).
 * The running product's dispatcher delivers what was enqueued.
 */
export function registerTick(program: Command): void {
  program
    .command("tick")
    .description("run every due sweep once as of the given time (no zone given: Asia/Shanghai)")
    .requiredOption("--at <time>", "e.g. 2026-09-24T09:07, 2026-09-24 09:07 or 2026-09-24T01:07:00Z")
    .option("--json", "print JSON")
    .action(async (opts: { at: string; json?: boolean }) => {
      const at = parseShanghaiInstant(opts.at);
      if (!at) throw new CliError("invalid_time", { option: "--at", value: opts.at });
      const [{ FixedClock }, { schedulerOptionsFrom }, { runSweeps }, { progressBar }] = await Promise.all([
        import("../../domain/clock.ts"),
        import("../../scheduler/scheduler.ts"),
        import("../../scheduler/sweeps.ts"),
        import("../progress.ts"),
      ]);
      await withApp(
        async (app) => {
          // A sweep over thousands of enterprises shows how far it got (on a terminal, without --json).
          const bar = progressBar("tick: campaign work", { json: opts.json ?? false });
          const report = await runSweeps(
            app.deps,
            app.deps.content.campaigns,
            at,
            schedulerOptionsFrom(app.deps.config),
            bar.update,
          );
          bar.done();
          if (opts.json) {
            printJson(report);
            return;
          }
          const c = report.campaigns;
          const out = [`Sweeps as of ${formatShanghai(at)} (Asia/Shanghai)`];
          const list = (label: string, keys: string[]) => {
            if (keys.length > 0) out.push(`  ${label}: ${keys.join(", ")}`);
          };
          list("campaigns created", c.created);
          list("campaigns skipped (deadline over when created)", c.skipped);
          list("campaigns refreshed", c.refreshed);
          list("campaigns opened", c.opened);
          list("campaigns closed", c.closed);
          for (const o of report.work.outcomes)
            out.push(
              `  ${o.outcome === "sent" ? "sent   " : "skipped"} ${formatShanghai(o.dueAt)}  ${o.key}${o.outcome === "sent" ? `  (${o.messages} messages)` : `  (${o.reason})`}`,
            );
          if (report.tickets.stepsSent > 0)
            out.push(
              `  ticket deadline steps sent: ${report.tickets.stepsSent} (of ${report.tickets.checked} open tickets)`,
            );
          if (report.work.deferred > 0) out.push(`  deferred until quiet hours end: ${report.work.deferred}`);
          list("failed (see log; retried next tick)", [...report.work.failed, ...report.errors]);
          if (out.length === 1) out.push("  nothing due");
          process.stdout.write(`${out.join("\n")}\n`);
          if (report.errors.length > 0 || report.work.failed.length > 0) process.exitCode = 1;
        },
        { clock: new FixedClock(at) },
      );
    });
}
