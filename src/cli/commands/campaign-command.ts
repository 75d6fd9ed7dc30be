import type { Command } from "commander";
import { CAMPAIGN_STATUSES, isCampaignStatus } from "../../domain/campaign/campaign-status.ts";
import { printJson, withApp } from "../cli-context.ts";
import { CliError } from "../cli-error.ts";
import { calendarFailure, parseYear } from "./calendar-command.ts";

/** `xunjian campaign plan|create|list|cancel`. */
export function registerCampaign(program: Command): void {
  const campaign = program.command("campaign").description("holiday and supervision-period campaigns");

  campaign
    .command("plan")
    .description("print the campaigns the templates give for a year, with every date (nothing is written)")
    .requiredOption("--year <y>", "the year")
    .option("--json", "print JSON")
    .action(async (opts: { year: string; json?: boolean }) => {
      const [{ planFor }, { loadConfig }, { requireCampaignContent }, { getHolidays }, { planText }] =
        await Promise.all([
          import("../../app/campaign/manage-campaigns.ts"),
          import("../../config.ts"),
          import("../../content/validate-all-content.ts"),
          import("../../domain/calendar/index.ts"),
          import("./campaign-plan-text.ts"),
        ]);
      const config = loadConfig();
      const year = parseYear(opts.year);
      const content = requireCampaignContent(config.promptsDir);
      try {
        const { plans, problems } = planFor(content, year);
        const warnings = getHolidays(year, content.calendar).warnings.map((w) => w.message);
        if (opts.json) {
          printJson({ year, campaigns: plans, problems, warnings });
          return;
        }
        const out = [`Campaigns of ${year} (dates in Asia/Shanghai):`, ""];
        for (const plan of plans) out.push(planText(content, plan), "");
        for (const w of warnings) out.push(`warning: ${w}`);
        for (const p of problems) out.push(`problem: ${p}`);
        process.stdout.write(`${out.join("\n").trimEnd()}\n`);
        if (problems.length > 0) process.exitCode = 1;
      } catch (e) {
        calendarFailure(e);
      }
    });

  campaign
    .command("create")
    .description("create a campaign by hand from a template (the scheduler creates planned ones by itself)")
    .requiredOption("--template <id>", "template id, e.g. national_day")
    .requiredOption("--year <y>", "the year")
    .option("--key <key>", "campaign key (default <year>-<template>)")
    .option("--name <name>", "campaign name (default from the template)")
    .option("--opens <date>", "opening day YYYY-MM-DD")
    .option("--deadline <date>", "self-check deadline YYYY-MM-DD")
    .option("--starts <date>", "first day of the holiday or period")
    .option("--ends <date>", "last day of the holiday or period")
    .action(
      async (opts: {
        template: string;
        year: string;
        key?: string;
        name?: string;
        opens?: string;
        deadline?: string;
        starts?: string;
        ends?: string;
      }) => {
        const { createCampaign } = await import("../../app/campaign/manage-campaigns.ts");
        await withApp(async ({ deps }) => {
          const content = deps.content.campaigns;
          const created = await createCampaign(deps, content, {
            templateId: opts.template,
            year: parseYear(opts.year),
            ...(opts.key ? { key: opts.key } : {}),
            ...(opts.name ? { name: opts.name } : {}),
            dates: {
              ...(opts.opens ? { opensOn: opts.opens } : {}),
              ...(opts.deadline ? { deadlineOn: opts.deadline } : {}),
              ...(opts.starts ? { startsOn: opts.starts } : {}),
              ...(opts.ends ? { endsOn: opts.ends } : {}),
            },
          });
          process.stdout.write(
            `Created ${created.key} (${created.status}): ${created.name}, opens ${created.opensOn}, deadline ${created.deadlineOn}, ${created.startsOn} .. ${created.endsOn}\n`,
          );
        });
      },
    );

  campaign
    .command("list")
    .description("list campaigns in the database")
    .option("--status <status>", `only this status (${CAMPAIGN_STATUSES.join(", ")})`)
    .option("--json", "print JSON")
    .action(async (opts: { status?: string; json?: boolean }) => {
      const status = opts.status || undefined;
      if (status !== undefined && !isCampaignStatus(status))
        throw new CliError("invalid_status", {
          option: "--status",
          value: status,
          choices: CAMPAIGN_STATUSES,
        });
      const { listCampaigns } = await import("../../app/campaign/manage-campaigns.ts");
      await withApp(async ({ deps }) => {
        const rows = await listCampaigns(deps, status);
        if (opts.json) {
          // 应查 / 已查 / 完成率, hazards and 提示卡 of each campaign over its own days (README, "Report figures").
          const { campaignFigures } = await import("../../app/report/campaign-figures.ts");
          const figures = await campaignFigures(deps, rows);
          printJson(
            rows.map((r) => ({
              key: r.key,
              name: r.name,
              template: r.templateId,
              status: r.status,
              skipReason: r.skipReason,
              opensOn: r.opensOn,
              deadlineOn: r.deadlineOn,
              startsOn: r.startsOn,
              endsOn: r.endsOn,
              closesOn: r.closesOn,
              provisional: r.provisional,
              selfCheck: r.selfCheck,
              origin: r.origin,
              submittedRuns: r.submittedRuns,
              figures: figures.get(r.key) ?? null,
            })),
          );
          return;
        }
        if (rows.length === 0) process.stdout.write("No campaigns.\n");
        for (const r of rows)
          process.stdout.write(
            `${r.key.padEnd(26)} ${r.status.padEnd(9)} opens ${r.opensOn}  deadline ${r.deadlineOn}  ${r.startsOn}..${r.endsOn}${r.provisional ? "  provisional" : ""}  ${r.origin}  submitted ${r.submittedRuns}  ${r.name}\n`,
          );
      });
    });

  campaign
    .command("cancel <key>")
    .description("cancel a campaign: no more reminders or cards, unsent ones withdrawn")
    .option("--reason <text>", "why (kept in the audit log)")
    .action(async (key: string, opts: { reason?: string }) => {
      const { cancelCampaign } = await import("../../app/campaign/manage-campaigns.ts");
      await withApp(async ({ deps }) => {
        const { campaign: c, withdrawn } = await cancelCampaign(deps, key, opts.reason);
        process.stdout.write(`Cancelled ${c.key}; ${withdrawn} unsent message(s) withdrawn.\n`);
      });
    });
}
