import type { Command } from "commander";
import { loadCampaignContent } from "../../app/campaign/campaign-content.ts";
import { loadConfig } from "../../config.ts";
import { describeProblems } from "../../content/content-problem.ts";
import { loadContent } from "../../content/load-content.ts";
import { toShanghaiDate, yearOf } from "../../domain/calendar/local-date.ts";
import { systemClock } from "../../domain/clock.ts";

/** `xunjian check`: validates every file in prompts/ and rules/ without touching the database. */
export function registerCheck(program: Command): void {
  program
    .command("check")
    .description("validate prompts/ and rules/; exits 1 and lists file and path of every problem")
    .action(() => {
      const config = loadConfig();
      const result = loadContent(config.promptsDir, config.rulesDir);
      // Campaign templates are planned for this year and the next, so a date that does not work out shows now.
      const year = yearOf(toShanghaiDate(systemClock.now()));
      const campaigns = loadCampaignContent(config.promptsDir, [year, year + 1]);
      if (!result.ok || !campaigns.ok) {
        const problems = [...(result.ok ? [] : result.problems), ...(campaigns.ok ? [] : campaigns.problems)];
        process.stderr.write(`${describeProblems(problems)}\n${problems.length} problem(s).\n`);
        process.exitCode = 1;
        return;
      }
      const { checklists, rules } = result.content;
      const questions = checklists.reduce((n, c) => n + c.questions.length, 0);
      process.stdout.write(
        `OK: ${checklists.length} checklists (${questions} questions), ${rules.length} rules.\n`,
      );
      process.stdout.write(
        `OK: ${campaigns.content.templates.length} campaign templates (planned for ${year} and ${year + 1}).\n`,
      );
    });
}
