import type { Command } from "commander";
import { loadConfig } from "../../config.ts";
import { validateAllContent } from "../../content/validate-all-content.ts";
import { toShanghaiDate, yearOf } from "../../domain/calendar/local-date.ts";
import { systemClock } from "../../domain/clock.ts";

/** `xunjian check`: validates every file in prompts/ and rules/ without touching the database. */
export function registerCheck(program: Command): void {
  program
    .command("check")
    .description("validate prompts/ and rules/; exits 1 and lists file and path of every problem")
    .action(() => {
      const config = loadConfig();
      // Campaign templates are planned for this year and the next, so a date that does not work out shows now.
      const year = yearOf(toShanghaiDate(systemClock.now()));
      const result = validateAllContent(config.promptsDir, config.rulesDir, [year, year + 1]);
      if (!result.ok) {
        process.stderr.write(`${result.problems.join("\n")}\n${result.problems.length} problem(s).\n`);
        process.exitCode = 1;
        return;
      }
      const { checklists, rules, reportRules, sweepRules } = result.content;
      const questions = checklists.reduce((n, c) => n + c.questions.length, 0);
      process.stdout.write(
        `OK: ${checklists.length} checklists (${questions} questions), ${rules.length + reportRules.length + sweepRules.length} rules, ` +
          `${result.campaignTemplates} campaign templates (planned for ${year} and ${year + 1}).\n`,
      );
    });
}
