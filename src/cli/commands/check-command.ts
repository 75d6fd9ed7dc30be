import type { Command } from "commander";
import { loadConfig } from "../../config.ts";
import { validateAllContent } from "../../content/validate-all-content.ts";
import { AppError } from "../../domain/app-error.ts";
import { isLocalDate, toShanghaiDate, yearOf } from "../../domain/calendar/local-date.ts";
import { systemClock } from "../../domain/clock.ts";

/** `xunjian check`: validates every file in prompts/ and rules/ without touching the database. */
export function registerCheck(program: Command): void {
  program
    .command("check")
    .description("validate prompts/ and rules/; exits 1 and lists file and path of every problem")
    .option("--at <date>", "the day citations must hold on (YYYY-MM-DD, Asia/Shanghai); default today")
    .action((options: { at?: string }) => {
      const config = loadConfig();
      if (options.at !== undefined && !isLocalDate(options.at))
        throw new AppError("invalid_input", `--at must be a date written YYYY-MM-DD, not "${options.at}"`);
      const at = options.at ?? toShanghaiDate(systemClock.now());
      // Campaign templates are planned for that year and the next, so a date that does not work out shows now.
      const year = yearOf(at);
      const result = validateAllContent(config.promptsDir, config.rulesDir, [year, year + 1], at);
      if (!result.ok) {
        process.stderr.write(`${result.problems.join("\n")}\n${result.problems.length} problem(s).\n`);
        process.exitCode = 1;
        return;
      }
      const { checklists, rules, reportRules, sweepRules } = result.content;
      const questions = checklists.reduce((n, c) => n + c.questions.length, 0);
      process.stdout.write(
        `OK: ${checklists.length} checklists (${questions} questions), ${rules.length + reportRules.length + sweepRules.length} rules, ` +
          `${result.campaignTemplates} campaign templates (planned for ${year} and ${year + 1}), ` +
          `${result.content.catalogue.instruments.length} instruments (citations hold on ${at}).\n`,
      );
    });
}
